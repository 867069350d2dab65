package siteops.purge;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import siteops.common.Text;
import siteops.common.registry.SiteRegistration;
import siteops.purge.rules.InvalidationPlan;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/**
 * The words of the purge function: what an editor reads in Slack when a purge is accepted, refused, fails or comes
 * with notes, and the few failures only the log shows. The parser ({@code PurgeRequest}) and the rules
 * ({@code InvalidationPlan}, {@code CloudFrontPurger}) decide; this class says it, naming the problem and the fix.
 */
public final class Messages {
    private static final int PATHS_SHOWN = 5;
    /** A whole request, as the refusals of a malformed one show it. */
    static final String EXAMPLE = "{\"site\": \"news\", \"paths\": \"/index.html /news/*\"}";

    private Messages() {}

    // ---- the request's fields ----

    public static String notAnObject() {
        return "the request must be a JSON object like " + EXAMPLE;
    }

    public static String unknownField(String name) {
        return "unknown field '" + name + "': a purge request has only 'site', 'paths' and the optional 'dryRun', like " + EXAMPLE;
    }

    /** @param found what the field holds instead ("string", "number"...) */
    public static String dryRunNotBoolean(String found) {
        return "'dryRun' must be true or false (without quotes), found " + found;
    }

    public static String siteMissing() {
        return "'site' is missing: name the site to purge, like " + EXAMPLE;
    }

    public static String siteNotText() {
        return "'site' must be a text value (the site's name), like " + EXAMPLE;
    }

    public static String siteEmpty() {
        return "'site' is empty: name the site to purge, like " + EXAMPLE;
    }

    public static String notASiteName(String site) {
        return "'" + Text.abbreviate(site) + "' is not a site name: site names use only letters, digits and '-' (up to 63 "
                + "characters), e.g. \"news\"";
    }

    public static String pathsMissing() {
        return "'paths' is missing: list the paths or URLs to purge, like " + EXAMPLE;
    }

    /** @param found what an item of the list is instead of text ("number", "object"...) */
    public static String pathNotText(String found) {
        return "'paths' must contain only text values (paths or URLs), found " + found;
    }

    public static String pathsNotAList() {
        return "'paths' must be a list of paths or one text of paths separated by spaces, commas or new lines";
    }

    public static String pathsEmpty() {
        return "'paths' is empty: list at least one path such as /index.html, or /* for the whole site";
    }

    // ---- the paths of a request ----

    public static String tooManyEntries(int entries, int maxPaths) {
        return String.format(Locale.ROOT, "%,d entries is far more than CloudFront accepts (%,d paths in progress): purge a wildcard "
                + "such as /news/* or /* instead", entries, maxPaths);
    }

    public static String tooManyPaths(int paths, int maxPaths) {
        return String.format(Locale.ROOT, "%,d paths is more than CloudFront accepts in progress at once (%,d): purge a wildcard "
                + "such as /news/* or /* instead", paths, maxPaths);
    }

    public static String tooManyWildcards(int wildcards, int maxWildcards) {
        return String.format(Locale.ROOT, "%d wildcard paths is more than CloudFront accepts in progress at once (%d): combine them "
                + "into fewer, e.g. one common prefix such as /news/* or /* for the whole site", wildcards, maxWildcards);
    }

    public static String notFromRoot(String entry) {
        return "'" + Text.abbreviate(entry) + "' does not start with '/': write /" + Text.abbreviate(entry)
                + " (paths start at the site's root) or the page's full URL";
    }

    public static String wildcardInTheMiddle(String entry) {
        return "'" + Text.abbreviate(entry) + "': '*' is a wildcard only at the very end of a path (e.g. /news/*); CloudFront does "
                + "not accept it in the middle";
    }

    public static String pathTooLong(String entry, int maxLength) {
        return "'" + Text.abbreviate(entry) + "' is longer than CloudFront's limit of " + maxLength
                + " characters once encoded: purge a shorter wildcard path instead";
    }

    public static String notAWebAddress(String url) {
        return "'" + Text.abbreviate(url) + "' is not a web address: give a path such as /news/ or an https:// URL of the site";
    }

    public static String otherSite(String url, SiteRegistration site, String host) {
        return "'" + Text.abbreviate(url) + "' is not on site '" + site.site() + "'"
                + (site.aliases().isEmpty() ? " (the site has no domains registered)" : " (its domains: " + String.join(", ", site.aliases()) + ")")
                + ": purge only this site's pages, or name the site that serves " + host;
    }

