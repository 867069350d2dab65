package siteops.maintenance;

import java.util.List;
import siteops.common.Text;

/**
 * What one maintenance window event means for PagerDuty: trigger one alert, resolve some, or nothing (with the
 * reason, for the log and the result). Pure: decided from the event alone, before any call, so a transitional
 * status costs no SSM or Secrets Manager call at all.
 */
public record AlertDecision(Action action, Severity severity, List<AlertKind> alerts, String reason) {
    public enum Action { TRIGGER, RESOLVE, NOTHING }

    /** The statuses of a run, a task and a target invocation (MaintenanceWindowExecutionStatus). */
    enum RunStatus { PENDING, IN_PROGRESS, SUCCESS, FAILED, TIMED_OUT, CANCELLING, CANCELLED, SKIPPED_OVERLAPPING }

    public static AlertDecision of(MaintenanceEvent event) {
        return switch (event.kind()) {
            case TARGET_REGISTRATION, TASK_REGISTRATION -> nothing(
                    "a registration event says nothing about a run (" + event.kind().detailType() + ")");
            case WINDOW_STATE -> switch (event.status()) {
                case "DISABLED" -> new AlertDecision(Action.TRIGGER, Severity.WARNING, List.of(AlertKind.DISABLED),
                        "the window was disabled: its scheduled runs stop until it is re-enabled");
                case "ENABLED" -> new AlertDecision(Action.RESOLVE, null, List.of(AlertKind.DISABLED),
                        "the window was enabled again");
                default -> unknown(event);
            };
            case WINDOW_EXECUTION, TASK_EXECUTION, TARGET_INVOCATION -> ofRunStatus(event);
        };
    }

    private static AlertDecision ofRunStatus(MaintenanceEvent event) {
        RunStatus status;
        try {
            status = RunStatus.valueOf(event.status());
        } catch (IllegalArgumentException e) {
            return unknown(event);
        }
        boolean wholeRun = event.kind() == MaintenanceEvent.Kind.WINDOW_EXECUTION;
        String what = wholeRun ? "the run" : event.kind() == MaintenanceEvent.Kind.TASK_EXECUTION ? "a task" : "a target invocation";
        return switch (status) {
            case PENDING, IN_PROGRESS, CANCELLING -> nothing(what + " is " + status + ": not finished, nothing to conclude yet");
            case SUCCESS -> wholeRun
                    ? new AlertDecision(Action.RESOLVE, null, List.of(AlertKind.RUN_FAILURE, AlertKind.MISSING_RUN, AlertKind.DISABLED),
                            "the run succeeded: it closes the window's failure, missing-run and disabled alerts")
                    : nothing(what + " succeeded; only the run's own SUCCESS says the whole run succeeded");
            case FAILED, TIMED_OUT -> new AlertDecision(Action.TRIGGER, wholeRun ? Severity.CRITICAL : Severity.ERROR,
                    List.of(AlertKind.RUN_FAILURE), what + " " + status);
            case CANCELLED -> new AlertDecision(Action.TRIGGER, Severity.WARNING, List.of(AlertKind.RUN_FAILURE),
                    what + " was cancelled before completing");
            case SKIPPED_OVERLAPPING -> new AlertDecision(Action.TRIGGER, Severity.WARNING, List.of(AlertKind.RUN_FAILURE),
                    what + " was skipped because the previous run was still going");
        };
    }

    private static AlertDecision unknown(MaintenanceEvent event) {
        return nothing("unknown status '" + Text.abbreviate(event.status()) + "' of a " + event.kind().detailType()
                + ": nothing sent; map it in AlertDecision if it matters");
    }

    private static AlertDecision nothing(String reason) {
        return new AlertDecision(Action.NOTHING, null, List.of(), reason);
    }

    public boolean isUnknownStatus() {
        return action == Action.NOTHING && reason.startsWith("unknown status");
    }
}
