package siteops.maintenance.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import siteops.maintenance.event.SsmEvents;

class AlertDecisionTest {
    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(nullValues = "-", value = {
            "WINDOW_EXECUTION,  PENDING,             NOTHING, -",
            "WINDOW_EXECUTION,  IN_PROGRESS,         NOTHING, -",
            "WINDOW_EXECUTION,  CANCELLING,          NOTHING, -",
            "WINDOW_EXECUTION,  SUCCESS,             RESOLVE, -",
            "WINDOW_EXECUTION,  FAILED,              TRIGGER, CRITICAL",
            "WINDOW_EXECUTION,  TIMED_OUT,           TRIGGER, CRITICAL",
            "WINDOW_EXECUTION,  CANCELLED,           TRIGGER, WARNING",
            "WINDOW_EXECUTION,  SKIPPED_OVERLAPPING, TRIGGER, WARNING",
            "WINDOW_EXECUTION,  EXPLODED,            NOTHING, -",
            "TASK_EXECUTION,    IN_PROGRESS,         NOTHING, -",
            "TASK_EXECUTION,    SUCCESS,             NOTHING, -",
            "TASK_EXECUTION,    FAILED,              TRIGGER, ERROR",
            "TASK_EXECUTION,    TIMED_OUT,           TRIGGER, ERROR",
            "TASK_EXECUTION,    CANCELLED,           TRIGGER, WARNING",
            "TARGET_INVOCATION, SUCCESS,             NOTHING, -",
            "TARGET_INVOCATION, FAILED,              TRIGGER, ERROR",
            "TARGET_INVOCATION, TIMED_OUT,           TRIGGER, ERROR",
            "TARGET_INVOCATION, PENDING,             NOTHING, -",
            "WINDOW_STATE,      DISABLED,            TRIGGER, WARNING",
            "WINDOW_STATE,      ENABLED,             RESOLVE, -",
            "WINDOW_STATE,      PAUSED,              NOTHING, -",
            "TARGET_REGISTRATION, REGISTERED,        NOTHING, -",
            "TARGET_REGISTRATION, DEREGISTERED,      NOTHING, -",
            "TASK_REGISTRATION, REGISTERED,          NOTHING, -"})
    void mapsEveryStatus(String kind, String status, AlertDecision.Action action, Severity severity) {
        AlertDecision decision = AlertDecision.of(SsmEvents.event(kind, status));
        assertEquals(action, decision.action(), String.valueOf(decision.why()));
        assertEquals(severity, decision.severity());
    }

    @ParameterizedTest
    @EnumSource(AlertDecision.RunStatus.class)
    void everyApiStatusOfARunHasAMappingOtherThanUnknown(AlertDecision.RunStatus status) {
        assertTrue(!AlertDecision.of(SsmEvents.event("WINDOW_EXECUTION", status.name())).isUnknownStatus());
    }

    @ParameterizedTest
    @CsvSource({"WINDOW_EXECUTION, FAILED, RUN_FAILURE", "TASK_EXECUTION, TIMED_OUT, RUN_FAILURE",
            "TARGET_INVOCATION, FAILED, RUN_FAILURE", "WINDOW_STATE, DISABLED, DISABLED", "WINDOW_STATE, ENABLED, DISABLED"})
    void keysTheAlertOnTheRightAlertKind(String kind, String status, AlertKind alert) {
        assertEquals(List.of(alert), AlertDecision.of(SsmEvents.event(kind, status)).alerts());
    }

    @ParameterizedTest
    @CsvSource({"WINDOW_EXECUTION, EXPLODED", "WINDOW_STATE, PAUSED"})
    void anUnknownFutureStatusIsNamedAndSendsNothing(String kind, String status) {
        AlertDecision decision = AlertDecision.of(SsmEvents.event(kind, status));
        assertTrue(decision.isUnknownStatus());
        assertEquals(AlertDecision.Why.UNKNOWN_STATUS, decision.why());
    }

    @Test
    void aSuccessfulRunResolvesAllThreeAlertsOfTheWindow() {
        assertEquals(List.of(AlertKind.RUN_FAILURE, AlertKind.MISSING_RUN, AlertKind.DISABLED),
                AlertDecision.of(SsmEvents.event("WINDOW_EXECUTION", "SUCCESS")).alerts());
    }

    @ParameterizedTest(name = "{0} {1} tells the sweep {2}")
    @CsvSource(delimiter = ';', value = {
            "WINDOW_EXECUTION; SUCCESS; {MISSING_RUN=RESOLVED, DISABLED=RESOLVED}",
            "WINDOW_STATE; ENABLED; {DISABLED=RESOLVED}",
            "WINDOW_STATE; DISABLED; {DISABLED=DISABLED}",
            "WINDOW_EXECUTION; FAILED; {}",
            "TASK_EXECUTION; SUCCESS; {}",
            "WINDOW_EXECUTION; IN_PROGRESS; {}"})
    void tellsTheSweepWhatItChangedOfTheAlertsTheSweepKeeps(String kind, String status, String expected) {
        assertEquals(expected, AlertDecision.of(SsmEvents.event(kind, status)).sweepStates().toString());
    }
}
