package siteops.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import siteops.common.Text;
import siteops.maintenance.event.MaintenanceEvent;
import siteops.maintenance.pagerduty.PagerDutyEvent;
import siteops.maintenance.pagerduty.RoutingKeys;
import siteops.maintenance.pagerduty.SentEvent;
import siteops.maintenance.rules.AlertDecision;
import siteops.maintenance.ssm.BackupWindow;
import siteops.maintenance.ssm.WindowReadException;

/**
 * The words of the function's results and failures: what the decisions, the sweep's window states and the
 * problems mean to the person reading the result in the console, the logs or the DLQ, and why an event, a
 * schedule or a routing key cannot be used. (The PagerDuty alert text itself is written by {@code AlertComposer}.)
 * The parsers and the rules decide with types; only this class turns them into text.
 */
public final class Messages {
    private Messages() {}

    // ---- the event ----

    /** @param found what the event is instead ("array", "string"...) */
    public static String notAnObject(String found) {
        return "the event must be a JSON object (an EventBridge event from aws.ssm), got " + found;
    }

    public static String sourceMissing() {
        return "'source' is missing: this function takes EventBridge events from aws.ssm (maintenance windows) or its own "
                + "schedule (aws.events, Scheduled Event)";
    }

    public static String otherSource(String source) {
        return "'source' is '" + Text.abbreviate(source) + "', not aws.ssm: this function handles only Systems Manager maintenance "
                + "window events and its own schedule; check the EventBridge rule's pattern";
    }

    /** @param known the detail-types this function handles, quoted and joined */
    public static String detailTypeMissing(String known) {
        return "'detail-type' is missing: expected one of " + known;
    }

    public static String otherDetailType(String detailType, String known) {
        return "'detail-type' '" + Text.abbreviate(detailType) + "' is not a maintenance window event this function handles: "
                + "expected one of " + known + "; narrow the EventBridge rule to these detail-types";
    }

    public static String detailMissing(String detailType) {
        return "'detail' is missing or not an object: a " + detailType + " carries the window's state in detail (window-id, status, ...)";
    }

    public static String windowIdMissing() {
        return "'detail.window-id' is missing: every maintenance window event names its window (mw-...); this is not an event "
                + "this function can alert on";
    }

    public static String notAWindowId(String windowId) {
        return "'detail.window-id' '" + Text.abbreviate(windowId) + "' is not a maintenance window id (expected mw- followed by hex digits)";
    }

    public static String statusMissing(String detailType) {
        return "'detail.status' is missing: a " + detailType + " always carries the new status";
    }

    /** @param expected what the field must be ("the 12-digit account id"); @param value what it is, or null */
    public static String fieldMalformed(String field, String expected, String value) {
        return "'" + field + "' must be " + expected + ", got " + quoted(value);
    }

    public static String notAnId(String field, String value) {
        return "'detail." + field + "' '" + Text.abbreviate(value) + "' is not an id";
    }

    /** @param value the envelope's account, or null */
    public static String scheduleAccountMalformed(String value) {
        return "'account' of the scheduled event must be the 12-digit account id, got " + quoted(value);
    }

    /** @param value the envelope's Region, or null */
    public static String scheduleRegionMalformed(String value) {
        return "'region' of the scheduled event must be a Region name such as ap-northeast-1, got " + quoted(value);
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + Text.abbreviate(value) + "'";
    }

    // ---- a window's schedule ----

    public static String noSchedule() {
        return "the window has no schedule";
    }

    public static String notATimeZone(String timezone) {
        return "schedule time zone '" + timezone + "' is not an IANA time zone name";
    }

    public static String offsetOutOfRange(int offset) {
        return "schedule offset " + offset + " is outside 0-6 days";
    }

    public static String rateBelowOne(String schedule) {
        return schedule + ": the rate must be at least 1";
    }

    public static String notADateTime(String schedule) {
        return schedule + ": not a valid date and time";
    }

    public static String notASchedule(String schedule) {
        return "'" + Text.abbreviate(schedule) + "' is not a cron(...), rate(...) or at(...) schedule";
    }

