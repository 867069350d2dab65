package siteops.fleet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import siteops.common.AwsClients;
import siteops.common.ConfigurationException;
import siteops.common.Environment;
import siteops.common.Json;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * bin/fleet: parse the whole command line, read the targets from EC2, then send, wait and report. Exit codes: 0 every
 * targeted instance succeeded (or the listing/dry run found instances), 1 any did not or none matched, 2 usage.
 */
public final class Fleet {
    public static final String DEFAULT_LOG_GROUP = "/siteops/fleet/run-command";
    static final Duration DEFAULT_POLL = Duration.ofSeconds(3);

    /** The SDK clients bin/fleet uses, built once. */
    public record Clients(Ec2Client ec2, SsmClient ssm, S3Client s3, CloudWatchLogsClient logs) {
        static Clients fromEnvironment(Region region) {
            Duration timeout = Duration.ofSeconds(30);
            return new Clients(AwsClients.build(Ec2Client.builder(), region, timeout), AwsClients.build(SsmClient.builder(), region, timeout),
                    AwsClients.build(S3Client.builder(), region, timeout), AwsClients.build(CloudWatchLogsClient.builder(), region, timeout));
        }
    }

    /** Tuning read from the environment: how often to poll and where Run Command writes the full output. */
    public record Settings(Duration pollInterval, String logGroup) {
        static Settings from(Environment env) {
            String poll = env.optional("SITEOPS_FLEET_POLL_SECONDS", null);
            Duration interval = DEFAULT_POLL;
            if (poll != null) {
                try {
                    interval = Duration.ofMillis(Math.round(Double.parseDouble(poll) * 1000));
                } catch (NumberFormatException e) {
                    throw new ConfigurationException("SITEOPS_FLEET_POLL_SECONDS '" + poll + "' is not a number of seconds");
                }
                if (interval.toMillis() < 10 || interval.compareTo(CommandRunner.MAX_POLL_INTERVAL) > 0) {
                    throw new ConfigurationException("SITEOPS_FLEET_POLL_SECONDS must be between 0.01 and 30");
                }
            }
            return new Settings(interval, env.optional("SITEOPS_FLEET_LOG_GROUP", DEFAULT_LOG_GROUP));
        }
    }

    private final Clients clients;
    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private CommandRunner.Sleeper sleeper;
    private CommandRunner runner;

