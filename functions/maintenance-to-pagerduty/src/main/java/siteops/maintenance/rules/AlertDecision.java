package siteops.maintenance.rules;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import siteops.maintenance.event.MaintenanceEvent;

/**
 * What one maintenance window event means for PagerDuty: trigger one alert, resolve some, or nothing, and why
 * (the result's words for it are in {@code Messages}). Pure: decided from the event alone, before any call, so a
 * transitional status costs no SSM or Secrets Manager call at all.
 */
public record AlertDecision(Action action, Severity severity, List<AlertKind> alerts, Why why) {
    public enum Action { TRIGGER, RESOLVE, NOTHING }

    /** Why the decision is what it is. */
    public enum Why {
        /** A target or task was registered: says nothing about a run. */
        REGISTRATION,
        DISABLED,
        ENABLED,
        /** A run, task or invocation is pending, in progress or cancelling. */
        NOT_FINISHED,
        /** The whole run succeeded: it closes every alert of the window. */
        RUN_SUCCEEDED,
        /** A task or invocation succeeded: only the run's own SUCCESS says the whole run did. */
        PART_SUCCEEDED,
        /** FAILED or TIMED_OUT. */
        FAILED,
        CANCELLED,
        SKIPPED_OVERLAPPING,
        /** A status this function does not know; nothing is sent. */
        UNKNOWN_STATUS
    }

    /** The statuses of a run, a task and a target invocation (MaintenanceWindowExecutionStatus). */
    enum RunStatus { PENDING, IN_PROGRESS, SUCCESS, FAILED, TIMED_OUT, CANCELLING, CANCELLED, SKIPPED_OVERLAPPING }

    public static AlertDecision of(MaintenanceEvent event) {
        return switch (event.kind()) {
            case TARGET_REGISTRATION, TASK_REGISTRATION -> nothing(Why.REGISTRATION);
            case WINDOW_STATE -> switch (event.status()) {
                case "DISABLED" -> new AlertDecision(Action.TRIGGER, Severity.WARNING, List.of(AlertKind.DISABLED), Why.DISABLED);
                case "ENABLED" -> new AlertDecision(Action.RESOLVE, null, List.of(AlertKind.DISABLED), Why.ENABLED);
                default -> nothing(Why.UNKNOWN_STATUS);
            };
            case WINDOW_EXECUTION, TASK_EXECUTION, TARGET_INVOCATION -> ofRunStatus(event);
        };
    }

    private static AlertDecision ofRunStatus(MaintenanceEvent event) {
        RunStatus status;
        try {
            status = RunStatus.valueOf(event.status());
        } catch (IllegalArgumentException e) {
            return nothing(Why.UNKNOWN_STATUS);
        }
        boolean wholeRun = event.kind() == MaintenanceEvent.Kind.WINDOW_EXECUTION;
        return switch (status) {
            case PENDING, IN_PROGRESS, CANCELLING -> nothing(Why.NOT_FINISHED);
            case SUCCESS -> wholeRun
                    ? new AlertDecision(Action.RESOLVE, null, List.of(AlertKind.RUN_FAILURE, AlertKind.MISSING_RUN, AlertKind.DISABLED),
                            Why.RUN_SUCCEEDED)
                    : nothing(Why.PART_SUCCEEDED);
            case FAILED, TIMED_OUT -> trigger(wholeRun ? Severity.CRITICAL : Severity.ERROR, Why.FAILED);
            case CANCELLED -> trigger(Severity.WARNING, Why.CANCELLED);
            case SKIPPED_OVERLAPPING -> trigger(Severity.WARNING, Why.SKIPPED_OVERLAPPING);
        };
    }

    private static AlertDecision trigger(Severity severity, Why why) {
        return new AlertDecision(Action.TRIGGER, severity, List.of(AlertKind.RUN_FAILURE), why);
    }

    private static AlertDecision nothing(Why why) {
        return new AlertDecision(Action.NOTHING, null, List.of(), why);
    }

    /**
     * What this decision tells PagerDuty about the two alerts the hourly sweep keeps state for, so the sweep's
     * memory follows the events: a success resolves the missing-run and disabled alerts, ENABLED the disabled
     * one, DISABLED triggers it. The run-failure alert is the events' own.
     */
    public Map<AlertKind, AlertState> sweepStates() {
        Map<AlertKind, AlertState> states = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : alerts) {
            if (action == Action.RESOLVE && kind != AlertKind.RUN_FAILURE) {
                states.put(kind, AlertState.RESOLVED);
            } else if (action == Action.TRIGGER && kind == AlertKind.DISABLED) {
                states.put(kind, AlertState.DISABLED);
            }
        }
        return states;
    }

    public boolean isUnknownStatus() {
        return why == Why.UNKNOWN_STATUS;
    }
}