    public static String note(InvalidationPlan.Note note) {
        return switch (note) {
            case InvalidationPlan.Note.QueryDropped q -> "query string dropped from " + Text.abbreviate(q.entry())
                    + ": CloudFront purges " + q.path() + " for every query string unless the cache key includes them; purge "
                    + q.path() + "* to be sure";
            case InvalidationPlan.Note.TildeEncoded t -> "'~' in " + Text.abbreviate(t.entry()) + " was sent as %7E, which "
                    + "CloudFront requires; if the page still shows old content, purge a wildcard above it (e.g. "
                    + t.wildcardAbove() + ")";
            case InvalidationPlan.Note.CoveredPathsLeftOut c -> c.count() + (c.count() == 1 ? " path was" : " paths were")
                    + " left out: a wildcard in the same request covers them";
        };
    }

    // ---- the answer in Slack ----

    public static String alreadyRequested(SiteRegistration site, Invalidation invalidation, Duration window) {
        String at = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(invalidation.createTime());
        return "The same purge on " + site.displayName() + " was already requested at " + at + " (invalidation "
                + invalidation.id() + ", " + invalidation.status() + "); nothing new was sent. If you published again since, "
                + "purge again after " + window.toSeconds() + " seconds.";
    }

    /** One line for Slack; paths shown decoded (/ニュース/ rather than /%E3%83%8B...), the result's paths stay exact. */
    public static String purging(SiteRegistration site, List<String> paths, Invalidation invalidation) {
        return "Purging " + pathsOn(site, paths) + " (invalidation " + invalidation.id() + ", " + invalidation.status()
                + "). Fresh pages within a few minutes.";
    }

    public static String dryRun(SiteRegistration site, List<String> paths) {
        return "Dry run, nothing was purged: a purge would invalidate " + pathsOn(site, paths)
                + ". Use purge with the same words to purge.";
    }

    private static String pathsOn(SiteRegistration site, List<String> paths) {
        String shown = String.join(" ", paths.subList(0, Math.min(PATHS_SHOWN, paths.size())).stream().map(Messages::readable).toList())
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

    /** The note of an accepted purge whose completion watch did not start. */
    public static String watchNotStarted(String stepFunctionsSays) {
        return "Slack will not be told when this purge is done: the completion watch did not start ("
                + Text.abbreviate(stepFunctionsSays) + "). The purge itself was accepted.";
    }

    // ---- CloudFront's answers ----

    public static String gaveUp(SiteRegistration site, String code, int attempts) {
        if (code.equals("TooManyInvalidationsInProgress")) {
            return "CloudFront already has as many invalidations in progress for " + site.displayName()
                    + " as it allows (3,000 paths or 15 wildcard paths); nothing was purged. Wait a few minutes and "
                    + "try again, or purge one wildcard path such as /news/* or /* instead of many single paths.";
        }
        if (code.startsWith("Throttling")) {
            return "CloudFront is throttling requests (rate exceeded) after " + attempts + " attempts; nothing was purged. Try again in a minute.";
        }
        return "CloudFront did not answer successfully after " + attempts + " attempts (" + (code.isEmpty() ? "server error" : code)
                + "); nothing was purged. Try again in a few minutes.";
    }

    public static String staleDistribution(SiteRegistration site) {
        return "site '" + site.site() + "' points at CloudFront distribution " + site.distributionId()
                + ", which does not exist: its registry entry " + site.parameterName() + " is stale; re-apply the site's Terraform";
    }

    public static String accessDenied(SiteRegistration site) {
        return "the purge function is not allowed to invalidate distribution " + site.distributionId() + " of site '" + site.site()
                + "' (AccessDenied): ask the site team to check its IAM policy";
    }

    public static String invalidPaths(String cloudFrontSays) {
        return "CloudFront refused the paths as invalid (" + cloudFrontSays
                + "): check them for unusual characters, or purge a wildcard path such as /news/*";
    }

    public static String batchTooLarge() {
        return "CloudFront says the request has too many paths: purge a wildcard such as /news/* or /* instead";
    }

    public static String refused(String codeOrStatus, String cloudFrontSays) {
        return "CloudFront refused the invalidation (" + codeOrStatus + ": " + cloudFrontSays + "); nothing was purged";
    }

    /** A call that failed without CloudFront's answer (the retries were cut short): Lambda's log shows it. */
    public static String callFailed(String failure) {
        return "CloudFront call failed: " + failure;
    }

    // ---- this function's own failures ----

    public static String noSha256() {
        return "SHA-256 is not available";
    }
}
