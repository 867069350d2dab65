package siteops.maintenance.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.Json;
import siteops.maintenance.event.Incoming;
import siteops.maintenance.event.MaintenanceEvent;
import siteops.maintenance.event.ScheduledCheck;
import siteops.maintenance.event.SsmEvents;
import siteops.maintenance.rules.AlertDecision;
import siteops.maintenance.rules.MissingRunCheck;
import siteops.maintenance.ssm.BackupWindow;
import siteops.maintenance.ssm.WindowContext;
import siteops.maintenance.ssm.WindowRun;

/**
 * What the on-call engineer reads in PagerDuty: every custom_details field of each alert, as the JSON PagerDuty
 * receives, and the summary, source, group and links for the cases that word them differently.
 */
class AlertDetailsTest {
    private static final String WINDOW = "mw-0ed7251d3fcf6e0c2";
    private static final String EXECUTION = "b60fb56e-776c-4e5c-84ee-123456789012";
    private static final String TASK = "3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11";
    private static final ScheduledCheck CHECK = new ScheduledCheck("123456789012", "ap-northeast-1");
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final BackupWindow BACKUP = new BackupWindow(WINDOW, "news-backup", true, "cron(0 2 ? * * *)", "Asia/Tokyo", 1, 3,
            null, null, Map.of("siteops:backup", "true", "siteops:site", "news"));

    private static PagerDutyEvent trigger(JsonNode event, WindowContext context) {
        MaintenanceEvent parsed = (MaintenanceEvent) Incoming.parse(event);
        return AlertComposer.forEvent(parsed, AlertDecision.of(parsed), context).get(0);
    }

    private static JsonNode sent(PagerDutyEvent event) {
        return parse(Json.text(event)).get("payload");
    }

