package siteops.maintenance.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siteops.common.Json;
import siteops.maintenance.event.Incoming;
import siteops.maintenance.event.MaintenanceEvent;
import siteops.maintenance.event.ScheduledCheck;
import siteops.maintenance.event.SsmEvents;
import siteops.maintenance.rules.AlertDecision;
import siteops.maintenance.rules.AlertKind;
import siteops.maintenance.rules.MissingRunCheck;
import siteops.maintenance.ssm.BackupWindow;
import siteops.maintenance.ssm.WindowContext;
import siteops.maintenance.ssm.WindowRun;

class AlertComposerTest {
    private static final String WINDOW = "mw-0ed7251d3fcf6e0c2";
    private static final String EXECUTION = "b60fb56e-776c-4e5c-84ee-123456789012";

    private static WindowContext context(String name, Map<String, String> tags) {
        return new WindowContext(name, tags, true, "cron(0 2 ? * * *)", null,
                List.of(new WindowContext.Task("3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11", "AWS-RunShellScript", "RUN_COMMAND", "FAILED",
                        "The task failed on 1 of 1 targets")),
                List.of(new WindowContext.Invocation("inv-1", "3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11", "cmd-1", "target-1", "FAILED",
                        "Failed", null, List.of("i-0123456789abcdef0"))),
                List.of());
    }

    private static List<PagerDutyEvent> compose(MaintenanceEvent event, WindowContext context) {
        return AlertComposer.forEvent(event, AlertDecision.of(event), context);
    }

    private static MaintenanceEvent execution(String windowId, String status) {
        return (MaintenanceEvent) Incoming.parse(SsmEvents.windowExecution(windowId, EXECUTION, status));
    }

    @Test
    void aFailedBackupRunNamesSiteWindowTaskAndInstance() {
        var events = compose(execution(WINDOW, "FAILED"),
                context("news-backup", Map.of("siteops:backup", "true", "siteops:site", "news")));
        assertEquals(1, events.size());
        PagerDutyEvent trigger = events.get(0);
        assertEquals("trigger", trigger.eventAction());
        assertEquals("siteops/maintenance-window/123456789012/ap-northeast-1/" + WINDOW, trigger.dedupKey());
        var payload = trigger.payload();
        assertEquals("[news] Backup window news-backup (" + WINDOW + ") run FAILED: task AWS-RunShellScript FAILED on "
                + "i-0123456789abcdef0 - Failed", payload.summary());
        assertEquals("critical", payload.severity());
        assertEquals("arn:aws:ssm:ap-northeast-1:123456789012:maintenancewindow/" + WINDOW, payload.source());
        assertEquals("AWS-RunShellScript", payload.component());
        assertEquals("news", payload.group());
        assertEquals("backup failure", payload.eventClass());
        assertEquals("2026-11-29T17:05:00.427Z", payload.timestamp());
        assertEquals(EXECUTION, payload.customDetails().get("window_execution_id"));
        assertEquals(List.of("i-0123456789abcdef0"), payload.customDetails().get("instance_ids"));
        assertEquals("https://ap-northeast-1.console.aws.amazon.com/systems-manager/maintenance-windows/" + WINDOW + "/history/"
                + EXECUTION + "?region=ap-northeast-1", trigger.links().get(0).href());
        String json = Json.text(trigger);
        assertTrue(json.contains("\"event_action\":\"trigger\"") && json.contains("\"dedup_key\"") && json.contains("\"custom_details\"")
                && json.contains("\"class\":\"backup failure\""), json);
    }

    @Test
    void triggerAndResolveShareTheDedupKey() {
        var trigger = compose(execution(WINDOW, "FAILED"), context("news-backup", Map.of())).get(0);
        var resolves = compose(execution(WINDOW, "SUCCESS"), WindowContext.unknown(List.of()));
        assertEquals(trigger.dedupKey(), resolves.get(0).dedupKey());
        assertEquals(List.of("resolve", "resolve", "resolve"), resolves.stream().map(PagerDutyEvent::eventAction).toList());
        assertEquals(List.of(trigger.dedupKey(), trigger.dedupKey() + "/missing-run", trigger.dedupKey() + "/disabled"),
                resolves.stream().map(PagerDutyEvent::dedupKey).toList());
        assertNull(resolves.get(0).payload(), "a resolve needs no payload");
    }

