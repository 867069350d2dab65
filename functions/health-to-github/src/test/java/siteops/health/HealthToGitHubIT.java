package siteops.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import org.junit.jupiter.api.io.TempDir;
import siteops.common.Json;
import siteops.testing.CommandRun;
import siteops.standins.FakeGitHub;
import siteops.testing.MotoServer;

/**
 * The contract of the packaged function through bin/invoke, like `sam local invoke`: the template's handler,
 * environment and artifact, a fresh JVM per invocation, moto_server and the fake GitHub.
 */
@ExtendWith(MotoServer.class)
class HealthToGitHubIT {
    private MotoServer moto;
    private FakeGitHub github;
    private Path envVars;
    private final List<CommandRun.Result> runs = new ArrayList<>();

    @BeforeEach
    void setUp(MotoServer moto, @TempDir Path dir) throws IOException {
        this.moto = moto;
        moto.reset();
        HealthTestbed.create(moto);
        github = new FakeGitHub(HealthTestbed.TOKEN, HealthTestbed.REPOSITORY);
        envVars = dir.resolve("env.json");
        Files.writeString(envVars, Json.text(Map.of("HealthToGitHubFunction", Map.of(
                "GITHUB_API_URL", github.apiUrl(),
                "GITHUB_REPOSITORY", HealthTestbed.REPOSITORY,
                "GITHUB_TOKEN_SECRET", HealthTestbed.SECRET,
                "ISSUES_TABLE", HealthTestbed.TABLE))));
    }

    @AfterEach
    void tearDown() {
        github.close();
        for (CommandRun.Result run : runs) {
            assertFalse(run.stdout().contains(HealthTestbed.TOKEN) || run.stderr().contains(HealthTestbed.TOKEN),
                    "the token appeared in bin/invoke's output");
        }
    }

    @Test
    void lifecycleOfAnEventThroughBinInvoke() {
        assertEquals("created", ok("issue-open.json").get("outcome").asText());
        assertEquals("unchanged", ok("issue-open-backup-copy.json").get("outcome").asText());
        assertEquals("updated", ok("issue-update.json").get("outcome").asText());
        JsonNode closed = ok("issue-closed.json");

        assertEquals("closed", closed.get("issueState").asText());
        assertEquals(1, github.issues().size());
        assertEquals("closed", github.issues().get(0).state);
        assertEquals(2, github.issues().get(0).comments.size());
        assertTrue(runs.get(0).stderr().contains("\"requestId\""), "structured logs on stderr: " + runs.get(0).stderr());
    }

    @Test
    void malformedEventFailsWithLambdasErrorObjectAndPostsNothing() throws IOException {
        CommandRun.Result run = invoke("malformed-no-event-arn.json");

        assertEquals(1, run.exitCode(), run.toString());
        JsonNode error = Json.MAPPER.readTree(run.stdout());
        assertEquals("siteops.health.HealthEventException", error.get("errorType").asText(), run.toString());
        assertTrue(error.get("errorMessage").asText().contains("detail.eventArn"), run.toString());
        assertTrue(github.requests().isEmpty());
    }

    @Test
    void rateLimitedGitHubFailsTheInvocationClearly() throws IOException {
        github.failNext(1, "POST", ".*/issues", 403, Map.of("retry-after", "120"), false);

        CommandRun.Result run = invoke("scheduled-change-entities.json");

        assertEquals(1, run.exitCode(), run.toString());
        String message = Json.MAPPER.readTree(run.stdout()).get("errorMessage").asText();
        assertTrue(message.contains("rate limit") && message.contains("120 s"), message);
        assertEquals(0, github.issues().size());
        assertEquals("created", ok("scheduled-change-entities.json").get("outcome").asText());
        assertEquals(1, github.issues().size());
    }

    private JsonNode ok(String event) {
        CommandRun.Result run = invoke(event);
        assertEquals(0, run.exitCode(), run.toString());
        try {
            return Json.MAPPER.readTree(run.stdout());
        } catch (IOException e) {
            throw new IllegalStateException(run.toString(), e);
        }
    }

    private CommandRun.Result invoke(String event) {
        Map<String, String> env = new HashMap<>(moto.environment());
        CommandRun.Result run = CommandRun.run("invoke", List.of("HealthToGitHubFunction", "-e", "events/health/" + event,
                "--env-vars", envVars.toString()), env, null);
        runs.add(run);
        return run;
    }
}
