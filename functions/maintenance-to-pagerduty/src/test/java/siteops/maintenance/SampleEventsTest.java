package siteops.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.Json;
import siteops.maintenance.event.Incoming;
import siteops.maintenance.event.MaintenanceEvent;
import siteops.maintenance.event.ScheduledCheck;
import siteops.maintenance.rules.AlertDecision;
import siteops.maintenance.rules.Severity;
import siteops.testing.ProjectRoot;

/** Every sample in events/maintenance/ parses, and means what its name says. */
class SampleEventsTest {
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(nullValues = "-", value = {
            "window-execution-failed.json,      TRIGGER, CRITICAL",
            "window-execution-timed-out.json,   TRIGGER, CRITICAL",
            "window-execution-cancelled.json,   TRIGGER, WARNING",
            "window-execution-in-progress.json, NOTHING, -",
            "window-execution-success.json,     RESOLVE, -",
            "task-execution-failed.json,        TRIGGER, ERROR",
            "target-invocation-timed-out.json,  TRIGGER, ERROR",
            "window-disabled.json,              TRIGGER, WARNING",
            "window-enabled.json,               RESOLVE, -",
            "target-registration.json,          NOTHING, -"})
    void sampleMeansWhatItsNameSays(String file, AlertDecision.Action action, Severity severity) throws Exception {
        var event = (MaintenanceEvent) Incoming.parse(Json.parse(Files.readAllBytes(ProjectRoot.resolve("events/maintenance/" + file))));
        AlertDecision decision = AlertDecision.of(event);
        assertEquals(action, decision.action());
        assertEquals(severity, decision.severity());
    }

    @Test
    void theScheduledSampleStartsTheCheck() throws Exception {
        assertInstanceOf(ScheduledCheck.class,
                Incoming.parse(Json.parse(Files.readAllBytes(ProjectRoot.resolve("events/maintenance/scheduled-check.json")))));
    }
}