    /** Expected JSON, written with ' for " to stay readable. */
    private static JsonNode json(String text) {
        return parse(text.replace('\'', '"'));
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WindowContext failedBackup() {
        return new WindowContext("news-backup", Map.of("siteops:backup", "true", "siteops:site", "news"), true, "cron(0 2 ? * * *)", null,
                List.of(new WindowContext.Task(TASK, "AWS-RunShellScript", "RUN_COMMAND", "FAILED", "The task failed on 1 of 1 targets")),
                List.of(new WindowContext.Invocation("inv-1", TASK, "cmd-1", "target-1", "FAILED", "Failed", "web-team",
                        List.of("i-0123456789abcdef0"))),
                List.of("ListTagsForResource was throttled"));
    }

    @Test
    void aFailedRunCarriesEveryDetailOfTheRun() {
        JsonNode payload = sent(trigger(SsmEvents.windowExecution(WINDOW, EXECUTION, "FAILED"), failedBackup()));
        assertEquals(json("""
                {'window_id': 'mw-0ed7251d3fcf6e0c2', 'window_name': 'news-backup', 'site': 'news', 'account': '123456789012',
                 'region': 'ap-northeast-1', 'event': 'Maintenance Window Execution State-change Notification', 'status': 'FAILED',
                 'window_execution_id': 'b60fb56e-776c-4e5c-84ee-123456789012',
                 'start_time': '2026-11-29T17:00:00.112Z', 'end_time': '2026-11-29T17:05:00.427Z',
                 'tasks': [{'taskExecutionId': '3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11', 'taskArn': 'AWS-RunShellScript',
                            'type': 'RUN_COMMAND', 'status': 'FAILED', 'statusDetails': 'The task failed on 1 of 1 targets'}],
                 'invocations': [{'invocationId': 'inv-1', 'taskExecutionId': '3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11',
                                  'executionId': 'cmd-1', 'windowTargetId': 'target-1', 'status': 'FAILED', 'statusDetails': 'Failed',
                                  'ownerInformation': 'web-team', 'instanceIds': ['i-0123456789abcdef0']}],
                 'instance_ids': ['i-0123456789abcdef0'], 'schedule': 'cron(0 2 ? * * *)',
                 'event_id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718', 'enrichment_notes': ['ListTagsForResource was throttled']}
                """), payload.get("custom_details"));
    }

    @Test
    void aFailedTargetCarriesItsTaskTargetOwnerAndTheRunsStatusDetails() {
        WindowContext context = new WindowContext(null, Map.of(), true, null, "One or more tasks failed", List.of(), List.of(), List.of());
        PagerDutyEvent trigger = trigger(SsmEvents.targetInvocation(WINDOW, EXECUTION, TASK, "target-9", "FAILED"), context);
        JsonNode payload = sent(trigger);
        assertEquals(json("""
                {'window_id': 'mw-0ed7251d3fcf6e0c2', 'account': '123456789012', 'region': 'ap-northeast-1',
                 'event': 'Maintenance Window Task Target Invocation State-change Notification', 'status': 'FAILED',
                 'window_execution_id': 'b60fb56e-776c-4e5c-84ee-123456789012', 'task_execution_id': '3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11',
                 'window_target_id': 'target-9', 'owner_information': 'web-team',
                 'start_time': '2026-11-29T17:00:01.532Z', 'end_time': '2026-11-29T17:04:58.233Z',
                 'status_details': 'One or more tasks failed', 'event_id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718'}
                """), payload.get("custom_details"));
        assertEquals("Maintenance window " + WINDOW + " task " + TASK + " FAILED on target target-9 (owner: web-team) - One or more tasks failed",
                payload.get("summary").asText());
        assertEquals(WINDOW, payload.get("group").asText(), "no site, no name: grouped by window id");
        assertEquals("maintenance-window", payload.get("component").asText());
        assertEquals("maintenance window failure", payload.get("class").asText());
    }

    @Test
    void aMissingBackupCarriesTheScheduleAndTheLatestRun() {
        var verdict = new MissingRunCheck.Verdict(true, Instant.parse("2026-11-28T16:59:00Z"), null,
                new WindowRun("e-1", "FAILED", Instant.parse("2026-11-28T17:00:00Z")));
        PagerDutyEvent trigger = AlertComposer.missingRun(CHECK, BACKUP, verdict, NOW);
        JsonNode payload = sent(trigger);
        assertEquals(json("""
                {'window_id': 'mw-0ed7251d3fcf6e0c2', 'window_name': 'news-backup', 'site': 'news', 'account': '123456789012',
                 'region': 'ap-northeast-1', 'schedule': 'cron(0 2 ? * * *)', 'schedule_timezone': 'Asia/Tokyo',
                 'schedule_offset_days': 1, 'duration_hours': 3, 'success_expected_since': '2026-11-28T16:59:00Z',
                 'latest_run': {'window_execution_id': 'e-1', 'status': 'FAILED', 'start_time': '2026-11-28T17:00:00Z'}}
                """), payload.get("custom_details"));
        assertEquals("backup missing", payload.get("class").asText());
        assertEquals("2026-11-30T03:00:00Z", payload.get("timestamp").asText());
        assertEquals("news", payload.get("group").asText());
        assertEquals("https://ap-northeast-1.console.aws.amazon.com/systems-manager/maintenance-windows/" + WINDOW + "?region=ap-northeast-1",
                trigger.links().get(0).href());

        var noRun = new MissingRunCheck.Verdict(true, Instant.parse("2026-11-28T16:59:00Z"), null, null);
        BackupWindow utc = new BackupWindow(WINDOW, "news-backup", true, "cron(0 2 ? * * *)", null, null, 3, null, null, Map.of());
        JsonNode quiet = sent(AlertComposer.missingRun(CHECK, utc, noRun, NOW));
        assertEquals("Maintenance window news-backup (" + WINDOW + ") has no successful run since 2026-11-28T16:59:00Z "
                + "(schedule cron(0 2 ? * * *)): no run started since then", quiet.get("summary").asText());
        assertEquals(json("""
                {'window_id': 'mw-0ed7251d3fcf6e0c2', 'window_name': 'news-backup', 'account': '123456789012', 'region': 'ap-northeast-1',
                 'schedule': 'cron(0 2 ? * * *)', 'duration_hours': 3,
                 'success_expected_since': '2026-11-28T16:59:00Z'}
                """), quiet.get("custom_details"));
        assertEquals("news-backup", quiet.get("group").asText(), "no site: grouped by window name");
    }

    @Test
    void aWindowThatNeverRanIsAWarningWithItsSchedule() {
        PagerDutyEvent trigger = AlertComposer.neverRan(CHECK, BACKUP, Instant.parse("2026-11-28T17:00:00Z"), NOW);
        JsonNode payload = sent(trigger);
        assertEquals("[news] Backup window news-backup (" + WINDOW + ") has never run: a run was due since 2026-11-28T17:00:00Z "
                + "(schedule cron(0 2 ? * * *) Asia/Tokyo); check its targets, tasks and schedule", payload.get("summary").asText());
        assertEquals("warning", payload.get("severity").asText());
        assertEquals("backup never ran", payload.get("class").asText());
        assertEquals("siteops/maintenance-window/123456789012/ap-northeast-1/" + WINDOW + "/missing-run", trigger.dedupKey());
        assertEquals(json("""
                {'window_id': 'mw-0ed7251d3fcf6e0c2', 'window_name': 'news-backup', 'site': 'news', 'account': '123456789012',
                 'region': 'ap-northeast-1', 'schedule': 'cron(0 2 ? * * *)', 'schedule_timezone': 'Asia/Tokyo',
                 'schedule_offset_days': 1, 'duration_hours': 3, 'success_expected_since': '2026-11-28T17:00:00Z',
                 'run_history': 'empty'}
                """), payload.get("custom_details"));
        assertEquals("https://ap-northeast-1.console.aws.amazon.com/systems-manager/maintenance-windows/" + WINDOW + "?region=ap-northeast-1",
                trigger.links().get(0).href());
        BackupWindow utc = new BackupWindow(WINDOW, "news-backup", true, "rate(1 day)", null, null, 3, null, null, Map.of());
        assertEquals("Maintenance window news-backup (" + WINDOW + ") has never run: a run was due since 2026-11-28T17:00:00Z "
                + "(schedule rate(1 day)); check its targets, tasks and schedule",
                sent(AlertComposer.neverRan(CHECK, utc, Instant.parse("2026-11-28T17:00:00Z"), NOW)).get("summary").asText());
    }

    @Test
    void aDisabledWindowFoundByTheCheckIsTheSameAlertAsTheDisabledEvent() {
        PagerDutyEvent trigger = AlertComposer.disabledWindow(CHECK, BACKUP, NOW);
        JsonNode payload = sent(trigger);
        assertEquals("[news] Backup window news-backup (" + WINDOW + ") is DISABLED: its scheduled backups do not run until it is re-enabled",
                payload.get("summary").asText());
        assertEquals("siteops/maintenance-window/123456789012/ap-northeast-1/" + WINDOW + "/disabled", trigger.dedupKey());
        assertEquals("warning", payload.get("severity").asText());
        assertEquals("maintenance window disabled", payload.get("class").asText());
        assertEquals("2026-11-30T03:00:00Z", payload.get("timestamp").asText());
        assertEquals(json("""
                {'window_id': 'mw-0ed7251d3fcf6e0c2', 'window_name': 'news-backup', 'site': 'news', 'account': '123456789012',
                 'region': 'ap-northeast-1', 'schedule': 'cron(0 2 ? * * *)'}
                """), payload.get("custom_details"));
        PagerDutyEvent event = trigger(SsmEvents.windowState(WINDOW, "DISABLED"), BACKUP.context());
        assertEquals(trigger.dedupKey(), event.dedupKey());
        assertEquals("[news] Backup window news-backup (" + WINDOW + ") was DISABLED: its scheduled runs stop until it is re-enabled",
                sent(event).get("summary").asText());
        assertEquals("maintenance window disabled", sent(event).get("class").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            TIMED_OUT           | run TIMED_OUT (did not finish within the window's duration)
            CANCELLED           | run CANCELLED (stopped before completing)
            SKIPPED_OVERLAPPING | run SKIPPED_OVERLAPPING (did not start: the previous run was still going)
            FAILED              | run FAILED
            """)
    void aRunThatDidNotSucceedSaysWhy(String status, String words) {
        assertEquals("Maintenance window " + WINDOW + " " + words,
                sent(trigger(SsmEvents.windowExecution(WINDOW, EXECUTION, status), WindowContext.unknown(List.of()))).get("summary").asText());
    }

    @Test
    void longListsOfTasksAndInstancesAreCountedAfterTheFirstFive() {
        List<WindowContext.Task> tasks = IntStream.rangeClosed(1, 7)
                .mapToObj(i -> new WindowContext.Task("t-" + i, i == 1 ? null : "task-" + i, "RUN_COMMAND", "FAILED", null)).toList();
        List<String> instances = IntStream.rangeClosed(1, 6).mapToObj(i -> "i-" + i).toList();
        WindowContext context = new WindowContext("web", Map.of(), true, null, null,
                Stream.concat(Stream.of(new WindowContext.Task("t-0", "passed", "RUN_COMMAND", "SUCCESS", "ok")), tasks.stream()).toList(),
                List.of(new WindowContext.Invocation("inv", "t-1", "cmd", "target", "FAILED", null, null, instances)), List.of());
        JsonNode payload = sent(trigger(SsmEvents.windowExecution(WINDOW, EXECUTION, "FAILED"), context));
        assertEquals("Maintenance window web (" + WINDOW + ") run FAILED: task t-1 FAILED, task-2 FAILED, task-3 FAILED, task-4 FAILED, "
                + "task-5 FAILED and 2 more on i-1, i-2, i-3, i-4, i-5 and 1 more", payload.get("summary").asText());
        assertEquals("maintenance-window", payload.get("component").asText(), "the first failed task has no ARN");
        assertEquals("web", payload.get("group").asText());
    }

    @Test
    void aTaskAlertNamesTheTaskOfTheEventAndItsReason() {
        WindowContext context = new WindowContext("web", Map.of(), true, null, null,
                List.of(new WindowContext.Task("t-other", "AWS-Other", "RUN_COMMAND", "FAILED", "other failed"),
                        new WindowContext.Task("t-1", "AWS-RunPatchBaseline", "RUN_COMMAND", "FAILED", "patching failed")),
                List.of(new WindowContext.Invocation("inv", "t-1", "cmd", "target", "SUCCESS", "fine", null, List.of()),
                        new WindowContext.Invocation("inv2", "t-1", "cmd", "target", "FAILED", null, null, List.of())),
                List.of());
        JsonNode payload = sent(trigger(SsmEvents.taskExecution(WINDOW, EXECUTION, "t-1", "FAILED"), context));
        assertEquals("Maintenance window web (" + WINDOW + ") task AWS-RunPatchBaseline FAILED - other failed", payload.get("summary").asText());
        assertEquals("AWS-RunPatchBaseline", payload.get("component").asText());
        assertEquals("2026-11-29T17:04:58.910Z", payload.get("timestamp").asText());
        JsonNode unknownTask = sent(trigger(SsmEvents.taskExecution(WINDOW, EXECUTION, "t-9", "FAILED"), WindowContext.unknown(List.of())));
        assertEquals("Maintenance window " + WINDOW + " task t-9 FAILED", unknownTask.get("summary").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cn-north-1     | arn:aws-cn:ssm:cn-north-1:123456789012:maintenancewindow/mw-0ed7251d3fcf6e0c2         | https://cn-north-1.console.amazonaws.cn
            us-gov-west-1  | arn:aws-us-gov:ssm:us-gov-west-1:123456789012:maintenancewindow/mw-0ed7251d3fcf6e0c2  | https://us-gov-west-1.console.amazonaws-us-gov.com
            eu-west-1      | arn:aws:ssm:eu-west-1:123456789012:maintenancewindow/mw-0ed7251d3fcf6e0c2             | https://eu-west-1.console.aws.amazon.com
            """)
    void sourceAndLinksFollowThePartition(String region, String source, String console) {
        PagerDutyEvent trigger = AlertComposer.disabledWindow(new ScheduledCheck("123456789012", region), BACKUP, NOW);
        assertEquals(source, trigger.payload().source());
        assertEquals(console + "/systems-manager/maintenance-windows/" + WINDOW + "?region=" + region, trigger.links().get(0).href());
        assertEquals(console + "/systems-manager/maintenance-windows/" + WINDOW + "/history/e-1?region=" + region,
                AlertComposer.runLink(region, WINDOW, "e-1").href());
    }

    @Test
    void exactlyFiveTasksOrInstancesAreAllNamed() {
        List<WindowContext.Task> tasks = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new WindowContext.Task("t-" + i, "task-" + i, "RUN_COMMAND", "FAILED", null)).toList();
        List<String> instances = IntStream.rangeClosed(1, 5).mapToObj(i -> "i-" + i).toList();
        WindowContext context = new WindowContext("web", Map.of(), true, null, null, tasks,
                List.of(new WindowContext.Invocation("inv", "t-1", "cmd", "target", "FAILED", null, null, instances)), List.of());
        assertEquals("Maintenance window web (" + WINDOW + ") run FAILED: task task-1 FAILED, task-2 FAILED, task-3 FAILED, task-4 FAILED, "
                + "task-5 FAILED on i-1, i-2, i-3, i-4, i-5",
                sent(trigger(SsmEvents.windowExecution(WINDOW, EXECUTION, "FAILED"), context)).get("summary").asText());
    }

    @Test
    void whatAnEventLeavesOutIsLeftOutOfTheAlert() {
        var json = SsmEvents.targetInvocation(WINDOW, EXECUTION, TASK, "target-9", "FAILED");
        ((ObjectNode) json.get("detail")).remove(List.of("owner-information", "task-execution-id"));
        assertEquals("Maintenance window " + WINDOW + " task (unknown) FAILED on target target-9",
                sent(trigger(json, WindowContext.unknown(List.of()))).get("summary").asText());
        // A state change has no run: the link opens the window, the time is the envelope's.
        PagerDutyEvent disabled = trigger(SsmEvents.windowState(WINDOW, "DISABLED"), WindowContext.unknown(List.of()));
        assertEquals("https://ap-northeast-1.console.aws.amazon.com/systems-manager/maintenance-windows/" + WINDOW + "?region=ap-northeast-1",
                disabled.links().get(0).href());
        assertEquals("2026-11-29T17:05:01Z", sent(disabled).get("timestamp").asText());
        var undated = SsmEvents.windowState(WINDOW, "DISABLED");
        undated.remove("time");
        assertEquals(null, sent(trigger(undated, WindowContext.unknown(List.of()))).get("timestamp"), "no time: PagerDuty stamps it");
    }
}
