package siteops.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import siteops.common.Environment;
import siteops.common.Json;
import siteops.common.Log;
import siteops.common.Retrier;
import siteops.health.event.EventKey;
import siteops.standins.FakeGitHub;
import siteops.testing.MotoServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The function end to end in this JVM: real SDK calls to moto_server (Secrets Manager, DynamoDB) and github-api
 * calls to the fake GitHub, which enforces GitHub's rules. Every test ends by scanning everything captured (logs,
 * results, exception messages and stack traces) for the token.
 */
@ExtendWith(MotoServer.class)
class HealthToGitHubTest {
    private static final String TOKEN = HealthTestbed.TOKEN;

    private MotoServer moto;
    private FakeGitHub github;
    private DynamoDbClient dynamo;
    private SecretsManagerClient secrets;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<String> captured = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private PrintStream previousLog;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        HealthTestbed.create(moto);
        github = new FakeGitHub(TOKEN, HealthTestbed.REPOSITORY);
        dynamo = HealthTestbed.dynamo(moto);
        secrets = HealthTestbed.secrets(moto);
        previousLog = Log.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        Log.redirect(previousLog);
        github.close();
        dynamo.close();
        secrets.close();
        String everything = logs.toString(StandardCharsets.UTF_8) + String.join("\n", captured);
        assertFalse(everything.contains(TOKEN), "the token appeared in a log line, a result or an exception");
        assertFalse(everything.contains(TOKEN.substring(4, 20)), "part of the token appeared in the output");
    }

    // ------------------------------------------------------------------ one issue per event

    @Test
    void newEventCreatesOneLabelledIssue() {
        JsonNode result = invoke("issue-open.json");

        assertEquals("created", result.get("outcome").asText());
        assertEquals(1, github.issues().size());
        FakeGitHub.Issue issue = github.issues().get(0);
        assertEquals(issue.number, result.get("issueNumber").asInt());
        assertEquals("AWS Health: EC2 AWS_EC2_OPERATIONAL_ISSUE in ap-northeast-1 [open] (123456789012)", issue.title);
        assertTrue(issue.body.contains("arn:aws:health:ap-northeast-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/"), issue.body);
        assertTrue(issue.body.contains("RunInstances API"), issue.body);
        assertTrue(issue.body.contains("2023-01-26 13:19:03 UTC"), issue.body);
        assertTrue(issue.body.contains("https://health.aws.amazon.com/health/home#/account/event-log?eventID=arn%3Aaws%3Ahealth"), issue.body);
        assertTrue(issue.body.contains(new EventKey(arnOf("issue-open.json"), "123456789012").marker()), "the hidden key marker");
        assertEquals(List.of("aws-health", "service:EC2", "category:issue"), issue.labels);
        // Labels were created by the function (with colours), not left to GitHub's undocumented on-the-fly creation.
        assertFalse(github.labels().get("aws-health").autoCreated());
        assertEquals("ff9900", github.labels().get("aws-health").color());
        assertTrue(github.requests().stream().allMatch(r -> ("Bearer " + TOKEN).equals(r.headers().get("authorization"))));
        assertEquals("open", issue.state);
    }

    @Test
    void duplicatesAndBackupCopiesPostNothing() {
        invoke("issue-open.json");
        int callsAfterFirst = github.calls().size();

        JsonNode again = invoke("issue-open.json");
        JsonNode backup = invoke("issue-open-backup-copy.json");

        assertEquals("unchanged", again.get("outcome").asText());
        assertEquals("unchanged", backup.get("outcome").asText());
        assertEquals(1, github.issues().size());
        assertEquals(0, github.issues().get(0).comments.size());
        assertEquals(callsAfterFirst, github.calls().size(), "a duplicate must not call GitHub at all");
    }

    @Test
    void threeConcurrentInvocationsOfANewEventMakeOneIssue() throws Exception {
        List<String> finished = new ArrayList<>();
        int busy = 0;
        for (Object value : concurrently(3, "issue-open.json")) {
            if (value instanceof EventBusyException) {
                busy++;
            } else {
                assertInstanceOf(String.class, value, () -> "unexpected failure: " + value);
                finished.add((String) value);
            }
        }
        // Lambda retries the ones that gave up waiting; they find the issue recorded.
        for (int i = 0; i < busy; i++) {
            finished.add(invoke("issue-open.json").get("outcome").asText());
        }
        assertEquals(1, github.issues().size(), "exactly one issue");
        assertEquals(1, finished.stream().filter("created"::equals).count(), finished.toString());
        assertEquals(2, finished.stream().filter("unchanged"::equals).count(), finished.toString());
        assertEquals(0, github.issues().get(0).comments.size());
    }

    @Test
    void twoAffectedAccountsGetOneIssueEach() {
        invoke("two-accounts-a.json");
        invoke("two-accounts-b.json");
        invoke("two-accounts-a.json");

        assertEquals(2, github.issues().size());
        assertTrue(github.issues().get(0).title.endsWith("(444455556666)"));
        assertTrue(github.issues().get(1).title.endsWith("(777788889999)"));
    }

    // ------------------------------------------------------------------ updates, close, reopen

    @Test
    void updatePostsExactlyOneCommentAndRefreshesTheBody() {
        invoke("issue-open.json");
        JsonNode update = invoke("issue-update.json");
        JsonNode again = invoke("issue-update.json");

        assertEquals("updated", update.get("outcome").asText());
        assertEquals("unchanged", again.get("outcome").asText());
        FakeGitHub.Issue issue = github.issues().get(0);
        assertEquals(1, issue.comments.size());
        String comment = issue.comments.get(0).body();
        assertTrue(comment.contains("New communication from AWS"), comment);
        assertTrue(comment.contains("Description updated"), comment);
        assertTrue(issue.body.contains("identified the root cause"), issue.body);
        assertFalse(issue.body.contains("We are investigating increased"), "the body shows the latest description only");
    }

    @Test
    void closedEventCommentsAndClosesThenReopens() {
        invoke("issue-open.json");
        JsonNode closed = invoke("issue-closed.json");

        FakeGitHub.Issue issue = github.issues().get(0);
        assertEquals("closed", closed.get("issueState").asText());
        assertEquals("closed", issue.state);
        assertEquals("completed", issue.stateReason);
        assertEquals(1, issue.comments.size());
        assertTrue(issue.comments.get(0).body().contains("Status: open → closed"), issue.comments.get(0).body());
        assertTrue(issue.comments.get(0).body().contains("closing the issue"));
        assertTrue(issue.title.contains("[closed]"), issue.title);

        invoke("issue-closed.json");
        assertEquals(1, issue.comments.size(), "a repeated close posts nothing");

        JsonNode reopened = invoke("issue-reopened.json");
        assertEquals("open", reopened.get("issueState").asText());
        assertEquals("open", issue.state);
        assertEquals("reopened", issue.stateReason);
        assertEquals(2, issue.comments.size());
        assertTrue(issue.comments.get(1).body().contains("reopening the issue"));
        assertTrue(issue.body.contains("End | not given"), "a reopened event has no end time: " + issue.body);
    }

    @Test
    void aLateEarlierCommunicationWithoutLastUpdatedTimeNeitherCommentsNorReopens() {
        byte[] open = variant("issue-open.json", d -> d.remove("lastUpdatedTime"));
        byte[] update = variant("issue-update.json", d -> d.remove("lastUpdatedTime"));
        byte[] closed = variant("issue-closed.json", d -> d.remove("lastUpdatedTime"));
        invoke(open);
        invoke(update);
        invoke(closed);
        FakeGitHub.Issue issue = github.issues().get(0);
        assertEquals("closed", issue.state);
        assertEquals(2, issue.comments.size());

        // EventBridge redelivers the first two communications late, then the last one again.
        assertEquals("unchanged", invoke(open).get("outcome").asText());
        assertEquals("unchanged", invoke(update).get("outcome").asText());
        assertEquals("unchanged", invoke(closed).get("outcome").asText());

        assertEquals("closed", issue.state, "never reopened by a late copy");
        assertEquals(2, issue.comments.size(), "no comment for a communication already shown");
        assertTrue(issue.title.contains("[closed]"), issue.title);
    }

    @ParameterizedTest(name = "pages arriving {0} then {1}")
    @CsvSource({"two-page-1.json, two-page-2.json", "two-page-2.json, two-page-1.json"})
    void pagesInAnyOrderEndUpInOneIssue(String first, String second) {
        assertEquals("created", invoke(first).get("outcome").asText());
        assertEquals("refreshed", invoke(second).get("outcome").asText());
        invoke(first);
        invoke(second);

        assertEquals(1, github.issues().size());
        FakeGitHub.Issue issue = github.issues().get(0);
        for (int page = 1; page <= 2; page++) {
            for (int i = 1; i <= 5; i++) {
                assertTrue(issue.body.contains(String.format("loadbalancer/app/site-%d%02d/", page, i)), "entity " + page + "/" + i);
            }
        }
        assertTrue(issue.body.contains("pages 1, 2 of 2 received"), issue.body);
        assertTrue(issue.body.contains("Affected entities (10)"));
        assertEquals(0, issue.comments.size(), "a second page is not an update");
    }

    // ------------------------------------------------------------------ an issue that vanished

    @ParameterizedTest(name = "issue {0}")
    @EnumSource(FakeGitHub.Vanished.class)
    void anIssueThatVanishedIsReplacedByOneShowingTheWholeEventAndLaterUpdatesGoThere(FakeGitHub.Vanished how) {
        int first = invoke("issue-open.json").get("issueNumber").asInt();
        switch (how) {
            case DELETED -> github.deleteIssue(first);
            case TRANSFERRED -> github.transferIssue(first, true);
            case TRANSFERRED_OUT_OF_SIGHT -> github.transferIssue(first, false);
        }

        JsonNode replaced = invoke("issue-update.json");

        assertEquals("replaced", replaced.get("outcome").asText(), replaced.toString());
        if (how == FakeGitHub.Vanished.TRANSFERRED) {
            // github-api followed GitHub's 301 to the issue's new repository; the function saw it is not this one's.
            assertTrue(github.calls().stream().anyMatch(c -> c.status() == 301)
                    && github.calls().stream().anyMatch(c -> c.path().startsWith("/repositories/")), github.state());
        }
        int second = replaced.get("issueNumber").asInt();
        assertTrue(second != first);
        assertTrue(replaced.get("message").asText().contains("Issue #" + first + " is no longer in " + HealthTestbed.REPOSITORY
                + " (issue #" + first + " is no longer in " + HealthTestbed.REPOSITORY + " (GitHub answered "
                + switch (how) { case DELETED -> "410"; case TRANSFERRED -> "301"; case TRANSFERRED_OUT_OF_SIGHT -> "404"; }),
                replaced.toString());
        FakeGitHub.Issue issue = github.issue(second);
        assertTrue(issue.body.contains("This issue replaces #" + first + "**, which is no longer in this repository"), issue.body);
        // The whole event as it is now, not just the update: the latest description, the event's facts, the marker.
        assertTrue(issue.body.contains("identified the root cause"), issue.body);
        assertTrue(issue.body.contains("arn:aws:health:ap-northeast-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/"), issue.body);
        assertTrue(issue.body.contains(new EventKey(arnOf("issue-open.json"), "123456789012").marker()), issue.body);
        assertEquals(List.of("aws-health", "service:EC2", "category:issue"), issue.labels);
        assertEquals(List.of(second), github.liveIssues().stream().map(i -> i.number).toList());
        AttributeValue number = ledgerItem("issue-open.json").get("issueNumber");
        assertEquals(String.valueOf(second), number.n(), "the ledger points at the new issue");

        JsonNode closed = invoke("issue-closed.json");
        assertEquals("updated", closed.get("outcome").asText(), closed.toString());
        assertEquals(second, closed.get("issueNumber").asInt());
        assertEquals("closed", issue.state);
        assertEquals(1, issue.comments.size());
        assertTrue(issue.body.contains("This issue replaces #" + first), "later refreshes keep the notice: " + issue.body);
        assertEquals(2, github.issues().size(), "no further issue");
    }

    @Test
    void aReplacementThatVanishesInTheSameDeliveryFailsInsteadOfLooping() {
        invoke("issue-open.json");
        github.deleteIssue(1);
        // The replacement (#2) is deleted just as the delivery closes it.
        github.beforeNext("PATCH", ".*/issues/2", () -> github.deleteIssue(2));

        GitHubCallException failure = assertInstanceOf(GitHubCallException.class, fails("issue-closed.json"));

        assertTrue(failure.getMessage().contains("issue #2, opened to replace vanished issue #1, vanished too")
                && failure.getMessage().contains("410"), failure.getMessage());
        assertEquals(2, github.issues().size(), "one replacement in this delivery, no loop");

        // Lambda's retry opens the next one and points the ledger at it.
        JsonNode retry = invoke("issue-closed.json");
        assertEquals("replaced", retry.get("outcome").asText(), retry.toString());
        assertEquals(3, retry.get("issueNumber").asInt());
        assertEquals("closed", github.issue(3).state);
        assertTrue(github.issue(3).body.contains("This issue replaces #1"), github.issue(3).body);
    }

    @Test
    void twoConcurrentDeliveriesReplaceAVanishedIssueOnce() throws Exception {
        invoke("issue-open.json");
        github.deleteIssue(1);
        List<Object> finished = concurrently(2, "issue-update.json");
        assertEquals(1, finished.stream().filter("replaced"::equals).count(), finished.toString());
        assertTrue(finished.stream().allMatch(o -> "replaced".equals(o) || "unchanged".equals(o) || o instanceof EventBusyException),
                finished.toString());
        assertEquals(2, github.issues().size(), "one replacement");
    }

    // ------------------------------------------------------------------ failures and retries

    @Test
    void secondaryRateLimitFailsTheInvocationAndTheRetryMakesOneIssue() {
        github.failNext(1, "POST", ".*/issues", 403, Map.of("retry-after", "60"), false);

        RuntimeException failure = fails("issue-open.json");

        GitHubCallException limited = assertInstanceOf(GitHubCallException.class, failure);
        assertEquals(403, limited.status());
        assertEquals(Duration.ofSeconds(60), limited.retryAfter());
        assertTrue(limited.getMessage().contains("rate limit") && limited.getMessage().contains("Lambda retries"), limited.getMessage());
        assertTrue(waits.stream().noneMatch(w -> w.toSeconds() >= 60), "a long wait is not slept through: " + waits);
        assertEquals(0, github.issues().size());

        assertEquals("created", invoke("issue-open.json").get("outcome").asText());
        assertEquals(1, github.issues().size());
    }

    @Test
    void shortRetryAfterIsHonouredWithinTheInvocation() {
        github.failNext(1, "POST", ".*/issues", 429, Map.of("retry-after", "1"), false);

        assertEquals("created", invoke("issue-open.json").get("outcome").asText());

        assertEquals(1, github.issues().size());
        assertTrue(waits.stream().anyMatch(w -> w.compareTo(Duration.ofSeconds(1)) >= 0), "waited as GitHub asked: " + waits);
    }

    @Test
    void badGatewayAfterTheIssueWasCreatedDoesNotMakeASecond() {
        github.failNext(1, "POST", ".*/issues", 502, Map.of(), true);

        GitHubCallException failure = assertInstanceOf(GitHubCallException.class, fails("issue-open.json"));
        assertEquals(502, failure.status());
        assertEquals(1, github.issues().size(), "GitHub created it although it answered 502");

        JsonNode retry = invoke("issue-open.json");
        assertEquals("recovered", retry.get("outcome").asText());
        assertEquals(github.issues().get(0).number, retry.get("issueNumber").asInt());
        assertEquals(1, github.issues().size());
        assertTrue(github.calls().stream().noneMatch(c -> c.path().startsWith("/search")), "never search");

        invoke("issue-update.json");
        assertEquals(1, github.issues().get(0).comments.size(), "later updates go to the recorded issue");
    }

    @Test
    void badGatewayAfterTheCommentWasPostedDoesNotPostItTwice() {
        invoke("issue-open.json");
        github.failNext(1, "POST", ".*/comments", 502, Map.of(), true);

        assertInstanceOf(GitHubCallException.class, fails("issue-update.json"));
        assertEquals(1, github.issues().get(0).comments.size());

        assertEquals("updated", invoke("issue-update.json").get("outcome").asText());
        assertEquals(1, github.issues().get(0).comments.size(), "the retry found its comment by the marker");
        assertTrue(github.issues().get(0).body.contains("identified the root cause"), "and refreshed the body");
    }

    @Test
    void anIssueWhoseLabelsGitHubDroppedIsFoundByTheRetry() {
        // Without push access GitHub creates the issue without its labels, and says nothing.
        github.setPushAccess(false);
        github.failNext(1, "POST", ".*/issues", 502, Map.of(), true);

        assertInstanceOf(GitHubCallException.class, fails("issue-open.json"));
        assertEquals(List.of(), github.issues().get(0).labels);

        JsonNode retry = invoke("issue-open.json");
        assertEquals("recovered", retry.get("outcome").asText());
        assertEquals(1, github.issues().size(), "the retry found the unlabelled issue instead of creating another");
    }

    @Test
    void theLookupPagesThroughNewerIssues() {
        github.failNext(1, "POST", ".*/issues", 502, Map.of(), true);
        fails("issue-open.json");
        int ours = github.issues().get(0).number;
        for (int i = 1; i <= 150; i++) {
            github.addIssue("Another issue " + i, "opened by someone else");
        }

        JsonNode retry = invoke("issue-open.json");

        assertEquals("recovered", retry.get("outcome").asText());
        assertEquals(ours, retry.get("issueNumber").asInt());
        assertEquals(151, github.issues().size());
        assertTrue(github.calls().stream().anyMatch(c -> c.method().equals("GET") && c.path().endsWith("/issues")
                && c.query() != null && c.query().contains("page=2")), "read the second page: " + github.calls());
    }

    @Test
    void aNewerUpdateAfterAnUnrecordedCommentListsOnlyWhatIsNew() {
        String first = "i-0a1b2c3d4e5f60718";
        String second = "i-0f9e8d7c6b5a40312";
        byte[] update1 = variant("scheduled-change-entities.json", d -> {
            d.put("communicationId", "c2-1");
            ((ObjectNode) d.get("affectedEntities").get(0)).put("status", "RESOLVED");
        });
        byte[] update2 = variant("scheduled-change-entities.json", d -> {
            d.put("communicationId", "c3-1");
            ((ObjectNode) d.get("affectedEntities").get(0)).put("status", "RESOLVED");
            ((ObjectNode) d.get("affectedEntities").get(1)).put("status", "RESOLVED");
        });
        invoke("scheduled-change-entities.json");
        // update1's comment is posted, then refreshing the body fails (every attempt): nothing is recorded.
        github.failNext(3, "PATCH", ".*/issues/\\d+", 502, Map.of(), false);
        assertInstanceOf(GitHubCallException.class, fails(update1));
        FakeGitHub.Issue issue = github.issues().get(0);
        assertEquals(1, issue.comments.size());
        assertTrue(issue.comments.get(0).body().contains(first), issue.comments.get(0).body());

        // update2 arrives before Lambda retries update1.
        assertEquals("updated", invoke(update2).get("outcome").asText());

        assertEquals(2, issue.comments.size());
        String comment = issue.comments.get(1).body();
        assertTrue(comment.contains("1 entity changed status: `" + second + "`: PENDING → RESOLVED"), comment);
        assertFalse(comment.contains(first), "the first entity's change was announced already: " + comment);
        assertTrue(issue.body.contains("| `" + first + "` | RESOLVED") && issue.body.contains("| `" + second + "` | RESOLVED"), issue.body);

        // Lambda's retry of update1 finds it shown already.
        assertEquals("unchanged", invoke(update1).get("outcome").asText());
        assertEquals(2, issue.comments.size());
    }

    @Test
    void a403WithOnlyGhLimitedByIsASecondaryRateLimit() {
        github.failNext(1, "POST", ".*/issues", 403, Map.of("gh-limited-by", "content-creation"), false);

        GitHubCallException limited = assertInstanceOf(GitHubCallException.class, fails("issue-open.json"));

        assertEquals(403, limited.status());
        assertEquals(Duration.ofMinutes(1), limited.retryAfter(), "no header says how long: at least a minute");
        assertTrue(limited.getMessage().contains("rate limit") && limited.getMessage().contains("Lambda retries"), limited.getMessage());
        assertEquals("created", invoke("issue-open.json").get("outcome").asText());
        assertEquals(1, github.issues().size());
    }

    @Test
    void aCrashedHolderIsTakenOverWhenItsLeaseExpires() {
        // A holder created the issue and died before recording it: its claim and marker are left in the table.
        github.failNext(1, "POST", ".*/issues", 502, Map.of(), true);
        fails("issue-open.json");
        String key = arnOf("issue-open.json") + "|123456789012";
        dynamo.updateItem(r -> r.tableName(HealthTestbed.TABLE).key(Map.of("eventKey", AttributeValue.fromS(key)))
                .updateExpression("SET claimId = :c, claimExpiresAt = :e")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("crashed-holder"),
                        ":e", AttributeValue.fromN(String.valueOf(Instant.now().minusSeconds(5).getEpochSecond())))));

        assertEquals("recovered", invoke("issue-open.json").get("outcome").asText());
        assertEquals(1, github.issues().size());
    }

    @Test
    void aLiveClaimMakesTheDeliveryFailWithoutPosting() {
        String key = arnOf("issue-open.json") + "|123456789012";
        dynamo.putItem(r -> r.tableName(HealthTestbed.TABLE).item(Map.of(
                "eventKey", AttributeValue.fromS(key),
                "claimId", AttributeValue.fromS("other-invocation"),
                "claimExpiresAt", AttributeValue.fromN(String.valueOf(Instant.now().plusSeconds(120).getEpochSecond())))));

        EventBusyException busy = assertInstanceOf(EventBusyException.class, fails("issue-open.json"));

        assertTrue(busy.getMessage().contains("Lambda retries"), busy.getMessage());
        assertEquals(0, github.issues().size());
        assertTrue(github.calls().isEmpty());
    }

    @Test
    void badCredentialsFailWithAClearMessageThatHoldsNoToken() {
        secrets.putSecretValue(r -> r.secretId(HealthTestbed.SECRET).secretString("ghp_wrong_" + TOKEN.substring(30)));

        GitHubCallException failure = assertInstanceOf(GitHubCallException.class, fails("issue-open.json"));

        assertEquals(401, failure.status());
        assertTrue(failure.getMessage().contains("secret '" + HealthTestbed.SECRET + "'"), failure.getMessage());
        assertFalse(failure.getMessage().contains("ghp_wrong_"), failure.getMessage());
        assertEquals(0, github.issues().size());
    }

    // ------------------------------------------------------------------ content and limits

    @Test
    void oversizedDescriptionIsTruncatedWithANoticeAndAccepted() {
        JsonNode result = invoke("oversized-description.json");

        assertEquals("created", result.get("outcome").asText());
        FakeGitHub.Issue issue = github.issues().get(0);
        assertTrue(issue.body.length() <= FakeGitHub.BODY_LIMIT, "body length " + issue.body.length());
        assertTrue(issue.body.contains("**Truncated:**"), "a visible notice");
        assertTrue(issue.body.contains("AWS Health console"));
        assertTrue(issue.body.contains("0001. The following Amazon EC2"), "the start of the text is kept");
        assertTrue(github.calls().stream().noneMatch(c -> c.status() == 422));
    }

    @Test
    void japaneseTextIsKeptInEveryLanguage() {
        invoke("japanese-text.json");

        String body = github.issues().get(0).body;
        assertTrue(body.contains("証明書 www.example.jp の自動更新が完了していません"), body);
        assertTrue(body.contains("### Description (ja_JP)") && body.contains("### Description (en_US)"), body);
    }

    @Test
    void missingTimesAndMissingAffectedAccountAreNormal() {
        JsonNode result = invoke("missing-last-updated.json");

        assertEquals("created", result.get("outcome").asText());
        assertEquals("123456789012", result.get("affectedAccount").asText(), "falls back to the envelope's account");
        String body = github.issues().get(0).body;
        assertTrue(body.contains("| End | not given |"), body);
        assertTrue(body.contains("| Last updated by AWS | not given |"), body);
        assertTrue(body.contains("2023-04-09 21:45:00 UTC"), body);
    }

    @Test
    void scheduledChangeListsItsEntitiesAndParsesOneDigitDays() {
        invoke("scheduled-change-entities.json");

        FakeGitHub.Issue issue = github.issues().get(0);
        assertTrue(issue.title.contains("[upcoming]"), issue.title);
        assertTrue(issue.body.contains("| `i-0a1b2c3d4e5f60718` | PENDING | 2023-02-03 08:05:11 UTC |"), issue.body);
        assertTrue(issue.body.contains("| `i-0123456789abcdef0` |  |  |"), issue.body);
        assertTrue(issue.body.contains("2023-02-17 01:00:00 UTC"), issue.body);
        assertEquals(List.of("aws-health", "service:EC2", "category:scheduledChange"), issue.labels);
    }

    @Test
    void eventsOutsideTheFiltersAreSkippedWithoutPosting() {
        HealthHandler filtered = handler(Map.of("EVENT_TYPE_CODES", "*_MAINTENANCE_SCHEDULED"), this::recordWait);

        JsonNode skipped = invoke(filtered, "issue-open.json");
        JsonNode taken = invoke(filtered, "scheduled-change-entities.json");

        assertEquals("ignored", skipped.get("outcome").asText());
        assertEquals("created", taken.get("outcome").asText());
        assertEquals(1, github.issues().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"malformed-no-detail.json", "malformed-no-event-arn.json", "not-health.json"})
    void malformedEventsAreRefusedWithTheFieldNamedAndNothingPosted(String file) {
        HealthEventException refused = assertInstanceOf(HealthEventException.class, fails(file));

        String expected = switch (file) {
            case "malformed-no-detail.json" -> "field 'detail' is missing";
            case "malformed-no-event-arn.json" -> "field 'detail.eventArn' is missing";
            default -> "field 'source' is 'aws.ec2', not 'aws.health'";
        };
        assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
        assertTrue(github.requests().isEmpty(), "nothing sent to GitHub");
        assertEquals(0, dynamo.scan(r -> r.tableName(HealthTestbed.TABLE)).count(), "nothing written to the table");
    }

    // ------------------------------------------------------------------ helpers

    private HealthHandler handler(Map<String, String> extra, Retrier.Sleeper sleeper) {
        Map<String, String> env = new HashMap<>(Map.of(
                "GITHUB_API_URL", github.apiUrl(),
                "GITHUB_REPOSITORY", HealthTestbed.REPOSITORY,
                "GITHUB_TOKEN_SECRET", HealthTestbed.SECRET,
                "ISSUES_TABLE", HealthTestbed.TABLE));
        env.putAll(extra);
        return new HealthHandler(HealthConfig.from(Environment.of(env)), secrets, dynamo, sleeper, Clock.systemUTC());
    }

    private void recordWait(Duration duration) {
        waits.add(duration);
    }

    private HealthHandler defaultHandler;

    private JsonNode invoke(String file) {
        if (defaultHandler == null) {
            defaultHandler = handler(Map.of(), this::recordWait);
        }
        return invoke(defaultHandler, file);
    }

    private JsonNode invoke(HealthHandler handler, String file) {
        return invoke(handler, HealthTestbed.event(file));
    }

    private JsonNode invoke(byte[] event) {
        if (defaultHandler == null) {
            defaultHandler = handler(Map.of(), this::recordWait);
        }
        return invoke(defaultHandler, event);
    }

    private JsonNode invoke(HealthHandler handler, byte[] event) {
        var out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            captured.add(describe(e));
            throw e;
        }
        String text = out.toString(StandardCharsets.UTF_8);
        captured.add(text);
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("the result is not JSON: " + text, e);
        }
    }

    private RuntimeException fails(String file) {
        return assertThrows(RuntimeException.class, () -> invoke(file));
    }

    private RuntimeException fails(byte[] event) {
        return assertThrows(RuntimeException.class, () -> invoke(event));
    }

    /** A sample with its detail changed. */
    private static byte[] variant(String file, Consumer<ObjectNode> changeDetail) {
        try {
            ObjectNode json = (ObjectNode) Json.MAPPER.readTree(HealthTestbed.event(file));
            changeDetail.accept((ObjectNode) json.get("detail"));
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Throwable e) {
        var text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /**
     * Delivers the sample through {@code count} containers (own clients, real waiting between claim attempts) released
     * at the same moment; returns each one's outcome, or the exception it failed with.
     */
    private List<Object> concurrently(int count, String file) throws Exception {
        List<HealthHandler> handlers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            handlers.add(handler(Map.of(), Retrier.Sleeper.SYSTEM));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (HealthHandler handler : handlers) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    return invoke(handler, file).get("outcome").asText();
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        start.countDown();
        List<Object> finished = new ArrayList<>();
        for (Future<Object> outcome : outcomes) {
            finished.add(outcome.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return finished;
    }

    /** The ledger item of a sample's event (account 123456789012). */
    private Map<String, AttributeValue> ledgerItem(String file) {
        String id = new EventKey(arnOf(file), "123456789012").id();
        return dynamo.getItem(r -> r.tableName(HealthTestbed.TABLE).key(Map.of("eventKey", AttributeValue.fromS(id))).consistentRead(true))
                .item();
    }

    private static String arnOf(String file) {
        try {
            return Json.MAPPER.readTree(HealthTestbed.event(file)).get("detail").get("eventArn").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
