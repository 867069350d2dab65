package siteops.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.common.Environment;
import siteops.common.Json;
import siteops.standins.FakeGitHub;
import siteops.testing.MotoServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** DRY_RUN=true against moto and the fake GitHub: the result shows every write, and none reaches either. */
@ExtendWith(MotoServer.class)
class HealthDryRunTest {
    private FakeGitHub github;
    private DynamoDbClient dynamo;
    private SecretsManagerClient secrets;

    @BeforeEach
    void setUp(MotoServer moto) {
        moto.reset();
        HealthTestbed.create(moto);
        github = new FakeGitHub(HealthTestbed.TOKEN, HealthTestbed.REPOSITORY);
        dynamo = HealthTestbed.dynamo(moto);
        secrets = HealthTestbed.secrets(moto);
    }

    @AfterEach
    void tearDown() {
        github.close();
        dynamo.close();
        secrets.close();
    }

    HealthHandler handler(boolean dryRun) {
        return new HealthHandler(HealthConfig.from(Environment.of(Map.of(
                "GITHUB_API_URL", github.apiUrl(),
                "GITHUB_REPOSITORY", HealthTestbed.REPOSITORY,
                "GITHUB_TOKEN_SECRET", HealthTestbed.SECRET,
                "ISSUES_TABLE", HealthTestbed.TABLE,
                "DRY_RUN", String.valueOf(dryRun)))), secrets, dynamo, wait -> {}, Clock.systemUTC());
    }

    static JsonNode invoke(HealthHandler handler, String file) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(HealthTestbed.event(file)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    List<Map<String, AttributeValue>> table() {
        return dynamo.scan(r -> r.tableName(HealthTestbed.TABLE)).items();
    }

    /** Only reads reached GitHub. */
    void nothingWrittenToGitHub() {
        assertTrue(github.calls().stream().allMatch(call -> call.method().equals("GET")), github.calls().toString());
    }

    @Test
    void aNewEventShowsTheIssueItWouldCreateExactlyAndCreatesNothing() throws IOException {
        JsonNode dry = invoke(handler(true), "issue-open.json");

        assertTrue(dry.get("dryRun").asBoolean());
        assertTrue(dry.get("message").asText().startsWith("Dry run (DRY_RUN=true): nothing was written."), dry.get("message").asText());
        assertEquals("created", dry.get("result").get("outcome").asText(), "the outcome a real delivery would have");
        JsonNode create = dry.get("wouldHaveSent").get(0);
        assertEquals("GitHub example-org/site-ops", create.get("target").asText());
        assertEquals("create issue", create.get("action").asText());
        assertEquals("record issue", dry.get("wouldHaveSent").get(1).get("action").asText());
        assertEquals(2, dry.get("wouldHaveSent").size(), dry.toString());
        assertEquals(0, github.issues().size());
        nothingWrittenToGitHub();
        assertEquals(0, table().size(), "no claim, marker or record in the table");

        invoke(handler(false), "issue-open.json");
        FakeGitHub.Issue created = github.issues().get(0);
        assertEquals(created.title, create.get("content").get("title").asText());
        assertEquals(created.body, create.get("content").get("body").asText());
        assertEquals(created.labels, Json.MAPPER.convertValue(create.get("content").get("labels"), List.class));
    }

    @Test
    void anUpdateShowsTheCommentAndTheRefreshAndLeavesIssueAndTableAsTheyWere() throws IOException {
        invoke(handler(false), "issue-open.json");
        FakeGitHub.Issue issue = github.issues().get(0);
        String body = issue.body;
        var item = table();
        int calls = github.calls().size();

        JsonNode dry = invoke(handler(true), "issue-update.json");

        List<String> actions = dry.get("wouldHaveSent").findValuesAsText("action");
        assertEquals(List.of("comment on issue", "update issue", "record issue"), actions, dry.toString());
        JsonNode comment = dry.get("wouldHaveSent").get(0).get("content");
        assertEquals(issue.number, comment.get("issue").asInt());
        assertTrue(comment.get("body").asText().length() > 20, comment.toString());
        assertTrue(dry.get("wouldHaveSent").get(1).get("content").has("body"), "the refreshed body, as it would be sent");
        assertEquals(0, issue.comments.size());
        assertEquals(body, issue.body);
        assertTrue(github.calls().subList(calls, github.calls().size()).stream().allMatch(call -> call.method().equals("GET")));
        assertEquals(item, table(), "the ledger item is untouched");
    }

    @Test
    void aMalformedEventFailsTheSameWayInADryRun() {
        String real = assertThrows(HealthEventException.class, () -> invoke(handler(false), "malformed-no-event-arn.json")).getMessage();
        assertEquals(real, assertThrows(HealthEventException.class, () -> invoke(handler(true), "malformed-no-event-arn.json")).getMessage());
        assertEquals(0, table().size());
        nothingWrittenToGitHub();
    }
}
