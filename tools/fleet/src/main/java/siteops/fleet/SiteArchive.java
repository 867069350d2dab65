package siteops.fleet;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archiving an ended site, the pure part: the script the server runs (count its published HTML, {@code aws s3
 * sync} it to the archive bucket), reading the server's own count back, checking the bucket against it, and the
 * two-step change to {@code template: archive} printed afterwards.
 */
public final class SiteArchive {
    /** Where NGINX serves the published pages from (cloud-init.yaml of movabletype sites). */
    public static final String PUBLISHED_HTML = "/var/www/html";
    static final String COUNT_MARK = "siteops-archive files=";
    private static final Pattern COUNT = Pattern.compile("siteops-archive files=(\\d+) bytes=(\\d+)");

    /** Files and bytes, on the server or in the bucket. */
    public record Count(long files, long bytes) {
        @Override
        public String toString() {
            return files + " files, " + bytes + " bytes";
        }
    }

    private SiteArchive() {}

    /** The shell the server runs; {@code bucket} is a validated bucket name. */
    public static String script(String bucket) {
        return String.join("\n",
                "set -euo pipefail",
                "cd " + PUBLISHED_HTML,
                // Counted like aws s3 sync sees them: regular files, following symbolic links.
                "files=$(find -L . -type f | wc -l)",
                "bytes=$(find -L . -type f -printf '%s\\n' | awk '{s += $1} END {print s + 0}')",
                "aws s3 sync . \"s3://" + bucket + "/\" --delete --no-progress --only-show-errors",
                "echo \"" + COUNT_MARK + "$files bytes=$bytes\"");
    }

    /** The server's count, from the last count line of the script's output. */
    public static Optional<Count> serverCount(String output) {
        Matcher matcher = COUNT.matcher(output == null ? "" : output);
        Count count = null;
        while (matcher.find()) {
            count = new Count(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
        return Optional.ofNullable(count);
    }

    /** Null when the bucket holds exactly what the server counted, else the problem in one sentence. */
    public static String mismatch(Count server, Count bucket) {
        if (server.equals(bucket)) {
            return null;
        }
        return "the archive bucket holds " + bucket + " but the server counted " + server
                + ": do not switch the site; run bin/fleet archive again and check the command's output";
    }

    /** The site that holds the archive beside the running one while step 1 is in effect. */
    public static String archiveSite(String site) {
        return site + "-archive";
    }

    /** Names the archive site's content bucket can have (archive-site module: bucket_prefix cut at 37 characters). */
    public static String bucketPrefix(String site) {
        String prefix = "siteops-" + archiveSite(site) + "-";
        return prefix.substring(0, Math.min(prefix.length(), 37));
    }

    /** The change to make once the copy is verified, in the order that keeps the pages online. */
    public static List<String> plan(String site, String bucket) {
        String archive = archiveSite(site);
        return List.of(
                "Archive of " + site + " verified in s3://" + bucket + "/. Switch the site to template: archive in two steps:",
                "",
                "Step 1 (done if s3://" + bucket + " is " + archive + "'s content_bucket): create the archive distribution beside the running site.",
                "  infra/sites/" + archive + ".yaml = infra/sites/" + site + ".yaml with template: archive, a temporary domain, and",
                "  no instance/backup/admin fields; bin/generate-sites; merge. Check the temporary domain serves the pages.",
                "  Copy again right before step 2 if editors published since: bin/fleet archive --site " + site + " --bucket " + bucket,
                "",
                "Step 2: move the domain and destroy the server stack.",
                "  a. Lift the prod protections the destroy would stop at (a documented, deliberate step):",
                "       aws elbv2 modify-load-balancer-attributes --load-balancer-arn <ALB of " + site + "> \\",
                "         --attributes Key=deletion_protection.enabled,Value=false",
                "       aws ec2 modify-instance-attribute --instance-id <instance of " + site + "> --no-disable-api-termination",
                "     The prod ops bucket (backups) is never force-deleted: download what you keep, then",
                "       terraform -chdir=infra/generated/" + site + " state rm module.site.aws_s3_bucket.ops",
                "  b. terraform -chdir=infra/generated/" + site + " destroy   (frees the domain; pages are down until c.)",
                "  c. One pull request: remove infra/sites/" + site + ".yaml and infra/generated/" + site + "/; " + archive + ".yaml takes",
                "     the domain and aliases of " + site + "; bin/generate-sites; merge (the apply moves the domain).");
    }
}
