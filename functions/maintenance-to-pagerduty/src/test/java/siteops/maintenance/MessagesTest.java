package siteops.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.maintenance.event.MaintenanceEvent;
import siteops.maintenance.event.SsmEvents;
import siteops.maintenance.rules.AlertDecision;

/** The words of each decision, as the result's {@code reason} shows them. */
class MessagesTest {
    private static String reason(String kind, String status) {
        MaintenanceEvent event = SsmEvents.event(kind, status);
        return Messages.reason(event, AlertDecision.of(event));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "WINDOW_EXECUTION  | PENDING      | the run is PENDING: not finished, nothing to conclude yet",
            "TASK_EXECUTION    | IN_PROGRESS  | a task is IN_PROGRESS: not finished, nothing to conclude yet",
            "WINDOW_EXECUTION  | SUCCESS      | the run succeeded: it closes the window's failure, missing-run and disabled alerts",
            "TARGET_INVOCATION | SUCCESS      | a target invocation succeeded; only the run's own SUCCESS says the whole run succeeded",
            "WINDOW_EXECUTION  | FAILED       | the run FAILED",
            "TASK_EXECUTION    | TIMED_OUT    | a task TIMED_OUT",
            "WINDOW_EXECUTION  | CANCELLED    | the run was cancelled before completing",
            "WINDOW_EXECUTION  | SKIPPED_OVERLAPPING | the run was skipped because the previous run was still going",
            "WINDOW_STATE      | DISABLED     | the window was disabled: its scheduled runs stop until it is re-enabled",
            "WINDOW_STATE      | ENABLED      | the window was enabled again",
            "TARGET_REGISTRATION | REGISTERED | a registration event says nothing about a run (Maintenance Window Target Registration Notification)",
            "WINDOW_EXECUTION  | EXPLODED     | unknown status 'EXPLODED' of a Maintenance Window Execution State-change Notification: nothing sent; map it in AlertDecision if it matters"})
    void eachDecisionReadsAsBefore(String kind, String status, String expected) {
        assertEquals(expected, reason(kind, status));
    }

    @ParameterizedTest
    @CsvSource({"WINDOW_EXECUTION, EXPLODED", "WINDOW_STATE, PAUSED"})
    void anUnknownStatusIsNamed(String kind, String status) {
        String reason = reason(kind, status);
        assertTrue(reason.contains(status), reason);
    }
}
