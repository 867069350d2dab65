package siteops.purgestatus.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import siteops.common.Text;
import siteops.common.registry.SiteRegistration;
import siteops.purgestatus.PurgeStatusException;
import siteops.purgestatus.request.StatusCheck;

/**
 * Decides what one check of an invalidation means for the site's Slack channel: keep waiting, publish "purge
 * done" (or, on the last check, "still not done"), or publish nothing because the site has no topic registered.
 * Pure: the invalidation's state and the clock come in, the message text goes out.
 */
public final class CompletionNotice {
    /** The naming the IAM policy of PurgeStatusFunction allows: arn:...:sns:<region>:<account>:siteops-<site>-chatbot. */
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}");
    private static final int PATHS_SHOWN = 10;

    /** What to do after one check. */
    public sealed interface Decision {
        /** CloudFront is still working and checks are left: publish nothing, the state machine waits again. */
        record KeepWaiting() implements Decision {}

        /** Publish this notification to the site's topic. */
        record Publish(String topicArn, ChatbotNotification notification, boolean completed, boolean gaveUp) implements Decision {}

        /** Something was due, but the site's registry entry names no topic: say why. */
        record NoTopic(String reason, boolean completed, boolean gaveUp) implements Decision {}
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
            return new Decision.NoTopic("site '" + site.site() + "' has no notificationTopicArn in its registry entry " + site.parameterName()
                    + ", so no Slack channel was told; the site's Terraform (slack-purge) writes it", completed, !completed);
        }
        if (!TOPIC_ARN.matcher(site.notificationTopicArn()).matches()) {
            throw new PurgeStatusException("site '" + site.site() + "' has a malformed notificationTopicArn '"
                    + Text.abbreviate(site.notificationTopicArn()) + "' in " + site.parameterName()
                    + " (an SNS topic ARN is expected); fix the entry (the site's Terraform writes it); nothing was published");
        }
        // pathList counts at least the paths it is given, so CloudFront's own list needs no count of its own.
        String paths = pathList(check.typedPaths().isEmpty() ? cloudFrontPaths : check.typedPaths(), check.pathCount());
        Duration took = createTime == null ? null : Duration.between(createTime, now);
        Map<String, String> context = new LinkedHashMap<>();
        context.put("site", site.site());
        context.put("distributionId", site.distributionId());
        context.put("invalidationId", check.invalidationId());
        List<String> keywords = List.of(site.site(), "purge");
        ChatbotNotification notification = completed
                ? ChatbotNotification.of(check.invalidationId(),
                        ":white_check_mark: Purge done on " + site.displayName(),
                        "Site *" + site.site() + "*: CloudFront finished purging " + paths
                                + (took == null ? "" : " in " + elapsed(took)) + " (invalidation " + check.invalidationId()
                                + "). Visitors now get the fresh pages.",
                        "siteops.purge.completed", context, keywords)
                : ChatbotNotification.of(check.invalidationId(),
                        ":hourglass: Purge still running on " + site.displayName(),
                        "Site *" + site.site() + "*: CloudFront has not finished purging " + paths
                                + (took == null ? "" : " " + elapsed(took) + " after the request") + " (invalidation " + check.invalidationId()
                                + "), and this channel will not be told when it does. Pages usually refresh anyway; if they stay old, "
                                + "purge again or check the invalidation in the CloudFront console.",
                        "siteops.purge.gave-up", context, keywords);
        return new Decision.Publish(site.notificationTopicArn(), notification, completed, !completed);
    }

    /** The paths as code spans (a bare /news/* would turn into italics in Slack), the first few and how many more. */
    static String pathList(List<String> paths, int total) {
        if (paths.isEmpty()) {
            return "the requested paths";
        }
        List<String> shown = new ArrayList<>();
        for (String path : paths.subList(0, Math.min(PATHS_SHOWN, paths.size()))) {
            shown.add("`" + Text.abbreviate(path.replace("`", "'")) + "`");
        }
        int more = Math.max(total, paths.size()) - shown.size();
        return String.join(" ", shown) + (more > 0 ? " and " + more + " more" : "");
    }

    /** How long since the request, as precise as a check every 30 seconds allows. */
    static String elapsed(Duration took) {
        long seconds = Math.max(0, took.toSeconds());
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = Math.round(seconds / 60.0);
        return String.format(Locale.ROOT, "about %d %s", minutes, minutes == 1 ? "minute" : "minutes");
    }
}
