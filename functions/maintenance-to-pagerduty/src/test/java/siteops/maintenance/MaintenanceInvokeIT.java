package siteops.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.common.Json;
import siteops.standins.FakePagerDuty;
import siteops.standins.FakeSsmMaintenanceWindows;
import siteops.testing.CommandRun;
import siteops.testing.MotoServer;
import siteops.testing.ProjectRoot;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * The contract with bin/invoke (the local twin of sam local invoke): the packaged jar runs the samples in
 * events/maintenance/ against moto_server, the SSM fake and the fake PagerDuty, as a user would run it.
 */
@ExtendWith(MotoServer.class)
class MaintenanceInvokeIT {
    private static final String KEY = "DemoRoutingKey0123456789ABCDEFgh";
    private static final String SAMPLE_WINDOW = "mw-0c50858d01a3b7e9f";

    private MotoServer moto;
    private FakePagerDuty pagerDuty;
    private FakeSsmMaintenanceWindows ssmFake;
    private Path envVars;
    private String windowId;
    private final List<CommandRun.Result> runs = new ArrayList<>();

    @BeforeEach
    void setUp(MotoServer moto) throws Exception {
        this.moto = moto;
        moto.reset();
        pagerDuty = new FakePagerDuty();
        ssmFake = new FakeSsmMaintenanceWindows(moto.endpoint());
        moto.configure(SecretsManagerClient.builder()).build()
                .createSecret(r -> r.name("siteops/pagerduty/default").secretString(KEY));
        windowId = moto.configure(SsmClient.builder()).build().createMaintenanceWindow(r -> r.name("news-backup")
                .schedule("cron(0 2 ? * * *)").scheduleTimezone("Asia/Tokyo").duration(2).cutoff(1).allowUnassociatedTargets(true)
                .tags(Tag.builder().key("siteops:backup").value("true").build(), Tag.builder().key("siteops:site").value("news").build()))
                .windowId();
        StateTable.create(moto).close();
        envVars = Files.createTempFile("maintenance-env-", ".json");
        Files.writeString(envVars, Json.text(Map.of("MaintenanceToPagerDutyFunction", Map.of(
                "PAGERDUTY_EVENTS_URL", pagerDuty.eventsUrl(),
                "PAGERDUTY_ROUTING_KEY_SECRET", "siteops/pagerduty/default",
                "ALERT_STATE_TABLE", StateTable.NAME))));
    }

    @AfterEach
    void tearDown() throws Exception {
        pagerDuty.close();
        ssmFake.close();
        Files.deleteIfExists(envVars);
        for (CommandRun.Result run : runs) {
            assertFalse(run.stdout().contains(KEY) || run.stderr().contains(KEY), "routing key printed by bin/invoke:\n" + run);
        }
    }

    private CommandRun.Result invoke(String sample) throws Exception {
        String event = Files.readString(ProjectRoot.resolve("events/maintenance/" + sample)).replace(SAMPLE_WINDOW, windowId);
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("AWS_ENDPOINT_URL_SSM", ssmFake.endpoint().toString());
        CommandRun.Result run = CommandRun.run("invoke", List.of("MaintenanceToPagerDutyFunction", "-e", "-", "--env-vars", envVars.toString()),
                env, event);
        runs.add(run);
        return run;
    }

    @Test
    void aFailedRunSampleTriggersAndTheSuccessSampleResolves() throws Exception {
        CommandRun.Result failed = invoke("window-execution-failed.json");
        assertEquals(0, failed.exitCode(), failed.toString());
        JsonNode result = Json.MAPPER.readTree(failed.stdout());
        assertEquals("triggered", result.get("outcome").asText(), failed.toString());
        String dedupKey = "siteops/maintenance-window/123456789012/ap-northeast-1/" + windowId;
        assertEquals(dedupKey, result.at("/sent/0/dedupKey").asText());
        assertTrue(pagerDuty.alert(KEY, dedupKey).isOpen());
        assertTrue(failed.stderr().contains("\"message\":\"pagerduty event accepted\""), failed.stderr());

        CommandRun.Result success = invoke("window-execution-success.json");
        assertEquals(0, success.exitCode(), success.toString());
        assertFalse(pagerDuty.alert(KEY, dedupKey).isOpen());
    }

    @Test
    void anInProgressSampleSendsNothing() throws Exception {
        CommandRun.Result run = invoke("window-execution-in-progress.json");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("nothing-sent", Json.MAPPER.readTree(run.stdout()).get("outcome").asText());
        assertEquals(List.of(), pagerDuty.requests());
    }

    @Test
    void aMalformedEventIsAnErrorObjectWithTheReason() throws Exception {
        Map<String, String> env = new HashMap<>(moto.environment());
        CommandRun.Result run = CommandRun.run("invoke", List.of("MaintenanceToPagerDutyFunction", "-e", "-", "--env-vars", envVars.toString()),
                env, "{\"source\": \"aws.ssm\", \"detail-type\": \"Maintenance Window Execution State-change Notification\", "
                        + "\"account\": \"123456789012\", \"region\": \"ap-northeast-1\", \"detail\": {\"status\": \"FAILED\"}}");
        runs.add(run);
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode error = Json.MAPPER.readTree(run.stdout());
        assertTrue(error.get("errorType").asText().endsWith("MaintenanceEventException"), run.toString());
        assertTrue(error.get("errorMessage").asText().contains("'detail.window-id' is missing"), run.toString());
        assertEquals(List.of(), pagerDuty.requests());
    }
}
