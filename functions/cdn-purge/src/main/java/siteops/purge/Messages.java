package siteops.purge;

import java.util.Locale;
import siteops.common.Text;
import siteops.common.registry.SiteRegistration;

/**
 * The words an editor reads in Slack when a purge is refused, fails or comes with notes. The rules
 * ({@link InvalidationPlan}, {@link CloudFrontPurger}) decide; this class says it, naming the problem and the fix.
 */
public final class Messages {
    private Messages() {}

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

    public static String queryDropped(String entry, String pathWithoutQuery) {
        return "query string dropped from " + Text.abbreviate(entry) + ": CloudFront purges " + pathWithoutQuery
                + " for every query string unless the cache key includes them; purge " + pathWithoutQuery + "* to be sure";
    }

    public static String tildeEncoded(String entry, String wildcardAbove) {
        return "'~' in " + Text.abbreviate(entry) + " was sent as %7E, which CloudFront requires; if the page still shows old "
                + "content, purge a wildcard above it (e.g. " + wildcardAbove + ")";
    }

    public static String coveredPathsLeftOut(int dropped) {
        return dropped + (dropped == 1 ? " path was" : " paths were") + " left out: a wildcard in the same request covers them";
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
}
