package siteops.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.common.ConfigurationException;
import siteops.common.Json;
import siteops.common.Log;
import siteops.maintenance.event.MaintenanceEvent;
import siteops.maintenance.event.SsmEvents;
import siteops.maintenance.pagerduty.PagerDutySender;
import siteops.standins.FakePagerDuty;
import siteops.standins.FakeSsmMaintenanceWindows;
import siteops.testing.MotoServer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * The whole function in process: real SDK calls to moto_server (Secrets Manager; SSM windows and tags) through a
 * fake at the SDK's HTTP layer that adds what moto lacks (execution history), and a fake PagerDuty that enforces
 * the Events v2 rules. Only the Retrier's sleeper is replaced, so retries do not wait.
 */
@ExtendWith(MotoServer.class)
class MaintenanceFunctionTest {
    static final String DEFAULT_KEY = "R0utingKeyDefault0123456789abcde";
    static final String SITE_KEY = "R0utingKeyForNewsSite9876543210x";
    static final String DEFAULT_SECRET = "siteops/pagerduty/default";
    static final String SITE_SECRET = "siteops/pagerduty/news";
    static final String EXECUTION = "b60fb56e-776c-4e5c-84ee-123456789012";
    static final String TASK = "3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11";
    static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    private MotoServer moto;
    private FakePagerDuty pagerDuty;
    private FakeSsmMaintenanceWindows ssmFake;
    private SsmClient setupSsm;
    private SecretsManagerClient secrets;
    private DynamoDbClient dynamo;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<String> outputs = new ArrayList<>();
    private PrintStream previousLog;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        pagerDuty = new FakePagerDuty();
        ssmFake = new FakeSsmMaintenanceWindows(moto.endpoint());
        setupSsm = moto.configure(SsmClient.builder()).build();
        secrets = moto.configure(SecretsManagerClient.builder()).build();
        secrets.createSecret(r -> r.name(DEFAULT_SECRET).secretString(DEFAULT_KEY));
        dynamo = StateTable.create(moto);
        previousLog = Log.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        Log.redirect(previousLog);
        pagerDuty.close();
        ssmFake.close();
        String everything = logs.toString(StandardCharsets.UTF_8) + String.join("\n", outputs);
        assertFalse(everything.contains(DEFAULT_KEY) || everything.contains(SITE_KEY),
                "a routing key appeared in the function's logs, results or errors");
    }

    private MaintenanceHandler handler(Clock clock) {
        return handler(clock, dynamo, false);
    }

    private MaintenanceHandler handler(Clock clock, boolean dryRun) {
        return handler(clock, dynamo, dryRun);
    }

    /** A new handler instance (a cold start) with its own clients. */
    private MaintenanceHandler handler(Clock clock, DynamoDbClient dynamo) {
        return handler(clock, dynamo, false);
    }

    private MaintenanceHandler handler(Clock clock, DynamoDbClient dynamo, boolean dryRun) {
        SsmClient ssm = moto.configure(SsmClient.builder()).endpointOverride(ssmFake.endpoint()).build();
        var config = new MaintenanceConfig(URI.create(pagerDuty.eventsUrl()), DEFAULT_SECRET, Duration.ofMinutes(60), StateTable.NAME,
                dryRun);
        return new MaintenanceHandler(config, ssm, secrets, dynamo, PagerDutySender.httpClient(), sleeps::add, clock);
    }

    private JsonNode dryRun(JsonNode event) throws Exception {
        var out = new ByteArrayOutputStream();
        handler(Clock.fixed(NOW, ZoneOffset.UTC), true).handleRequest(new ByteArrayInputStream(Json.write(event)), out, null);
        outputs.add(out.toString(StandardCharsets.UTF_8));
        return Json.MAPPER.readTree(out.toByteArray());
    }

    /** Runs the handler like Lambda; returns its JSON result, or rethrows its failure after recording the message. */
    private JsonNode invoke(JsonNode event) throws Exception {
        return invoke(event, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private JsonNode invoke(JsonNode event, Clock clock) throws Exception {
        var out = new ByteArrayOutputStream();
        try {
            handler(clock).handleRequest(new ByteArrayInputStream(Json.write(event)), out, null);
        } catch (RuntimeException e) {
            outputs.add(String.valueOf(e));
            throw e;
        }
        String text = out.toString(StandardCharsets.UTF_8);
        outputs.add(text);
        return Json.MAPPER.readTree(text);
    }

    private String window(String name, Map<String, String> tags) {
        return window(name, "cron(0 2 ? * * *)", tags);
    }

    private String window(String name, String schedule, Map<String, String> tags) {
        return setupSsm.createMaintenanceWindow(r -> r.name(name).schedule(schedule).scheduleTimezone("Asia/Tokyo").duration(2).cutoff(1)
                .allowUnassociatedTargets(true)
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))
                .windowId();
    }

    private void failedRun(String windowId, String executionId, Instant start) {
        var invocation = new FakeSsmMaintenanceWindows.Invocation("inv-1", "c7a8e2f1-04b5-4b1e-9d2a-9f8e3c2b1a00", "target-1", "FAILED",
                "Failed", "web-team", List.of("i-0123456789abcdef0"));
        ssmFake.addExecution(new FakeSsmMaintenanceWindows.Execution(windowId, executionId, "FAILED", "One or more tasks in the orchestration failed.",
                start, start.plusSeconds(300), List.of(new FakeSsmMaintenanceWindows.Task(TASK, "AWS-RunShellScript", "RUN_COMMAND", "FAILED",
                        "The task failed on 1 of 1 targets", List.of(invocation)))));
    }

    private void run(String windowId, String executionId, String status, Instant start) {
        ssmFake.addExecution(new FakeSsmMaintenanceWindows.Execution(windowId, executionId, status, null, start, start.plusSeconds(300), List.of()));
    }

    private static String key(String windowId) {
        return "siteops/maintenance-window/" + SsmEvents.ACCOUNT + "/" + SsmEvents.REGION + "/" + windowId;
    }

    @Test
    void aFailureOfAWindowWhoseOwnKeyIsUnusablePagesThroughTheDefaultKeyAndSaysWhy() throws Exception {
        // The window names a secret that does not exist: someone must still be paged.
        String windowId = window("news-backup", Map.of("siteops:backup", "true", "siteops:pagerduty-secret", "siteops/pagerduty/deleted"));
        failedRun(windowId, EXECUTION, Instant.parse("2026-11-29T17:00:00Z"));

        JsonNode result = invoke(SsmEvents.windowExecution(windowId, EXECUTION, "FAILED"));
        assertEquals("triggered", result.get("outcome").asText());
        assertEquals(DEFAULT_SECRET, result.at("/sent/0/routingKeySecret").asText());
        assertTrue(pagerDuty.alert(DEFAULT_KEY, key(windowId)).isOpen(), pagerDuty.state());
        String notes = result.get("enrichmentNotes").toString();
        assertTrue(notes.contains("routing key secret siteops/pagerduty/deleted unusable (") && notes.contains("sent through " + DEFAULT_SECRET),
                notes);
    }

    @Test
    void aFailedBackupPagesWithDetailsAndTheNextSuccessClosesTheSameAlert() throws Exception {
        String windowId = window("news-backup", Map.of("siteops:backup", "true", "siteops:site", "news"));
        failedRun(windowId, EXECUTION, Instant.parse("2026-11-29T17:00:00Z"));

        JsonNode result = invoke(SsmEvents.windowExecution(windowId, EXECUTION, "FAILED"));
        assertEquals("triggered", result.get("outcome").asText());
        var alert = pagerDuty.alert(DEFAULT_KEY, key(windowId));
        assertNotNull(alert, pagerDuty.state());
        assertTrue(alert.isOpen());
        JsonNode payload = alert.firstPayload();
        assertEquals("[news] Backup window news-backup (" + windowId + ") run FAILED: task AWS-RunShellScript FAILED on "
                + "i-0123456789abcdef0 - One or more tasks in the orchestration failed.", payload.get("summary").asText());
        assertEquals("critical", payload.get("severity").asText());
        assertEquals("news", payload.get("group").asText());
        assertEquals("i-0123456789abcdef0", payload.at("/custom_details/instance_ids/0").asText());
        assertEquals("c7a8e2f1-04b5-4b1e-9d2a-9f8e3c2b1a00", payload.at("/custom_details/invocations/0/executionId").asText());

        // The same failure reported again (redelivery, or the task's own event) lands on the same alert.
        invoke(SsmEvents.taskExecution(windowId, EXECUTION, TASK, "FAILED"));
        assertEquals(1, pagerDuty.alerts().size());
        assertEquals(2, alert.triggerCount());

        JsonNode resolved = invoke(SsmEvents.windowExecution(windowId, "5e3bd2a0-7c6b-4b60-9a1c-0123456789ab", "SUCCESS"));
        assertEquals("resolved", resolved.get("outcome").asText());
        assertEquals(key(windowId), resolved.at("/sent/0/dedupKey").asText());
        assertFalse(alert.isOpen(), "trigger then resolve closes the alert");
        assertEquals(List.of(), pagerDuty.openAlerts());
        assertEquals(List.of(), pagerDuty.rejections());
    }

    @Test
    void aDryRunShowsTheExactEventItWouldSendAndPagesNobody() throws Exception {
        String windowId = window("news-backup", Map.of("siteops:backup", "true", "siteops:site", "news"));
        failedRun(windowId, EXECUTION, Instant.parse("2026-11-29T17:00:00Z"));
        ObjectNode event = SsmEvents.windowExecution(windowId, EXECUTION, "FAILED");

        JsonNode dry = dryRun(event);
        assertEquals(List.of(), pagerDuty.requests(), "nothing reached PagerDuty");
        assertTrue(dry.get("dryRun").asBoolean());
        assertEquals("triggered", dry.at("/result/outcome").asText(), "the outcome a real run would have");
        assertEquals(1, dry.get("wouldHaveSent").size());
        assertEquals("trigger event", dry.at("/wouldHaveSent/0/action").asText());
        assertEquals(DEFAULT_SECRET, dry.at("/wouldHaveSent/0/content/routingKeySecret").asText(), "the secret's id, never the key");

        invoke(event);
        var alert = pagerDuty.alert(DEFAULT_KEY, key(windowId));
        assertEquals(alert.firstPayload(), dry.at("/wouldHaveSent/0/content/event/payload"), "exactly the payload a real run sends");
        assertEquals(key(windowId), dry.at("/wouldHaveSent/0/content/event/dedup_key").asText());
    }

    @Test
    void theHourlyCheckInADryRunListsItsPagesAndSendsNone() throws Exception {
        window("news-backup", Map.of("siteops:backup", "true"));
        JsonNode dry = dryRun(SsmEvents.scheduled());
        assertEquals(List.of(), pagerDuty.requests());
        assertEquals(0, dynamo.scan(r -> r.tableName(StateTable.NAME)).count(), "the alert state is not written either");
        invoke(SsmEvents.scheduled());
        List<JsonNode> pages = new ArrayList<>();
        List<JsonNode> stateWrites = new ArrayList<>();
        dry.get("wouldHaveSent").forEach(write -> (write.get("target").asText().startsWith("PagerDuty") ? pages : stateWrites).add(write));
        assertEquals(pagerDuty.accepted().size(), pages.size(), dry.toString());
        assertEquals(pagerDuty.accepted().get(0).dedupKey(), pages.get(0).at("/content/event/dedup_key").asText());
        assertEquals(1, stateWrites.size(), dry.toString());
        assertEquals("never-ran", stateWrites.get(0).at("/content/state").asText(), "the state the real run then records");
    }

    @Test
    void badInputInADryRunFailsWithTheSameMessage() throws Exception {
        var noWindow = SsmEvents.windowExecution("mw-0ed7251d3fcf6e0c2", EXECUTION, "FAILED");
        ((ObjectNode) noWindow.get("detail")).remove("window-id");
        String real = assertThrows(MaintenanceEventException.class, () -> invoke(noWindow)).getMessage();
        assertEquals(real, assertThrows(MaintenanceEventException.class, () -> dryRun(noWindow)).getMessage());
        assertEquals(List.of(), pagerDuty.requests());
    }

    @Test
    void twoWindowsOpenTwoAlerts() throws Exception {
        String news = window("news-backup", Map.of("siteops:backup", "true"));
        String shop = window("shop-backup", Map.of("siteops:backup", "true"));
        invoke(SsmEvents.windowExecution(news, EXECUTION, "TIMED_OUT"));
        invoke(SsmEvents.windowExecution(shop, "0f6c1c5e-1b1e-4d3e-8a7b-5b2c3d4e5f60", "FAILED"));
        assertEquals(List.of(key(news), key(shop)), pagerDuty.openAlerts().stream().map(FakePagerDuty.Alert::dedupKey).toList());
    }

    @Test
    void transitionalStatusesAndRegistrationsSendNothingAndCallNothing() throws Exception {
        String windowId = window("news-backup", Map.of());
        for (String status : List.of("PENDING", "IN_PROGRESS", "CANCELLING")) {
            assertEquals("nothing-sent", invoke(SsmEvents.windowExecution(windowId, EXECUTION, status)).get("outcome").asText());
        }
        invoke(SsmEvents.taskExecution(windowId, EXECUTION, TASK, "SUCCESS"));
        invoke(SsmEvents.envelope(MaintenanceEvent.Kind.TARGET_REGISTRATION,
                Map.of("window-id", windowId, "window-target-id", "e32eecb2-646c-4f4b-8ed1-205fbEXAMPLE", "status", "REGISTERED")));
        JsonNode unknown = invoke(SsmEvents.windowExecution(windowId, EXECUTION, "REBOOTING"));
        assertTrue(unknown.get("reason").asText().contains("unknown status 'REBOOTING'"));
        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("\"level\":\"WARN\",\"function\""), "an unknown status is logged as a warning");
        assertEquals(List.of(), pagerDuty.requests());
        assertEquals(List.of(), ssmFake.operations());
    }

    @Test
    void throttledOnceThenAcceptedMeansExactlyOneEvent() throws Exception {
        String windowId = window("news-backup", Map.of());
        pagerDuty.throttleNext(1, 2);
        invoke(SsmEvents.windowExecution(windowId, EXECUTION, "FAILED"));
        assertEquals(2, pagerDuty.requests().size());
        assertEquals(1, pagerDuty.accepted().size());
        assertEquals(1, sleeps.size());
        assertTrue(sleeps.get(0).compareTo(Duration.ofSeconds(2)) >= 0, "Retry-After is honoured: " + sleeps);
    }

    @Test
    void persistentServerErrorsFailTheInvocationAfterBoundedRetries() throws Exception {
        String windowId = window("news-backup", Map.of());
        pagerDuty.failNext(100);
        var error = assertThrows(PagerDutyDeliveryException.class, () -> invoke(SsmEvents.windowExecution(windowId, EXECUTION, "FAILED")));
        assertTrue(error.getMessage().contains("after 5 attempts") && error.getMessage().contains("HTTP 500"), error.getMessage());
        assertEquals(5, pagerDuty.requests().size());
        assertTrue(sleeps.stream().reduce(Duration.ZERO, Duration::plus).compareTo(Duration.ofSeconds(20)) <= 0, "total backoff bounded: " + sleeps);
        assertEquals(List.of(), pagerDuty.accepted());
    }

    @Test
    void aRefusedEventFailsAtOnceWithPagerDutysErrors() throws Exception {
        String windowId = window("news-backup", Map.of());
        pagerDuty.registerRoutingKey("SomeOtherIntegrationKey000000000");
        var error = assertThrows(PagerDutyDeliveryException.class, () -> invoke(SsmEvents.windowExecution(windowId, EXECUTION, "FAILED")));
        assertTrue(error.getMessage().contains("HTTP 400 invalid event, errors: Invalid routing key"), error.getMessage());
        assertEquals(1, pagerDuty.requests().size(), "a 400 is not retried");
    }

    @Test
    void malformedEventsAreRefusedAndNothingIsSent() {
        var noWindow = SsmEvents.windowExecution("mw-0ed7251d3fcf6e0c2", EXECUTION, "FAILED");
        ((ObjectNode) noWindow.get("detail")).remove("window-id");
        var notSsm = SsmEvents.windowExecution("mw-0ed7251d3fcf6e0c2", EXECUTION, "FAILED").put("source", "aws.ec2");
        var unknownType = SsmEvents.windowExecution("mw-0ed7251d3fcf6e0c2", EXECUTION, "FAILED").put("detail-type", "Maintenance Window Exploded");
        for (JsonNode event : List.of(noWindow, notSsm, unknownType)) {
            assertThrows(MaintenanceEventException.class, () -> invoke(event));
        }
        assertThrows(MaintenanceEventException.class, () -> {
            var out = new ByteArrayOutputStream();
            handler(Clock.systemUTC()).handleRequest(new ByteArrayInputStream("{not json".getBytes(StandardCharsets.UTF_8)), out, null);
        });
        assertEquals(List.of(), pagerDuty.requests());
        assertEquals(List.of(), ssmFake.operations());
    }

    @Test
    void aSiteWindowPagesThroughItsOwnRoutingKey() throws Exception {
        secrets.createSecret(r -> r.name(SITE_SECRET).secretString(SITE_KEY));
        String news = window("news-backup", Map.of("siteops:backup", "true", "siteops:pagerduty-secret", SITE_SECRET));
        String other = window("intranet-backup", Map.of("siteops:backup", "true"));
        JsonNode result = invoke(SsmEvents.windowExecution(news, EXECUTION, "FAILED"));
        assertEquals(SITE_SECRET, result.at("/sent/0/routingKeySecret").asText());
        invoke(SsmEvents.windowExecution(other, EXECUTION, "FAILED"));
        assertNotNull(pagerDuty.alert(SITE_KEY, key(news)));
        assertNotNull(pagerDuty.alert(DEFAULT_KEY, key(other)));
        invoke(SsmEvents.windowExecution(news, "5e3bd2a0-7c6b-4b60-9a1c-0123456789ab", "SUCCESS"));
        assertFalse(pagerDuty.alert(SITE_KEY, key(news)).isOpen(), "the resolve went through the site's key too");
    }

    @Test
    void whenEnrichmentFailsTheAlertStillGoesOut() throws Exception {
        String windowId = window("news-backup", Map.of("siteops:site", "news"));
        ssmFake.fail("GetMaintenanceWindow", 400, "AccessDeniedException");
        ssmFake.fail("GetMaintenanceWindowExecutionTask", 400, "AccessDeniedException");
        // DescribeMaintenanceWindowExecutionTaskInvocations answers DoesNotExist: the fake knows no such run.
        JsonNode result = invoke(SsmEvents.taskExecution(windowId, EXECUTION, TASK, "FAILED"));
        assertEquals("triggered", result.get("outcome").asText());
        var payload = pagerDuty.alert(DEFAULT_KEY, key(windowId)).firstPayload();
        assertEquals("[news] Maintenance window " + windowId + " task " + TASK + " FAILED", payload.get("summary").asText());
        assertEquals("error", payload.get("severity").asText());
        assertEquals(List.of("GetMaintenanceWindow failed (AccessDeniedException)", "GetMaintenanceWindowExecutionTask failed (AccessDeniedException)",
                        "DescribeMaintenanceWindowExecutionTaskInvocations failed (DoesNotExistException)"),
                Json.MAPPER.convertValue(payload.at("/custom_details/enrichment_notes"), List.class));
    }

    @Test
    void aResolveWhoseRoutingCannotBeReadFailsSoLambdaRetries() throws Exception {
        String windowId = window("news-backup", Map.of());
        ssmFake.fail("ListTagsForResource", 400, "AccessDeniedException");
        var error = assertThrows(IllegalStateException.class, () -> invoke(SsmEvents.windowExecution(windowId, EXECUTION, "SUCCESS")));
        assertTrue(error.getMessage().contains("cannot read the tags of window " + windowId), error.getMessage());
        assertEquals(List.of(), pagerDuty.requests());
    }

    @Test
    void aDeletedWindowStillPagesThroughTheDefaultKey() throws Exception {
        JsonNode result = invoke(SsmEvents.windowExecution("mw-0ed7251d3fcf6e0c2", EXECUTION, "FAILED"));
        assertEquals(DEFAULT_SECRET, result.at("/sent/0/routingKeySecret").asText());
        assertTrue(result.get("enrichmentNotes").toString().contains("no longer exists"), result.toString());
    }

    @Test
    void aDisabledWindowWarnsAndEnablingItResolvesOnlyThatAlert() throws Exception {
        String windowId = window("news-backup", Map.of("siteops:backup", "true"));
        invoke(SsmEvents.windowExecution(windowId, EXECUTION, "FAILED"));
        JsonNode disabled = invoke(SsmEvents.windowState(windowId, "DISABLED"));
        assertEquals("warning", disabled.at("/sent/0/severity").asText());
        assertEquals(key(windowId) + "/disabled", disabled.at("/sent/0/dedupKey").asText());
        invoke(SsmEvents.windowState(windowId, "ENABLED"));
        assertEquals(List.of(key(windowId)), pagerDuty.openAlerts().stream().map(FakePagerDuty.Alert::dedupKey).toList(),
                "re-enabling says nothing about the failed backup");
    }

    @Test
    void aRoutingKeySecretOfTheWrongShapeIsNamedNotShown() {
        String notAKey = "{\"routing_key\": \"R0utingKeyDefault0123456789abcde\"}";
        secrets.putSecretValue(r -> r.secretId(DEFAULT_SECRET).secretString(notAKey));
        String windowId = window("news-backup", Map.of());
        var error = assertThrows(ConfigurationException.class, () -> invoke(SsmEvents.windowExecution(windowId, EXECUTION, "FAILED")));
        assertTrue(error.getMessage().contains("secret '" + DEFAULT_SECRET + "' does not hold a PagerDuty Events v2 routing key"), error.getMessage());
        assertEquals(List.of(), pagerDuty.requests());
    }

    @Test
    void theHourlyCheckPagesForAMissingBackupAndResolvesOnceOneSucceeds() throws Exception {
        String news = window("news-backup", Map.of("siteops:backup", "true", "siteops:site", "news"));
        String shop = window("shop-backup", Map.of("siteops:backup", "true", "siteops:site", "shop"));
        String patching = window("patching", Map.of());
        String upcoming = window("new-site-backup", "at(2026-12-24T02:00:00)", Map.of("siteops:backup", "true"));
        String off = window("old-site-backup", Map.of("siteops:backup", "true"));
        ssmFake.disable(off);
        // Tonight's 02:00 JST run (17:00Z) of news failed, the one before succeeded; shop succeeded tonight.
        run(news, "11111111-1111-4111-8111-111111111111", "SUCCESS", Instant.parse("2026-11-28T17:00:03Z"));
        run(news, "22222222-2222-4222-8222-222222222222", "FAILED", Instant.parse("2026-11-29T17:00:02Z"));
        run(shop, "33333333-3333-4333-8333-333333333333", "SUCCESS", Instant.parse("2026-11-29T17:00:04Z"));

        JsonNode first = invoke(SsmEvents.scheduled());
        assertEquals(4, first.get("backupWindows").asInt(), "the untagged window is not a backup: " + first);
        Map<String, String> states = new HashMap<>();
        first.get("windows").forEach(w -> states.put(w.get("windowId").asText(), w.get("state").asText()));
        assertEquals(Map.of(news, "missing", shop, "fresh", upcoming, "not-due", off, "disabled"), states);
        assertFalse(states.containsKey(patching));
        var missing = pagerDuty.alert(DEFAULT_KEY, key(news) + "/missing-run");
        assertTrue(missing.isOpen());
        assertEquals("[news] Backup window news-backup (" + news + ") has no successful run since 2026-11-29T16:59:00Z "
                + "(schedule cron(0 2 ? * * *) Asia/Tokyo): latest run FAILED at 2026-11-29T17:00:02Z", missing.firstPayload().get("summary").asText());
        assertTrue(pagerDuty.alert(DEFAULT_KEY, key(off) + "/disabled").isOpen());

        // Someone reruns the backup by hand; it succeeds; the next hourly check closes the alert.
        run(news, "44444444-4444-4444-8444-444444444444", "SUCCESS", Instant.parse("2026-11-30T01:10:00Z"));
        JsonNode second = invoke(SsmEvents.scheduled(), Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertEquals("checked", second.get("outcome").asText());
        assertFalse(missing.isOpen(), "the missing-run alert is resolved once a run succeeded");
    }

    @Test
    void aSuccessfulRunEventAlsoClosesTheMissingRunAlert() throws Exception {
        String news = window("news-backup", Map.of("siteops:backup", "true"));
        invoke(SsmEvents.scheduled());
        assertTrue(pagerDuty.alert(DEFAULT_KEY, key(news) + "/missing-run").isOpen());
        invoke(SsmEvents.windowExecution(news, EXECUTION, "SUCCESS"));
        assertEquals(List.of(), pagerDuty.openAlerts());
    }

    @Test
    void theCheckFailsWhenAWindowCannotBeCheckedAfterCheckingTheOthers() throws Exception {
        window("news-backup", Map.of("siteops:backup", "true"));
        ssmFake.fail("DescribeMaintenanceWindowExecutions", 400, "AccessDeniedException");
        var error = assertThrows(IllegalStateException.class, () -> invoke(SsmEvents.scheduled()));
        assertTrue(error.getMessage().contains("could not be checked") && error.getMessage().contains("AccessDeniedException"), error.getMessage());
    }

    /** A clock the test moves: stands for time spent waiting on PagerDuty, without real waiting. */
    static final class SteppedClock extends Clock {
        private Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        synchronized void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static Map<String, String> states(JsonNode result) {
        Map<String, String> states = new HashMap<>();
        result.get("windows").forEach(w -> states.put(w.get("windowId").asText(), w.get("state").asText()));
        return states;
    }

    @Test
    void theCheckGoesOnPastAWindowWhoseKeyOrPagerDutyFailsAndNamesTheSecret() throws Exception {
        pagerDuty.registerRoutingKey(DEFAULT_KEY);
        // A well-formed key PagerDuty does not know (a deleted integration): 400 "Invalid routing key".
        secrets.createSecret(r -> r.name(SITE_SECRET).secretString(SITE_KEY));
        String gone = window("gone-backup", Map.of("siteops:backup", "true", "siteops:pagerduty-secret", "siteops/pagerduty/deleted"));
        String refused = window("refused-backup", Map.of("siteops:backup", "true", "siteops:pagerduty-secret", SITE_SECRET));
        String healthy = window("healthy-backup", Map.of("siteops:backup", "true"));
        String stale = window("stale-backup", Map.of("siteops:backup", "true"));
        Instant tonight = Instant.parse("2026-11-29T17:00:03Z");
        run(gone, "11111111-1111-4111-8111-111111111111", "SUCCESS", tonight);
        run(refused, "22222222-2222-4222-8222-222222222222", "SUCCESS", tonight);
        run(healthy, "33333333-3333-4333-8333-333333333333", "SUCCESS", tonight);
        run(stale, "44444444-4444-4444-8444-444444444444", "FAILED", tonight);
        // Yesterday's check found the three healthy ones missing: their resolves are due now.
        for (String recovered : List.of(gone, refused, healthy)) {
            StateTable.remember(dynamo, key(recovered) + "/missing-run", "missing");
        }

        var error = assertThrows(IllegalStateException.class, () -> invoke(SsmEvents.scheduled()));
        String message = error.getMessage();
        assertTrue(message.contains("2 could not be checked"), message);
        assertTrue(message.contains(gone + " (gone-backup): the resolve of " + key(gone) + "/missing-run through secret "
                + "'siteops/pagerduty/deleted' failed: secret 'siteops/pagerduty/deleted' does not exist"), message);
        assertTrue(message.contains(refused + " (refused-backup): the resolve of " + key(refused) + "/missing-run through secret '"
                + SITE_SECRET + "' failed: PagerDuty refused") && message.contains("Invalid routing key"), message);
        // Whatever the order of the windows, the healthy and the stale one were checked and their events went out.
        assertTrue(pagerDuty.accepted().stream().anyMatch(a -> a.dedupKey().equals(key(healthy) + "/missing-run")
                && a.eventAction().equals("resolve")), pagerDuty.state());
        assertTrue(pagerDuty.alert(DEFAULT_KEY, key(stale) + "/missing-run").isOpen(), pagerDuty.state());
    }

    @Test
    void theCheckStopsStartingWindowsWhenItsTimeRunsOut() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("a-backup", "b-backup", "c-backup", "d-backup")) {
            String id = window(name, Map.of("siteops:backup", "true"));
            run(id, UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), "SUCCESS",
                    Instant.parse("2026-11-29T17:00:03Z"));
            StateTable.remember(dynamo, key(id) + "/missing-run", "missing");
            ids.add(id);
        }
        // PagerDuty takes 25 s to answer: windows start at 0, 25 and 50 s; at 75 s the 60 s budget is spent.
        SteppedClock clock = new SteppedClock(NOW);
        pagerDuty.onEnqueue(() -> clock.advance(Duration.ofSeconds(25)));

        var error = assertThrows(IllegalStateException.class, () -> invoke(SsmEvents.scheduled(), clock));
        assertEquals(3, pagerDuty.requests().size(), pagerDuty.state());
        assertTrue(error.getMessage().contains("1 could not be checked") && error.getMessage().contains(
                ": not checked: time ran out (75 s spent, budget 60 s)"), error.getMessage());
        long named = ids.stream().filter(id -> error.getMessage().contains(id + " (")).count();
        assertEquals(1, named, "exactly the window not started is named: " + error.getMessage());
    }

    @Test
    void theChecksResolveGivesUpSoonerThanAnAlertAndGoesOutAgainTheNextHour() throws Exception {
        String news = window("news-backup", Map.of("siteops:backup", "true"));
        run(news, "11111111-1111-4111-8111-111111111111", "SUCCESS", Instant.parse("2026-11-29T17:00:03Z"));
        StateTable.remember(dynamo, key(news) + "/missing-run", "missing");
        pagerDuty.failNext(2);
        var error = assertThrows(IllegalStateException.class, () -> invoke(SsmEvents.scheduled()));
        assertTrue(error.getMessage().contains("after 2 attempts"), error.getMessage());
        assertEquals(2, pagerDuty.requests().size(), "the check's resolve is not worth 5 attempts");
        assertEquals("missing", StateTable.state(dynamo, key(news) + "/missing-run"), "a failed resolve changes nothing remembered");

        invoke(SsmEvents.scheduled(), Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertEquals(List.of("resolve"), pagerDuty.accepted().stream().map(FakePagerDuty.Accepted::eventAction).toList());
        assertEquals("resolved", StateTable.state(dynamo, key(news) + "/missing-run"));
    }

    // ---- the check sends an event only when a window's alert changes

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aHealthyFleetCostsNoPagerDutyEventHourAfterHour() throws Exception {
        for (String name : List.of("news-backup", "shop-backup", "blog-backup")) {
            String id = window(name, Map.of("siteops:backup", "true"));
            run(id, UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), "SUCCESS", Instant.parse("2026-11-29T17:00:03Z"));
        }
        for (int hour = 0; hour < 4; hour++) {
            JsonNode result = invoke(SsmEvents.scheduled(), at(NOW.plus(Duration.ofHours(hour))));
            assertEquals(3, result.get("windows").size());
            assertEquals(0, result.get("sent").size(), result.toString());
        }
        assertEquals(List.of(), pagerDuty.requests(), "every check is a new handler instance, as after a cold start");
    }

    @Test
    void aMissingBackupTriggersOnceAndItsRecoveryResolvesOnceAcrossRestarts() throws Exception {
        String news = window("news-backup", Map.of("siteops:backup", "true"));
        run(news, "11111111-1111-4111-8111-111111111111", "FAILED", Instant.parse("2026-11-29T17:00:03Z"));
        String missingRun = key(news) + "/missing-run";

        assertEquals(1, invoke(SsmEvents.scheduled()).get("sent").size());
        // Later checks: a new handler instance each time, and one with its own DynamoDB client (a new container).
        invoke(SsmEvents.scheduled(), at(NOW.plus(Duration.ofHours(1))));
        var restarted = new ByteArrayOutputStream();
        try (DynamoDbClient fresh = moto.configure(DynamoDbClient.builder()).build()) {
            handler(at(NOW.plus(Duration.ofHours(2))), fresh).handleRequest(new ByteArrayInputStream(Json.write(SsmEvents.scheduled())),
                    restarted, null);
        }
        assertEquals(List.of("trigger"), pagerDuty.accepted().stream().map(FakePagerDuty.Accepted::eventAction).toList());
        assertEquals("missing", StateTable.state(dynamo, missingRun));
        assertTrue(pagerDuty.alert(DEFAULT_KEY, missingRun).isOpen());

        run(news, "22222222-2222-4222-8222-222222222222", "SUCCESS", Instant.parse("2026-11-30T03:10:00Z"));
        for (int hour = 3; hour < 6; hour++) {
            invoke(SsmEvents.scheduled(), at(NOW.plus(Duration.ofHours(hour))));
        }
        assertEquals(List.of("trigger", "resolve"), pagerDuty.accepted().stream().map(FakePagerDuty.Accepted::eventAction).toList());
        assertFalse(pagerDuty.alert(DEFAULT_KEY, missingRun).isOpen());
        assertEquals("resolved", StateTable.state(dynamo, missingRun));
    }

    @Test
    void aDisabledWindowWarnsOnceAndOnceEnabledItsAlertIsResolvedOnce() throws Exception {
        String off = window("old-site-backup", Map.of("siteops:backup", "true"));
        run(off, "11111111-1111-4111-8111-111111111111", "SUCCESS", Instant.parse("2026-11-29T17:00:03Z"));
        ssmFake.disable(off);
        invoke(SsmEvents.scheduled());
        invoke(SsmEvents.scheduled(), at(NOW.plus(Duration.ofHours(1))));
        assertEquals(1, pagerDuty.accepted().size(), pagerDuty.state());
        assertTrue(pagerDuty.alert(DEFAULT_KEY, key(off) + "/disabled").isOpen());

        // Re-enabled, and its ENABLED event never arrived: the check resolves the alert, once.
        ssmFake.enable(off);
        invoke(SsmEvents.scheduled(), at(NOW.plus(Duration.ofHours(2))));
        invoke(SsmEvents.scheduled(), at(NOW.plus(Duration.ofHours(3))));
        assertEquals(List.of("trigger", "resolve"), pagerDuty.accepted().stream().map(FakePagerDuty.Accepted::eventAction).toList());
        assertEquals(List.of(), pagerDuty.openAlerts());
    }

    @Test
    void aSweepStartedWhileAnotherIsSendingSendsNothing() throws Exception {
        String news = window("news-backup", Map.of("siteops:backup", "true"));
        run(news, "11111111-1111-4111-8111-111111111111", "FAILED", Instant.parse("2026-11-29T17:00:03Z"));
        List<JsonNode> second = new ArrayList<>();
        // The second sweep runs while PagerDuty is answering the first one's trigger: it finds the first one's claim.
        pagerDuty.onEnqueue(() -> {
            if (second.isEmpty()) {
                try {
                    second.add(invoke(SsmEvents.scheduled()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        JsonNode first = invoke(SsmEvents.scheduled());
        assertEquals(1, first.get("sent").size());
        assertEquals(0, second.get(0).get("sent").size(), second.toString());
        assertEquals(1, pagerDuty.requests().size(), pagerDuty.state());
        assertEquals("missing", StateTable.state(dynamo, key(news) + "/missing-run"));
    }

    @Test
    void aSweepThatReadTheStateBeforeAnotherPagedSendsNothing() throws Exception {
        String news = window("news-backup", Map.of("siteops:backup", "true"));
        run(news, "11111111-1111-4111-8111-111111111111", "FAILED", Instant.parse("2026-11-29T17:00:03Z"));
        // The late sweep's container: before its first write (the claim), the other sweep runs from start to end.
        boolean[] ranOther = {false};
        DynamoDbClient late = moto.configure(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof UpdateItemRequest && !ranOther[0]) {
                            ranOther[0] = true;
                            try {
                                assertEquals(1, invoke(SsmEvents.scheduled()).get("sent").size());
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                })).build();
        var out = new ByteArrayOutputStream();
        handler(at(NOW), late).handleRequest(new ByteArrayInputStream(Json.write(SsmEvents.scheduled())), out, null);
        late.close();
        assertTrue(ranOther[0]);
        assertEquals(0, Json.MAPPER.readTree(out.toByteArray()).get("sent").size(), out.toString(StandardCharsets.UTF_8));
        assertEquals(1, pagerDuty.requests().size(), pagerDuty.state());
    }

    @Test
    void aSuccessEventIsRememberedSoTheNextMissedRunPagesAgain() throws Exception {
        String news = window("news-backup", Map.of("siteops:backup", "true"));
        String missingRun = key(news) + "/missing-run";
        run(news, "11111111-1111-4111-8111-111111111111", "FAILED", Instant.parse("2026-11-29T17:00:03Z"));
        invoke(SsmEvents.scheduled());
        assertEquals("missing", StateTable.state(dynamo, missingRun));

        // A rerun by hand succeeds: its event resolves the check's alert and says so in the table.
        run(news, EXECUTION, "SUCCESS", Instant.parse("2026-11-30T04:00:00Z"));
        invoke(SsmEvents.windowExecution(news, EXECUTION, "SUCCESS"));
        assertEquals("resolved", StateTable.state(dynamo, missingRun));
        assertFalse(pagerDuty.alert(DEFAULT_KEY, missingRun).isOpen());

        // The next night's run never happens: the check pages again (it would not if it still believed the alert open).
        JsonNode next = invoke(SsmEvents.scheduled(), at(Instant.parse("2026-11-30T20:05:00Z")));
        assertEquals("missing", states(next).get(news));
        assertTrue(pagerDuty.alert(DEFAULT_KEY, missingRun).isOpen(), pagerDuty.state());
        assertEquals(2, pagerDuty.accepted().stream().filter(a -> a.dedupKey().equals(missingRun) && a.eventAction().equals("trigger")).count());
    }

    @Test
    void aDisabledEventIsRememberedSoTheCheckDoesNotSendItAgain() throws Exception {
        String off = window("old-site-backup", Map.of("siteops:backup", "true"));
        ssmFake.disable(off);
        invoke(SsmEvents.windowState(off, "DISABLED"));
        assertEquals("disabled", StateTable.state(dynamo, key(off) + "/disabled"));
        invoke(SsmEvents.scheduled());
        assertEquals(1, pagerDuty.accepted().size(), pagerDuty.state());
    }

    @Test
    void withoutItsStateTableTheCheckSendsNothingAndFailsNamingTheTable() throws Exception {
        String news = window("news-backup", Map.of("siteops:backup", "true"));
        run(news, "11111111-1111-4111-8111-111111111111", "FAILED", Instant.parse("2026-11-29T17:00:03Z"));
        dynamo.deleteTable(r -> r.tableName(StateTable.NAME));

        var error = assertThrows(IllegalStateException.class, () -> invoke(SsmEvents.scheduled()));
        assertTrue(error.getMessage().contains("cannot read its alert state table " + StateTable.NAME)
                && error.getMessage().contains("sends nothing"), error.getMessage());
        assertEquals(List.of(), pagerDuty.requests(), "no event rather than every window's events every hour");

        // An event still reaches PagerDuty, then fails so Lambda retries until the table can record it.
        var eventError = assertThrows(IllegalStateException.class, () -> invoke(SsmEvents.windowExecution(news, EXECUTION, "SUCCESS")));
        assertTrue(eventError.getMessage().contains("could not be recorded in table " + StateTable.NAME)
                && eventError.getMessage().contains("Lambda retries"), eventError.getMessage());
        assertEquals(3, pagerDuty.accepted().size(), "the success's three resolves went out: " + pagerDuty.state());
    }

    @Test
    void aNewWindowIsNotPagedBeforeItsFirstRunIsDueAndOnlyWarnsIfItNeverRuns() throws Exception {
        // Created at 10:00 JST on the 30th; its first 02:00 JST run is the night of 1 December (2026-11-30T17:00Z).
        String fresh = window("new-site-backup", Map.of("siteops:backup", "true", "siteops:site", "new-site"));
        ssmFake.created(fresh, Instant.parse("2026-11-30T01:00:00Z"));
        // An older window that ran until three days ago and then stopped: that is the critical page.
        String stopped = window("old-site-backup", Map.of("siteops:backup", "true"));
        ssmFake.created(stopped, Instant.parse("2026-01-01T00:00:00Z"));
        run(stopped, "11111111-1111-4111-8111-111111111111", "SUCCESS", Instant.parse("2026-11-26T17:00:03Z"));

        JsonNode first = invoke(SsmEvents.scheduled());
        assertEquals(Map.of(fresh, "not-due", stopped, "missing"), states(first));
        assertNull(pagerDuty.alert(DEFAULT_KEY, key(fresh) + "/missing-run"), pagerDuty.state());
        assertEquals("critical", pagerDuty.alert(DEFAULT_KEY, key(stopped) + "/missing-run").firstPayload().get("severity").asText());

        // The first night passes (02:00 JST + 2 h + 1 h grace = 20:00Z) with no run at all: a warning, not a page.
        JsonNode second = invoke(SsmEvents.scheduled(), Clock.fixed(Instant.parse("2026-11-30T20:00:00Z"), ZoneOffset.UTC));
        assertEquals("never-ran", states(second).get(fresh));
        var neverRan = pagerDuty.alert(DEFAULT_KEY, key(fresh) + "/missing-run");
        assertEquals("warning", neverRan.firstPayload().get("severity").asText());
        assertEquals("[new-site] Backup window new-site-backup (" + fresh + ") has never run: a run was due since 2026-11-30T16:59:00Z "
                + "(schedule cron(0 2 ? * * *) Asia/Tokyo); check its targets, tasks and schedule", neverRan.firstPayload().get("summary").asText());

        // Its first run succeeds: the next check resolves the warning.
        run(fresh, "22222222-2222-4222-8222-222222222222", "SUCCESS", Instant.parse("2026-11-30T20:30:00Z"));
        JsonNode third = invoke(SsmEvents.scheduled(), Clock.fixed(Instant.parse("2026-11-30T21:00:00Z"), ZoneOffset.UTC));
        assertEquals("fresh", states(third).get(fresh));
        assertFalse(neverRan.isOpen());
    }

    @Test
    void aSuccessAlsoResolvesThroughTheDefaultKeyWhatWasTriggeredThereWhileTheTagsWereUnreadable() throws Exception {
        secrets.createSecret(r -> r.name(SITE_SECRET).secretString(SITE_KEY));
        String news = window("news-backup", Map.of("siteops:backup", "true", "siteops:pagerduty-secret", SITE_SECRET));
        // Tags unreadable (throttled or denied; a denial, so the SDK does not retry it).
        ssmFake.fail("ListTagsForResource", 400, "AccessDeniedException");
        invoke(SsmEvents.windowExecution(news, EXECUTION, "FAILED"));
        var paged = pagerDuty.alert(DEFAULT_KEY, key(news));
        assertTrue(paged.isOpen(), "with the tags unreadable the trigger went through the default key: " + pagerDuty.state());

        ssmFake.reset();
        JsonNode resolved = invoke(SsmEvents.windowExecution(news, "5e3bd2a0-7c6b-4b60-9a1c-0123456789ab", "SUCCESS"));
        assertFalse(paged.isOpen(), "the resolve reached the key the trigger went through: " + pagerDuty.state());
        assertEquals(List.of(SITE_SECRET, DEFAULT_SECRET), Json.MAPPER.convertValue(resolved.get("sent"), new TypeReference<List<Map<String, Object>>>() { })
                .stream().map(e -> e.get("routingKeySecret")).distinct().toList());
        assertEquals(List.of(), pagerDuty.openAlerts());
    }
}
