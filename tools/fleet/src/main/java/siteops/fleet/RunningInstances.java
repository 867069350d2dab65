package siteops.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ssm.model.Target;

/**
 * Reads which running instances the targets match (EC2 DescribeInstances with the same tag filters SSM will use;
 * read-only) and turns the selection into SendCommand Targets, one list per command.
 */
public final class RunningInstances {

    /** The instances found, the Targets of each command to send, and --site patterns that matched nothing. */
    public record Selection(List<FleetInstance> instances, List<List<Target>> commandTargets, List<String> unmatchedPatterns) {
        public boolean isEmpty() {
            return instances.isEmpty();
        }

        /** How the SendCommand Targets read, e.g. {@code tag:siteops:site=a,b}; one entry per command. */
        public List<String> describeTargets() {
            return commandTargets.stream().map(targets -> String.join(" and ", targets.stream()
                    .map(t -> t.key() + "=" + String.join(",", t.values())).toList())).toList();
        }
    }

    private final Ec2Client ec2;

    public RunningInstances(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    public Selection select(Targets targets) {
        return switch (targets.kind()) {
            case ALL -> {
                List<FleetInstance> found = describe(Filter.builder().name("tag-key").values(Targets.SITE_TAG).build());
                yield new Selection(found, List.of(List.of(target("tag-key", List.of(Targets.SITE_TAG)))), List.of());
            }
            case ENV -> {
                List<FleetInstance> found = describe(Filter.builder().name("tag:" + Targets.ENV_TAG).values(targets.values()).build());
                yield new Selection(found, List.of(List.of(target("tag:" + Targets.ENV_TAG, targets.values()))), List.of());
            }
            case SITES -> {
                // One read of every running site instance: globs are expanded here because SSM matches values exactly.
                List<FleetInstance> all = describe(Filter.builder().name("tag-key").values(Targets.SITE_TAG).build());
                SiteSelection.Expansion expansion = SiteSelection.expand(targets.values(),
                        all.stream().map(FleetInstance::site).distinct().toList());
                Set<String> chosen = Set.copyOf(expansion.sites());
                List<List<Target>> commands = SiteSelection.batches(expansion.sites()).stream()
                        .map(batch -> List.of(target("tag:" + Targets.SITE_TAG, batch))).toList();
                yield new Selection(all.stream().filter(i -> chosen.contains(i.site())).toList(), commands, expansion.unmatched());
            }
        };
    }

    private static Target target(String key, List<String> values) {
        return Target.builder().key(key).values(values).build();
    }

    private List<FleetInstance> describe(Filter tagFilter) {
        List<FleetInstance> found = new ArrayList<>();
        ec2.describeInstancesPaginator(r -> r.filters(tagFilter, Filter.builder().name("instance-state-name").values("running").build()))
                .reservations().forEach(reservation -> reservation.instances().forEach(instance -> found.add(of(instance))));
        found.sort(Comparator.comparing(FleetInstance::site).thenComparing(FleetInstance::instanceId));
        return found;
    }

    private static FleetInstance of(Instance instance) {
        return new FleetInstance(instance.instanceId(), tag(instance, Targets.SITE_TAG), tag(instance, Targets.ENV_TAG));
    }

    private static String tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse("-");
    }
}
