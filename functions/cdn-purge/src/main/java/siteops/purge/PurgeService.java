package siteops.purge;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
        List<String> notes = new ArrayList<>(words(plan));
        completionWatch.start(site, invalidation.id(), request.entries()).ifPresent(notes::add);
        Log.info(alreadyRequested ? "same purge already requested" : "invalidation created", "site", site.site(),
                "distributionId", site.distributionId(), "invalidationId", invalidation.id(), "status", invalidation.status(),
                "pathCount", plan.paths().size(), "wildcards", plan.wildcards(), "callerReference", plan.callerReference());
        return new PurgeResult(site.site(), site.distributionId(), invalidation.id(), invalidation.status(), plan.paths(),
                plan.callerReference(), invalidation.createTime() == null ? null : invalidation.createTime().toString(),
                alreadyRequested, List.copyOf(notes),
                alreadyRequested ? Messages.alreadyRequested(site, invalidation, config.sameRequestWindow())
                        : Messages.purging(site, plan.paths(), invalidation));
    }

    private static PurgeResult preview(SiteRegistration site, InvalidationPlan plan) {
        Log.info("dry run: invalidation not sent", "site", site.site(), "distributionId", site.distributionId(),
                "pathCount", plan.paths().size(), "wildcards", plan.wildcards(), "callerReference", plan.callerReference());
        return new PurgeResult(site.site(), site.distributionId(), null, null, plan.paths(), plan.callerReference(), null,
                false, words(plan), Messages.dryRun(site, plan.paths()), true);
    }

    private static List<String> words(InvalidationPlan plan) {
        return plan.notes().stream().map(Messages::note).toList();
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
}