    public Fleet(Clients clients, Settings settings, PrintStream out, PrintStream err, Clock clock) {
        this.clients = clients;
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Tests: a sleeper that does not wait (and may press Ctrl-C through {@link #interrupt()}). */
    Fleet sleeper(CommandRunner.Sleeper replacement) {
        this.sleeper = replacement;
        return this;
    }

    /** What Ctrl-C does: ask the running commands to cancel. */
    void interrupt() {
        CommandRunner current = runner;
        if (current != null) {
            current.requestCancel();
        }
    }

    public static void main(String[] args) {
        FleetRequest request;
        try {
            request = FleetArguments.parse(List.of(args));
        } catch (UsageException e) {
            System.err.println("fleet: " + e.getMessage() + "\n" + FleetArguments.USAGE);
            System.exit(2);
            return;
        }
        Fleet fleet;
        try {
            Environment env = Environment.system();
            fleet = new Fleet(Clients.fromEnvironment(AwsClients.region(env)), Settings.from(env), System.out, System.err, Clock.systemUTC());
        } catch (ConfigurationException e) {
            System.err.println("fleet: " + e.getMessage());
            System.exit(2);
            return;
        }
        CtrlC.onInterrupt(fleet::interrupt);
        int code = fleet.execute(request);
        System.out.flush();
        System.exit(code);
    }

    /** Parses and runs; the in-process entry point of the tests. */
    public int run(List<String> args) {
        try {
            return execute(FleetArguments.parse(args));
        } catch (UsageException e) {
            err.println("fleet: " + e.getMessage() + "\n" + FleetArguments.USAGE);
            return 2;
        }
    }

    int execute(FleetRequest request) {
        List<String> sent = new ArrayList<>();
        try {
            return switch (request) {
                case FleetRequest.ListTargets list -> list(list);
                case FleetRequest.Run run -> run(run, sent);
                case FleetRequest.Archive archive -> archive(archive, sent);
            };
        } catch (SdkException e) {
            err.println("fleet: AWS error: " + e.getMessage() + (sent.isEmpty() ? "" : " (commands sent: " + String.join(", ", sent)
                    + "; follow them in the Run Command console)"));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("fleet: interrupted" + (sent.isEmpty() ? "" : "; commands sent: " + String.join(", ", sent)));
            return 1;
        }
    }

    private int list(FleetRequest.ListTargets request) {
        RunningInstances.Selection selection = select(request.targets());
        if (request.json()) {
            out.println(Json.text(instancesJson(selection.instances())));
        } else {
            printInstances(selection.instances());
        }
        return noMatch(request.targets(), selection) ? 1 : 0;
    }

    private int run(FleetRequest.Run request, List<String> sent) throws InterruptedException {
        RunningInstances.Selection selection = select(request.targets());
        if (noMatch(request.targets(), selection)) {
            if (request.json()) {
                out.print(new ResultReport(List.of(), List.of()).json());
            }
            return 1;
        }
        CommandSpec spec = request.command();
        if (request.dryRun() && request.json()) {
            ObjectNode root = instancesJson(selection.instances());
            root.put("dryRun", true).put("document", spec.document()).put("maxConcurrency", spec.maxConcurrency())
                    .put("maxErrors", spec.maxErrors()).put("timeoutSeconds", spec.timeoutSeconds());
            root.set("parameters", Json.MAPPER.valueToTree(spec.parameters()));
            ArrayNode commands = root.putArray("commandTargets");
            selection.describeTargets().forEach(commands::add);
            out.println(Json.text(root));
            return 0;
        }
        if (request.dryRun()) {
            printInstances(selection.instances());
            out.println("dry run: nothing sent. Would send " + spec.document() + " " + parametersText(spec.parameters()) + " to "
                    + selection.instances().size() + " running instance(s) in " + selection.commandTargets().size() + " command(s), Targets "
                    + String.join(" | ", selection.describeTargets()) + ", max concurrency " + spec.maxConcurrency() + ", max errors "
                    + spec.maxErrors() + ", timeout " + spec.timeoutSeconds() + " s");
            return 0;
        }
        ResultReport report = sendAndWait(spec, selection, sent);
        out.print(request.json() ? report.json() : report.text());
        return report.exitCode();
    }

    private ResultReport sendAndWait(CommandSpec spec, RunningInstances.Selection selection, List<String> sent) throws InterruptedException {
        CommandRunner commands = new CommandRunner(clients.ssm(), new FullOutput(clients.s3(), clients.logs()), new Progress(err, clock), err,
                settings.pollInterval(), settings.logGroup());
        if (sleeper != null) {
            commands.sleeper(sleeper);
        }
        runner = commands;
        sent.addAll(commands.send(spec, selection.commandTargets()));
        List<InstanceResult> results = commands.await(sent, selection.instances());
        return new ResultReport(sent, results);
    }

    private int archive(FleetRequest.Archive request, List<String> sent) throws InterruptedException {
        Targets targets = Targets.sites(List.of(request.site()));
        RunningInstances.Selection selection = select(targets);
        if (noMatch(targets, selection)) {
            return 1;
        }
        if (selection.instances().size() > 1) {
            err.println("fleet: " + selection.instances().size() + " running instances carry siteops:site=" + request.site()
                    + "; archive copies from the site's one server: stop the others or archive by hand");
            return 1;
        }
        String bucket = request.bucket() != null ? request.bucket() : findArchiveBucket(request.site());
        if (bucket == null) {
            return 1;
        }
        String script = SiteArchive.script(bucket);
        CommandSpec spec = new CommandSpec(FleetRequest.Run.SHELL_DOCUMENT,
                Map.of("commands", List.of(script), "executionTimeout", List.of(String.valueOf(request.timeoutSeconds()))),
                "1", "0", request.timeoutSeconds(), "bin/fleet archive " + request.site());
        err.println("fleet: copying " + SiteArchive.PUBLISHED_HTML + " of " + request.site() + " to s3://" + bucket + "/ (aws s3 sync on the server)");
        ResultReport report = sendAndWait(spec, selection, sent);
        InstanceResult result = report.results().getFirst();
        if (!result.succeeded()) {
            out.print(report.text());
            err.println("fleet: the copy did not succeed; nothing to switch yet");
            return 1;
        }
        var server = SiteArchive.serverCount(result.output());
        if (server.isEmpty()) {
            err.println("fleet: the server's output has no '" + SiteArchive.COUNT_MARK + "...' line; cannot verify the copy");
            return 1;
        }
        long[] inBucket = new long[2];
        clients.s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o -> {
            inBucket[0]++;
            inBucket[1] += o.size();
        });
        SiteArchive.Count bucketCount = new SiteArchive.Count(inBucket[0], inBucket[1]);
        String mismatch = SiteArchive.mismatch(server.get(), bucketCount);
        if (mismatch != null) {
            err.println("fleet: " + mismatch);
            return 1;
        }
        err.println("fleet: the server counted " + server.get() + "; s3://" + bucket + "/ holds the same");
        SiteArchive.plan(request.site(), bucket).forEach(out::println);
        return 0;
    }

    /** The archive site's content bucket: named by the archive-site module's prefix, readable by CloudFront. */
    private String findArchiveBucket(String site) {
        String prefix = SiteArchive.bucketPrefix(site);
        List<String> candidates = new ArrayList<>();
        for (Bucket bucket : clients.s3().listBuckets(r -> r.prefix(prefix)).buckets()) {
            if (!bucket.name().startsWith(prefix)) {
                continue;
            }
            try {
                String policy = clients.s3().getBucketPolicy(r -> r.bucket(bucket.name())).policy();
                if (policy != null && policy.contains("cloudfront.amazonaws.com")) {
                    candidates.add(bucket.name());
                }
            } catch (S3Exception e) {
                // no policy (NoSuchBucketPolicy) or not ours to read: not an archive content bucket
            }
        }
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        err.println(candidates.isEmpty()
                ? "fleet: no archive bucket for " + site + " (a bucket " + prefix + "* that CloudFront reads): do step 1 first (create "
                        + SiteArchive.archiveSite(site) + " with template: archive), or give --bucket"
                : "fleet: several archive buckets for " + site + ": " + String.join(", ", candidates) + "; choose one with --bucket");
        return null;
    }

    private RunningInstances.Selection select(Targets targets) {
        RunningInstances.Selection selection = new RunningInstances(clients.ec2()).select(targets);
        selection.unmatchedPatterns().forEach(pattern -> err.println("fleet: --site '" + pattern + "' matched no running instance"));
        return selection;
    }

    private boolean noMatch(Targets targets, RunningInstances.Selection selection) {
        if (!selection.isEmpty()) {
            return false;
        }
        err.println("fleet: no instance matched (tags looked for: " + targets.describe() + ", running instances only)");
        return true;
    }

    private static ObjectNode instancesJson(List<FleetInstance> found) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode instances = root.putArray("instances");
        found.forEach(i -> instances.addObject().put("instanceId", i.instanceId()).put("site", i.site()).put("env", i.env()));
        root.put("count", found.size());
        return root;
    }

    private void printInstances(List<FleetInstance> instances) {
        int width = Math.max(4, instances.stream().mapToInt(i -> i.site().length()).max().orElse(0));
        String format = "%-" + width + "s  %-4s  %s";
        out.println(String.format(format, "SITE", "ENV", "INSTANCE"));
        instances.forEach(i -> out.println(String.format(format, i.site(), i.env(), i.instanceId())));
    }

    private static String parametersText(Map<String, List<String>> parameters) {
        return parameters.isEmpty() ? "(no parameters)" : Json.text(parameters);
    }
}
