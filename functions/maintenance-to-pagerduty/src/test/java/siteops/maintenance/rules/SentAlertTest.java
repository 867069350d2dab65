package siteops.maintenance.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentAlertTest {
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    @ParameterizedTest(name = "stored {0} (claim {1}, expires {2}), found {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            // Nothing stored: nothing of ours is open, so a healthy window costs nothing.
            "-,         -,     -,                    RESOLVED,  NONE",
            "-,         -,     -,                    MISSING,   SEND",
            "RESOLVED,  -,     -,                    RESOLVED,  NONE",
            "RESOLVED,  -,     -,                    MISSING,   SEND",
            "MISSING,   -,     -,                    MISSING,   NONE",
            "MISSING,   -,     -,                    RESOLVED,  SEND",
            // The warning of a window that never ran becomes the critical page once it ran and failed.
            "NEVER_RAN, -,     -,                    MISSING,   SEND",
            "DISABLED,  -,     -,                    DISABLED,  NONE",
            "DISABLED,  -,     -,                    RESOLVED,  SEND",
            // Another sweep is between its claim and its record.
            "RESOLVED,  other, 2026-11-30T03:04:00Z, MISSING,   CLAIMED_ELSEWHERE",
            "RESOLVED,  other, 2026-11-30T03:04:00Z, RESOLVED,  CLAIMED_ELSEWHERE",
            // Its sender died (or an event wrote meanwhile): PagerDuty's state is unknown, so send what is found.
            "MISSING,   other, 2026-11-30T02:59:00Z, MISSING,   SEND",
            "RESOLVED,  other, 1970-01-01T00:00:00Z, RESOLVED,  SEND"})
    void sendsOnlyWhatChanged(AlertState stored, String claimId, Instant expires, AlertState found, SentAlert.Change expected) {
        SentAlert seen = stored == null ? SentAlert.NEVER_SENT : new SentAlert(stored, 3, claimId, claimId == null ? null : found, expires);
        assertEquals(expected, seen.change(found, NOW));
    }

    @ParameterizedTest
    @CsvSource({"missing, MISSING", "never-ran, NEVER_RAN", "resolved, RESOLVED", "disabled, DISABLED"})
    void storedNamesReadBack(String wire, AlertState state) {
        assertEquals(wire, state.wire());
        assertEquals(state, AlertState.fromWire(wire));
    }

    @ParameterizedTest
    @CsvSource({"paused", "MISSING", "''"})
    void anUnknownStoredNameIsAnUnknownStateAndTheFoundOneIsSent(String wire) {
        AlertState unknown = AlertState.fromWire(wire);
        assertEquals(null, unknown);
        assertEquals(SentAlert.Change.SEND, new SentAlert(unknown, 2, null, null, null).change(AlertState.RESOLVED, NOW));
    }
}
