package siteops.purge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import siteops.common.Log;
import siteops.common.registry.SiteRegistration;
import siteops.common.registry.SiteRegistry;
import siteops.purge.cloudfront.CloudFrontPurger;
import siteops.purge.completion.CompletionWatch;
import siteops.purge.request.PurgeRequest;
import siteops.purge.rules.InvalidationPlan;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/** One purge: parse the request, look the site up, plan the paths, invalidate, and describe the result. */
public final class PurgeService {
    private static final int PATHS_SHOWN = 5;
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(2);
    /** Purges per site for dashboards (Embedded Metric Format, dimension {@code site}); infra/README "purge metrics". */
    static final String METRICS_NAMESPACE = "siteops/Purge";

    private final PurgeConfig config;
    private final SiteRegistry registry;
    private final CloudFrontPurger purger;
    private final CompletionWatch completionWatch;
    private final Clock clock;

    public PurgeService(PurgeConfig config, SiteRegistry registry, CloudFrontPurger purger, CompletionWatch completionWatch, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.purger = purger;
        this.completionWatch = completionWatch;
        this.clock = clock;
    }

    public PurgeResult purge(JsonNode event) {
        Instant received = clock.instant();
        PurgeRequest request = PurgeRequest.parse(event);
        SiteRegistration site = registry.lookup(request.site());
        InvalidationPlan plan = InvalidationPlan.of(request, site, received, config.sameRequestWindow());
        if (request.dryRun()) {
            // Validated and planned like a purge; nothing from here on (CloudFront, what follows a purge) runs.
            return preview(site, plan);
        }
        Invalidation invalidation = invalidate(site, plan);
        boolean alreadyRequested = createdBefore(invalidation, received);
        if (!alreadyRequested) {
            Log.count(METRICS_NAMESPACE, "PurgeRequests", "site", site.site());
        }
        List<String> notes = new ArrayList<>(plan.notes());
        completionWatch.start(site, invalidation.id(), request.entries()).ifPresent(notes::add);
        Log.info(alreadyRequested ? "same purge already requested" : "invalidation created", "site", site.site(),
                "distributionId", site.distributionId(), "invalidationId", invalidation.id(), "status", invalidation.status(),
                "pathCount", plan.paths().size(), "wildcards", plan.wildcards(), "callerReference", plan.callerReference());
        return new PurgeResult(site.site(), site.distributionId(), invalidation.id(), invalidation.status(), plan.paths(),
                plan.callerReference(), invalidation.createTime() == null ? null : invalidation.createTime().toString(),
                alreadyRequested, List.copyOf(notes),
                alreadyRequested ? repeatMessage(site, invalidation, config.sameRequestWindow()) : message(site, plan.paths(), invalidation));
    }

    private static PurgeResult preview(SiteRegistration site, InvalidationPlan plan) {
        Log.info("dry run: invalidation not sent", "site", site.site(), "distributionId", site.distributionId(),
                "pathCount", plan.paths().size(), "wildcards", plan.wildcards(), "callerReference", plan.callerReference());
        return new PurgeResult(site.site(), site.distributionId(), null, null, plan.paths(), plan.callerReference(), null,
                false, plan.notes(), dryRunMessage(site, plan.paths()), true);
    }

    /**
     * Creates the invalidation; a valid request for a known site that still gets none counts as {@code PurgeFailures}
     * for that site. Refusals of the input (already counted as BadInput) do not.
     */
    private Invalidation invalidate(SiteRegistration site, InvalidationPlan plan) {
        try {
            return purger.purge(site, plan);
        } catch (PurgeRequestException refused) {
            throw refused;
        } catch (RuntimeException failed) {
            Log.count(METRICS_NAMESPACE, "PurgeFailures", "site", site.site());
            throw failed;
        }
    }

    /**
     * CloudFront answered an identical request of the same window with the earlier invalidation (a double click, a
     * Chatbot retry). A few seconds of tolerance absorb the clock difference between Lambda and CloudFront.
     */
    static boolean createdBefore(Invalidation invalidation, Instant received) {
        return invalidation.createTime() != null && invalidation.createTime().isBefore(received.minus(CLOCK_TOLERANCE));
    }

    static String repeatMessage(SiteRegistration site, Invalidation invalidation, Duration window) {
        String at = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(invalidation.createTime());
        return "The same purge on " + site.displayName() + " was already requested at " + at + " (invalidation "
                + invalidation.id() + ", " + invalidation.status() + "); nothing new was sent. If you published again since, "
                + "purge again after " + window.toSeconds() + " seconds.";
    }

    /** One line for Slack; paths shown decoded (/ニュース/ rather than /%E3%83%8B...), the result's paths stay exact. */
    static String message(SiteRegistration site, List<String> paths, Invalidation invalidation) {
        return "Purging " + pathsOn(site, paths) + " (invalidation " + invalidation.id() + ", " + invalidation.status()
                + "). Fresh pages within a few minutes.";
    }

    static String dryRunMessage(SiteRegistration site, List<String> paths) {
        return "Dry run, nothing was purged: a purge would invalidate " + pathsOn(site, paths)
                + ". Use purge with the same words to purge.";
    }

    private static String pathsOn(SiteRegistration site, List<String> paths) {
        String shown = String.join(" ", paths.subList(0, Math.min(PATHS_SHOWN, paths.size())).stream().map(PurgeService::readable).toList())
                + (paths.size() > PATHS_SHOWN ? " and " + (paths.size() - PATHS_SHOWN) + " more" : "");
        return paths.size() + (paths.size() == 1 ? " path" : " paths") + " on " + site.displayName() + ": " + shown;
    }

    /** Percent-decodes a path for people; a sequence that is not UTF-8 text stays encoded. */
    static String readable(String path) {
        var bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return path;
        }
    }
}
