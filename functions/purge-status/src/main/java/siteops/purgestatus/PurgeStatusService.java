package siteops.purgestatus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import siteops.common.Log;
import siteops.common.registry.SiteRegistration;
import siteops.common.registry.SiteRegistry;
import siteops.purgestatus.cloudfront.InvalidationReader;
import siteops.purgestatus.request.StatusCheck;
import siteops.purgestatus.rules.CompletionNotice;
import siteops.purgestatus.rules.CompletionNotice.Decision;
import siteops.purgestatus.sns.ChatbotTopic;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/** One check: parse, look the site up, read the invalidation, decide, publish at most one message, and say what happened. */
public final class PurgeStatusService {
    private final SiteRegistry registry;
    private final InvalidationReader invalidations;
    private final ChatbotTopic topic;
    private final Clock clock;

    public PurgeStatusService(SiteRegistry registry, InvalidationReader invalidations, ChatbotTopic topic, Clock clock) {
        this.registry = registry;
        this.invalidations = invalidations;
        this.topic = topic;
        this.clock = clock;
    }

    public StatusResult check(JsonNode event) {
        StatusCheck check = StatusCheck.parse(event);
        SiteRegistration site = registry.lookup(check.site());
        Invalidation invalidation = invalidations.read(site, check.invalidationId());
        Instant now = clock.instant();
        List<String> cloudFrontPaths = invalidation.invalidationBatch() == null || invalidation.invalidationBatch().paths() == null
                ? List.of() : invalidation.invalidationBatch().paths().items();
        Decision decision = CompletionNotice.decide(check, site, invalidation.status(), invalidation.createTime(), cloudFrontPaths, now);
        return switch (decision) {
            case Decision.KeepWaiting waiting -> {
                Log.info("invalidation still in progress", "site", site.site(), "invalidationId", check.invalidationId());
                yield StatusResult.stillInProgress();
            }
            case Decision.NoTopic noTopic -> {
                Log.warn("nothing published: no topic registered", "site", site.site(), "invalidationId", check.invalidationId(),
                        "completed", noTopic.completed());
                yield new StatusResult(status(noTopic.completed()), false, noTopic.gaveUp() ? true : null, Messages.noTopic(site),
                        null);
            }
            case Decision.Publish publish -> {
                String messageId = topic.publish(publish.topicArn(), publish.notification());
                Log.info(publish.completed() ? "purge done published" : "gave up waiting, published", "site", site.site(),
                        "invalidationId", check.invalidationId(), "topicArn", publish.topicArn(), "messageId", messageId);
                yield new StatusResult(status(publish.completed()), true, publish.gaveUp() ? true : null, null,
                        publish.notification().content().description());
            }
        };
    }

    private static StatusResult.Status status(boolean completed) {
        return completed ? StatusResult.Status.COMPLETED : StatusResult.Status.IN_PROGRESS;
    }
}
