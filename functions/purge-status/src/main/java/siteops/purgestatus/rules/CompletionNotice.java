package siteops.purgestatus.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import siteops.common.registry.SiteRegistration;
import siteops.purgestatus.Messages;
import siteops.purgestatus.PurgeStatusException;
import siteops.purgestatus.request.StatusCheck;

/**
 * Decides what one check of an invalidation means for the site's Slack channel: keep waiting, publish "purge
 * done" (or, on the last check, "still not done"), or publish nothing because the site has no topic registered.
 * Pure: the invalidation's state and the clock come in, the message goes out (its words are {@code Messages}').
 */
public final class CompletionNotice {
    /** The naming the IAM policy of PurgeStatusFunction allows: arn:...:sns:<region>:<account>:siteops-<site>-chatbot. */
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}");

    /** What to do after one check. */
    public sealed interface Decision {
        /** CloudFront is still working and checks are left: publish nothing, the state machine waits again. */
        record KeepWaiting() implements Decision {}

        /** Publish this notification to the site's topic. */
        record Publish(String topicArn, ChatbotNotification notification, boolean completed, boolean gaveUp) implements Decision {}

        /** Something was due, but the site's registry entry names no topic ({@code Messages#noTopic} says so). */
        record NoTopic(boolean completed, boolean gaveUp) implements Decision {}
    }

    private CompletionNotice() {}

    /**
     * @param status         CloudFront's status of the invalidation ("Completed" when done, in any letter case)
     * @param createTime     when CloudFront created the invalidation (null if unknown)
     * @param cloudFrontPaths the invalidation's paths, shown when the check does not carry the typed ones
     */
    public static Decision decide(StatusCheck check, SiteRegistration site, String status, Instant createTime,
                                  List<String> cloudFrontPaths, Instant now) {
        boolean completed = "Completed".equalsIgnoreCase(status);
        if (!completed && !check.lastCheck()) {
            return new Decision.KeepWaiting();
        }
        if (site.notificationTopicArn() == null) {
            return new Decision.NoTopic(completed, !completed);
        }
        if (!TOPIC_ARN.matcher(site.notificationTopicArn()).matches()) {
            throw new PurgeStatusException(Messages.malformedTopic(site));
        }
        // The paths the editor typed, or CloudFront's own when the check does not carry them (the message counts at
        // least the paths it is given, so CloudFront's list needs no count of its own).
        List<String> paths = check.typedPaths().isEmpty() ? cloudFrontPaths : check.typedPaths();
        Duration took = createTime == null ? null : Duration.between(createTime, now);
        Map<String, String> context = new LinkedHashMap<>();
        context.put("site", site.site());
        context.put("distributionId", site.distributionId());
        context.put("invalidationId", check.invalidationId());
        List<String> keywords = List.of(site.site(), "purge");
        ChatbotNotification notification = completed
                ? ChatbotNotification.of(check.invalidationId(), Messages.doneTitle(site),
                        Messages.done(site, check.invalidationId(), paths, check.pathCount(), took),
                        "siteops.purge.completed", context, keywords)
                : ChatbotNotification.of(check.invalidationId(), Messages.stillRunningTitle(site),
                        Messages.stillRunning(site, check.invalidationId(), paths, check.pathCount(), took),
                        "siteops.purge.gave-up", context, keywords);
        return new Decision.Publish(site.notificationTopicArn(), notification, completed, !completed);
    }
}