    public static String cronFieldCount(String fields, int count) {
        return "cron(" + fields + ") has " + count + " fields; maintenance windows use six: minutes hours day-of-month month "
                + "day-of-week year, e.g. cron(0 2 ? * * *)";
    }

    public static String cronBothDaysUnset(String fields) {
        return "cron(" + fields + "): day-of-month and day-of-week cannot both be '?'";
    }

    /** @param field the cron field's name ("minutes", "month"...) */
    public static String cronValueOutOfRange(String fields, String field, int value, int min, int max) {
        return "cron(" + fields + "): " + field + " value " + value + " is outside " + min + "-" + max;
    }

    public static String cronValueInvalid(String fields, String field, String value) {
        return "cron(" + fields + "): '" + value + "' is not a valid " + field + " value";
    }

    public static String dedupKeyTooLong(int limit, String windowId) {
        return "dedup_key longer than " + limit + " characters for window " + windowId;
    }

    // ---- Systems Manager, Secrets Manager and PagerDuty ----

    public static String windowUnreadable(String operation, String windowId, String code) {
        return operation + " failed for " + windowId + " (" + code + ")";
    }

    /** @param problem what is wrong with the value's shape, never the value ("it has 31 characters") */
    public static String notARoutingKey(String secretId, String problem) {
        return "secret '" + secretId + "' does not hold a PagerDuty Events v2 routing key: expected the 32-character integration "
                + "key as plain SecretString, but " + problem + " (a JSON document or a key with spaces or quotes is not accepted)";
    }

    public static String routingKeyLength(int length) {
        return "it has " + length + " characters";
    }

    public static String routingKeyCharacters() {
        return "it contains characters other than letters and digits";
    }

    /** What a PagerDuty call was about: "trigger event for siteops/...". */
    public static String pagerDutyCall(String action, String dedupKey) {
        return action + " event for " + dedupKey;
    }

    /** @param failure the exception's type; @param message its message without the routing key, or null */
    public static String networkError(String failure, String message) {
        return "network error: " + failure + (message == null ? "" : " " + message);
    }

    public static String notAccepted(String what, int attempts, String last) {
        return "PagerDuty did not accept the " + what + " after " + attempts + " attempts (last: " + last
                + "); the invocation fails so Lambda retries it";
    }

    public static String refused(String what, String pagerDutySays) {
        return "PagerDuty refused the " + what + " (" + pagerDutySays + "); the same event would fail again, so it is not retried";
    }

    public static String notAccepted(String what, String pagerDutySays) {
        return "PagerDuty did not accept the " + what + " (" + pagerDutySays + ")";
    }

    public static String sendFailed(String what, String reason) {
        return "sending the " + what + " failed: " + reason;
    }

    // ---- one maintenance window event ----

    /** Why the decision is what it is, naming the run, task or invocation the event is about. */
    static String reason(MaintenanceEvent event, AlertDecision decision) {
        String status = event.status();
        String what = switch (event.kind()) {
            case WINDOW_EXECUTION -> "the run";
            case TASK_EXECUTION -> "a task";
            default -> "a target invocation";
        };
        return switch (decision.why()) {
            case REGISTRATION -> "a registration event says nothing about a run (" + event.kind().detailType() + ")";
            case DISABLED -> "the window was disabled: its scheduled runs stop until it is re-enabled";
            case ENABLED -> "the window was enabled again";
            case NOT_FINISHED -> what + " is " + status + ": not finished, nothing to conclude yet";
            case RUN_SUCCEEDED -> "the run succeeded: it closes the window's failure, missing-run and disabled alerts";
            case PART_SUCCEEDED -> what + " succeeded; only the run's own SUCCESS says the whole run succeeded";
            case FAILED -> what + " " + status;
            case CANCELLED -> what + " was cancelled before completing";
            case SKIPPED_OVERLAPPING -> what + " was skipped because the previous run was still going";
            case UNKNOWN_STATUS -> "unknown status '" + Text.abbreviate(String.valueOf(status)) + "' of a "
                    + event.kind().detailType() + ": nothing sent; map it in AlertDecision if it matters";
        };
    }

