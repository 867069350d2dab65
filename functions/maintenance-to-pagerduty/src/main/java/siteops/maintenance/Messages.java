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
 * problems mean to the person reading the result in the console, the logs or the DLQ. (The PagerDuty alert text
 * itself is written by {@code AlertComposer}.) The rules decide with types; only this class turns them into text.
 */
final class Messages {
    private Messages() {}

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
