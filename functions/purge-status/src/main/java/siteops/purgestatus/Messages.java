package siteops.purgestatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import siteops.common.Text;
import siteops.common.registry.SiteRegistration;

/**
 * The words of the purge-status function: the Slack message of a finished (or given up) purge, why nothing was
 * published, and the refusals of a check that cannot be made. The parser ({@code StatusCheck}) and the rules
 * ({@code CompletionNotice}) decide; this class says it.
 */
public final class Messages {
    private static final int PATHS_SHOWN = 10;
    /** A whole check, as the refusals of a malformed one show it. */
    private static final String EXAMPLE = "{\"site\": \"news\", \"invalidationId\": \"I2J0I21PCUYOIK\"}";

    private Messages() {}

    // ---- the check's fields ----

    public static String notAnObject() {
        return "the event must be a JSON object like " + EXAMPLE;
    }

    public static String unknownField(String name) {
        return "unknown field '" + Text.abbreviate(name) + "': a status check has site, invalidationId, and optionally paths, "
                + "pathCount and lastCheck, like " + EXAMPLE;
    }

    /** @param found what the field holds ("nothing", "number", "string"...); @param site its text, or null */
    public static String notASiteName(String found, String site) {
        return "'site' must be a registered site's name (lower-case letters, digits and '-'), got " + found
                + (site == null ? "" : " '" + Text.abbreviate(site) + "'") + "; like " + EXAMPLE;
    }

    /** @param found what the field holds ("nothing", "number", "string"...); @param invalidationId its text, or null */
    public static String notAnInvalidationId(String found, String invalidationId) {
        return "'invalidationId' must be a CloudFront invalidation id such as I2J0I21PCUYOIK, got " + found
                + (invalidationId == null ? "" : " '" + Text.abbreviate(invalidationId) + "'");
    }

    public static String pathCountTooSmall(int pathsGiven) {
        return "'pathCount' must be a whole number, at least the number of paths given (" + pathsGiven + ")";
    }

    public static String lastCheckNotBoolean() {
        return "'lastCheck' must be true or false";
    }

    public static String pathsNotAList() {
        return "'paths' must be a list of the paths as the editor typed them";
    }

    public static String pathNotText(String found) {
        return "'paths' must contain only text values, found " + found;
    }

    // ---- the site and its invalidation ----

    public static String unknownInvalidation(SiteRegistration site, String invalidationId) {
        return "unknown invalidation " + invalidationId + ": CloudFront distribution " + site.distributionId() + " of site '"
                + site.site() + "' has no such invalidation; nothing was published";
    }

    public static String staleDistribution(SiteRegistration site) {
        return "site '" + site.site() + "' points at CloudFront distribution " + site.distributionId()
                + ", which does not exist: its registry entry " + site.parameterName() + " is stale; nothing was published";
    }

    public static String malformedTopic(SiteRegistration site) {
        return "site '" + site.site() + "' has a malformed notificationTopicArn '" + Text.abbreviate(site.notificationTopicArn())
                + "' in " + site.parameterName() + " (an SNS topic ARN is expected); fix the entry (the site's Terraform writes it); "
                + "nothing was published";
    }

    /** Why nothing was published although something was due. */
    public static String noTopic(SiteRegistration site) {
        return "site '" + site.site() + "' has no notificationTopicArn in its registry entry " + site.parameterName()
                + ", so no Slack channel was told; the site's Terraform (slack-purge) writes it";
    }

    // ---- the Slack message ----

    public static String doneTitle(SiteRegistration site) {
        return ":white_check_mark: Purge done on " + site.displayName();
    }

    /** @param took from the request to this check, or null when CloudFront did not say when it was created */
    public static String done(SiteRegistration site, String invalidationId, List<String> paths, int pathCount, Duration took) {
        return "Site *" + site.site() + "*: CloudFront finished purging " + pathList(paths, pathCount)
                + (took == null ? "" : " in " + elapsed(took)) + " (invalidation " + invalidationId
                + "). Visitors now get the fresh pages.";
    }

    public static String stillRunningTitle(SiteRegistration site) {
        return ":hourglass: Purge still running on " + site.displayName();
    }

    /** @param took from the request to this check, or null when CloudFront did not say when it was created */
    public static String stillRunning(SiteRegistration site, String invalidationId, List<String> paths, int pathCount, Duration took) {
        return "Site *" + site.site() + "*: CloudFront has not finished purging " + pathList(paths, pathCount)
                + (took == null ? "" : " " + elapsed(took) + " after the request") + " (invalidation " + invalidationId
                + "), and this channel will not be told when it does. Pages usually refresh anyway; if they stay old, "
                + "purge again or check the invalidation in the CloudFront console.";
    }

    /** The paths as code spans (a bare /news/* would turn into italics in Slack), the first few and how many more. */
    public static String pathList(List<String> paths, int total) {
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
    public static String elapsed(Duration took) {
        long seconds = Math.max(0, took.toSeconds());
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = Math.round(seconds / 60.0);
        return String.format(Locale.ROOT, "about %d %s", minutes, minutes == 1 ? "minute" : "minutes");
    }
}