    @Test
    void twoWindowsGetTwoKeysAndATaskFailureGroupsWithItsRun() {
        String other = "mw-0aaaaaaaaaaaaaaaa";
        var first = compose(execution(WINDOW, "FAILED"), WindowContext.unknown(List.of())).get(0);
        var second = compose(execution(other, "FAILED"), WindowContext.unknown(List.of())).get(0);
        assertNotEquals(first.dedupKey(), second.dedupKey());
        var task = compose((MaintenanceEvent) Incoming.parse(SsmEvents.taskExecution(WINDOW, EXECUTION, "t-1", "FAILED")),
                WindowContext.unknown(List.of())).get(0);
        assertEquals(first.dedupKey(), task.dedupKey(), "same window, same incident");
        var disabled = compose((MaintenanceEvent) Incoming.parse(SsmEvents.windowState(WINDOW, "DISABLED")), WindowContext.unknown(List.of())).get(0);
        assertEquals(first.dedupKey() + "/disabled", disabled.dedupKey());
        assertEquals("warning", disabled.payload().severity());
    }

    @Test
    void withoutEnrichmentTheAlertIsBuiltFromTheEventAlone() {
        var trigger = compose((MaintenanceEvent) Incoming.parse(SsmEvents.targetInvocation(WINDOW, EXECUTION, "t-1", "target-9", "TIMED_OUT")),
                WindowContext.unknown(List.of("GetMaintenanceWindow failed (AccessDeniedException)"))).get(0);
        assertEquals("Maintenance window " + WINDOW + " task t-1 TIMED_OUT on target target-9 (owner: web-team)", trigger.payload().summary());
        assertEquals("error", trigger.payload().severity());
        assertEquals(List.of("GetMaintenanceWindow failed (AccessDeniedException)"), trigger.payload().customDetails().get("enrichment_notes"));
    }

    @Test
    void summaryIsCutTo1024CharactersNotBytesNorUtf16Units() {
        String details = "バックアップ失敗🔥".repeat(300);
        var context = new WindowContext("news-backup", Map.of("siteops:site", "ニュース"), true, null, details, List.of(), List.of(), List.of());
        String summary = compose(execution(WINDOW, "FAILED"), context).get(0).payload().summary();
        assertEquals(1024, summary.codePointCount(0, summary.length()));
        assertTrue(summary.length() > 1024, "the emoji take two UTF-16 units each");
        assertTrue(summary.endsWith("..."));
        assertTrue(Character.isValidCodePoint(summary.codePointBefore(summary.length() - 3)));
    }

    @Test
    void dedupKeysStayWithin255Characters() {
        String longest = "mw-" + "a".repeat(125);
        for (AlertKind kind : AlertKind.values()) {
            assertTrue(kind.dedupKey("123456789012", "ap-southeast-123", longest).length() <= 255);
        }
    }

    @Test
    void missingRunAlertHasItsOwnKeyAndSaysSinceWhen() {
        var window = new BackupWindow(WINDOW, "news-backup", true, "cron(0 2 ? * * *)", "Asia/Tokyo", null, 2, null, null,
                Map.of("siteops:backup", "true", "siteops:site", "news"));
        var verdict = new MissingRunCheck.Verdict(true, Instant.parse("2026-11-28T16:59:00Z"), null,
                new WindowRun("e-1", "FAILED", Instant.parse("2026-11-28T17:00:00Z")));
        var trigger = AlertComposer.missingRun(new ScheduledCheck("123456789012", "ap-northeast-1"), window, verdict, Instant.parse("2026-11-30T03:00:00Z"));
        assertEquals("siteops/maintenance-window/123456789012/ap-northeast-1/" + WINDOW + "/missing-run", trigger.dedupKey());
        assertEquals("[news] Backup window news-backup (" + WINDOW + ") has no successful run since 2026-11-28T16:59:00Z "
                + "(schedule cron(0 2 ? * * *) Asia/Tokyo): latest run FAILED at 2026-11-28T17:00:00Z", trigger.payload().summary());
        assertEquals("critical", trigger.payload().severity());
    }
}