    static String nothingSent(String windowId, String reason) {
        return "Nothing sent for " + windowId + ": " + reason + ".";
    }

    static String sent(boolean resolving, List<SentEvent> sent) {
        return (resolving ? "Resolved " : "Triggered ") + String.join(", ", sent.stream().map(SentEvent::dedupKey).distinct().toList())
                + " through " + String.join(" and ", sent.stream().map(SentEvent::routingKeySecret).distinct().toList())
                + (resolving ? "" : ": " + sent.get(0).summary());
    }

    static String resolveWithoutTags(String windowId, List<String> notes) {
        return "cannot read the tags of window " + windowId + " (" + String.join("; ", notes) + "): they name the routing key its "
                + "alerts were opened with, and PagerDuty drops a resolve sent with another key; failing so Lambda retries the event";
    }

    static String unusableKey(RoutingKeys.Unusable unusable, String defaultSecretId) {
        return "routing key secret " + unusable.secretId() + " unusable (" + unusable.reason() + "): sent through " + defaultSecretId;
    }

    // ---- the missing-run sweep ----

    static String window(BackupWindow window) {
        return window.windowId() + (window.name() == null ? "" : " (" + window.name() + ")");
    }

    static String timeRanOut(BackupWindow window, Duration elapsed, Duration budget) {
        return window(window) + ": not checked: time ran out (" + elapsed.toSeconds() + " s spent, budget " + budget.toSeconds() + " s)";
    }

    static String tagsUnreadable(WindowReadException e) {
        return e.windowId() + ": cannot read its tags (" + e.code() + ")";
    }

    static String historyUnreadable(WindowReadException e) {
        return e.windowId() + ": cannot read its run history (" + e.operation() + ": " + e.code() + ")";
    }

    static String scheduleProblem(String windowId, String problem) {
        return windowId + ": " + problem;
    }

    static String deliveryFailed(BackupWindow window, PagerDutyEvent event, String secretId, String reason) {
        return window(window) + ": the " + event.eventAction() + " of " + event.dedupKey() + " through secret '" + secretId
                + "' failed: " + reason;
    }

    static String disabled() {
        return "the window is disabled: its backups do not run";
    }

    static String notDue() {
        return "no scheduled run is due yet";
    }

    static String notDueSinceCreated(Instant created) {
        return "no run yet, and none was due since the window was created" + (created == null ? "" : " (" + created + ")");
    }

    static String neverRan(Instant firstDue) {
        return "no run in its history; a run was due since " + firstDue;
    }

    static String missing(Instant dueSince) {
        return "no successful run since " + dueSince;
    }

    static String fresh(Instant lastSuccessStarted) {
        return "last success started " + lastSuccessStarted;
    }

    static String swept(int backupWindows, long missing, long neverRan, long disabled, int problems) {
        return "Checked " + backupWindows + " backup window" + (backupWindows == 1 ? "" : "s") + ": " + missing
                + " missing a run, " + neverRan + " never ran, " + disabled + " disabled"
                + (problems == 0 ? "" : ", " + problems + " could not be checked");
    }

    static String stateUnreadable(String table, String reason) {
        return "the missing-run check cannot read its alert state table " + table + " (" + reason + "): it sends nothing "
                + "rather than sending every window's alerts again; check the table and the function's dynamodb:Scan permission";
    }

    static String stateNotWritable(BackupWindow window, String alertKey, String table, String reason) {
        return window(window) + ": cannot claim " + alertKey + " in table " + table + " (" + reason + "); nothing sent";
    }

    static String notRecorded(BackupWindow window, String alertKey, String table, String reason) {
        return window(window) + ": the event for " + alertKey + " could not be recorded in table " + table + " (" + reason
                + "); the next check sends it again";
    }

    static String stateNotRecorded(String windowId, String table, String reason) {
        return "the events for window " + windowId + " were sent, but what they changed could not be recorded in table " + table
                + " (" + reason + "); failing so Lambda retries the event (a repeated event lands on the same alert)";
    }

    static String sweepIncomplete(String summary, List<String> problems) {
        return summary + ": " + String.join("; ", problems);
    }
}
