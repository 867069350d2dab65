package siteops.health;

import java.time.Duration;
import java.util.List;
import siteops.common.Text;
import siteops.health.event.EventKey;
import siteops.health.github.GitHubIssues;
import siteops.health.rules.EventFilter;
import siteops.health.rules.IssuePlan;
import siteops.health.rules.IssueState;

/**
 * The words of the function that are not the GitHub issue itself (its title, body, labels and comments are
 * {@code github.IssueText}'s): the one line of each result, why an event was skipped, and what a person reads when
 * an event, a setting, the token, GitHub or the ledger is wrong. The parser, the rules and the adapters decide
 * with types; this class says it.
 */
public final class Messages {
    private Messages() {}

    // ---- the result's line ----

    public static String skipped(EventFilter.Rejection rejection) {
        return "Skipped: " + skipReason(rejection) + ".";
    }

    /** Why the configured filters skip an event, naming the filter's variable. */
    public static String skipReason(EventFilter.Rejection rejection) {
        return switch (rejection.filter()) {
            case CATEGORY -> "category " + rejection.value() + " is not in EVENT_TYPE_CATEGORIES";
            case SERVICE -> "service " + rejection.value() + " is not in SERVICES";
            case EVENT_TYPE_CODE -> "event type " + rejection.value() + " matches none of EVENT_TYPE_CODES";
            case ACCOUNT -> "account " + rejection.value() + " is not in ACCOUNTS";
        };
    }

    public static String opened(boolean recovered, int number, String repository, IssueState state) {
        return (recovered ? "Found and recorded" : "Created") + " issue #" + number + " in " + repository + " for "
                + state.service() + " " + state.eventTypeCode() + " (" + state.affectedAccount() + ", " + state.eventRegion()
                + ", " + state.status() + ").";
    }

    /** @param why how GitHub said the issue is gone */
    public static String replaced(int vanished, String repository, String why, boolean recovered, int number) {
        return "Issue #" + vanished + " is no longer in " + repository + " (" + why + "); "
                + (recovered ? "found and recorded" : "opened") + " issue #" + number + " with the whole event, naming #"
                + vanished + ".";
    }

    /** @param changes the changes the comment listed, as {@code IssueText} words them; empty for another page */
    public static String updated(int number, String repository, IssuePlan plan, List<String> changes, int page, int totalPages) {
        String done = switch (plan.transition()) {
            case CLOSE -> "commented and closed";
            case REOPEN -> "commented and reopened";
            case NONE -> plan.action() == IssuePlan.Action.COMMENT_AND_REFRESH ? "commented on and refreshed"
                    : "refreshed (another page, no comment)";
        };
        return "Issue #" + number + " in " + repository + " " + done + ": "
                + (changes.isEmpty() ? "entities from page " + page + " of " + totalPages : String.join("; ", changes)) + ".";
    }

    public static String unchanged(int number, String repository) {
        return "Issue #" + number + " in " + repository
                + " already shows this (a duplicate, backup copy or page seen before); nothing posted.";
    }

    // ---- the event ----

    public static String notAnObject() {
        return "the event must be a JSON object: an EventBridge event with \"source\": \"aws.health\"";
    }

    public static String sourceMissing() {
        return "field 'source' is missing: this function handles EventBridge events from AWS Health (\"source\": \"aws.health\"); "
                + "invoke it with such an event, e.g. events/health/issue-open.json";
    }

    public static String otherSource(String source) {
        return "field 'source' is '" + Text.abbreviate(source) + "', not 'aws.health': route only AWS Health events to this "
                + "function (the template's rule matches source aws.health)";
    }

    public static String detailMissing() {
        return "field 'detail' is missing: an AWS Health event carries its payload (eventArn, service, statusCode, ...) in 'detail'";
    }

    public static String detailNotAnObject() {
        return "field 'detail' must be an object holding the AWS Health payload";
    }

    public static String eventArnMissing() {
        return "field 'detail.eventArn' is missing: every AWS Health event has one; the issue for the event is keyed on it";
    }

    public static String accountMissing() {
        return "field 'detail.affectedAccount' is missing and so is the envelope's 'account': one of them names the AWS account "
                + "the event is about";
    }

    public static String notAnAccount(String account) {
        return "field 'detail.affectedAccount' must be a 12-digit AWS account id, got '" + Text.abbreviate(account) + "'";
    }

    // ---- settings and the token ----

    public static String notARepository(String repository) {
        return "environment variable GITHUB_REPOSITORY must be owner/name (e.g. example-org/site-ops), got '" + repository + "'";
    }

    public static String leaseTooShort(Duration lease, Duration timeout) {
        return "environment variable CLAIM_LEASE_SECONDS (" + lease.toSeconds() + ") must exceed FUNCTION_TIMEOUT_SECONDS ("
                + timeout.toSeconds() + ", the function's timeout)";
    }

    public static String waitTooLong(Duration wait, Duration timeout) {
        return "environment variable CLAIM_WAIT_SECONDS (" + wait.toSeconds() + ") must be at most half of FUNCTION_TIMEOUT_SECONDS ("
                + timeout.toSeconds() + ", the function's timeout)";
    }

    public static String tokenNotJson(String secretId) {
        return "secret '" + secretId + "' starts with '{' but is not valid JSON: store the token as plain text or as "
                + "{\"token\": \"...\"}";
    }

    public static String tokenFieldMissing(String secretId) {
        return "secret '" + secretId + "' is JSON without a \"token\" field: store the token as plain text or as {\"token\": \"...\"}";
    }

    public static String tokenCharacters(String secretId) {
        return "secret '" + secretId + "' holds characters a GitHub token cannot have (spaces, line breaks or non-ASCII): "
                + "store the bare token";
    }

    // ---- GitHub ----

    public static String clientNotBuilt(String reason) {
        return "cannot set up the GitHub client: " + reason;
    }

    public static String issuesTurnedOff(String repository) {
        return "repository " + repository + " has issues turned off: enable them in its settings or point GITHUB_REPOSITORY at "
                + "another repository";
    }

    /** What a GitHub call was doing when it failed, for its failure message. */
    public static String doing(GitHubIssues.Operation operation, Object subject) {
        return switch (operation) {
            case CREATE_ISSUE -> "creating an issue";
            case READ_ISSUE -> "reading issue #" + subject;
            case FIND_EARLIER_ISSUE -> "looking for an issue created by an earlier attempt";
            case FIND_EARLIER_COMMENT -> "looking for a comment posted by an earlier attempt on issue #" + subject;
            case COMMENT -> "commenting on issue #" + subject;
            case UPDATE_TITLE -> "updating the title of issue #" + subject;
            case UPDATE_BODY -> "updating the body of issue #" + subject;
            case CLOSE -> "closing issue #" + subject;
            case REOPEN -> "reopening issue #" + subject;
            case READ_REPOSITORY -> "reading repository " + subject;
            case READ_LABEL -> "reading label " + subject;
            case CREATE_LABEL -> "creating label " + subject;
        };
    }

    /** @param doing what the call was doing ({@link #doing}) */
    public static String badCredentials(String doing, String tokenSecretId, String repository) {
        return "GitHub answered 401 Bad credentials while " + doing + ": the token in secret '" + tokenSecretId
                + "' is wrong or expired; store a valid token (it needs Issues read/write on " + repository + ")";
    }

    public static String rateLimited(String doing, int status, Duration wait, int attempts) {
        return "GitHub rate limit while " + doing + " (HTTP " + status + ", wait " + wait.toSeconds() + " s)" + tries(attempts)
                + ": the invocation fails so Lambda retries it later (then the DLQ)";
    }

    public static String repositoryNotFound(String repository, String tokenSecretId) {
        return "GitHub answered 404 for repository " + repository + ": check GITHUB_REPOSITORY and that the token in secret '"
                + tokenSecretId + "' can see it";
    }

    public static String answered(int status, String doing, int attempts, String githubSays) {
        return "GitHub answered " + status + " while " + doing + tries(attempts) + ": " + githubSays;
    }

    /** @param failure the failure's type; @param message its message, or null */
    public static String unreachable(String doing, int attempts, String failure, String message) {
        return "GitHub could not be reached while " + doing + tries(attempts) + ": " + failure + (message == null ? "" : " " + message);
    }

    private static String tries(int attempts) {
        return attempts > 1 ? " after " + attempts + " attempts" : "";
    }

    /** How GitHub says an issue is gone: 410 deleted, 301 transferred, 404 either (where the token cannot see it). */
    public static String issueGone(int number, String repository, int status, String doing) {
        String how = switch (status) {
            case 410 -> "410 Gone: it was deleted";
            case 301 -> "301 Moved Permanently: it was transferred to another repository";
            default -> "404 Not Found: deleted, or transferred to a repository the token cannot read";
        };
        return "issue #" + number + " is no longer in " + repository + " (GitHub answered " + how + ", while " + doing + ")";
    }

    public static String replacementGone(int number, int vanished, String why) {
        return "issue #" + number + ", opened to replace vanished issue #" + vanished + ", vanished too (" + why
                + "); the delivery fails so Lambda retries it later";
    }

    public static String invalidUrl() {
        return "invalid GitHub URL";
    }

    public static String interrupted() {
        return "interrupted while calling GitHub";
    }

    // ---- the ledger ----

    public static String eventBusy(EventKey key) {
        return "another invocation is handling event " + key.eventArn() + " for account " + key.affectedAccount()
                + "; this one fails so Lambda retries it once that one has finished";
    }

    public static String claimFailed(EventKey key, String reason) {
        return "claiming event " + key.eventArn() + " failed: " + reason;
    }

    /** @param issueChanged whether the write also required the item to still name the issue it replaces */
    public static String claimLost(EventKey key, boolean issueChanged) {
        return "the claim on event " + key.eventArn() + " (account " + key.affectedAccount() + ") expired before this delivery "
                + "finished" + (issueChanged ? ", or another delivery changed its issue" : "")
                + "; CLAIM_LEASE_SECONDS must exceed the function timeout";
    }

    public static String stateUnreadable() {
        return "the stored issue state cannot be read";
    }

    public static String noSha256() {
        return "SHA-256 is missing from this JVM";
    }
}
