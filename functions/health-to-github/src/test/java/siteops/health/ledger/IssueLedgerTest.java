package siteops.health.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.health.HealthTestbed;
import siteops.health.event.EventKey;
import siteops.health.event.HealthEvent;
import siteops.health.event.HealthEventTest;
import siteops.health.rules.IssueState;
import siteops.testing.MotoServer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The ledger's conditional writes against moto's DynamoDB. */
@ExtendWith(MotoServer.class)
class IssueLedgerTest {
    private static final EventKey KEY = new EventKey("arn:aws:health:us-east-1::event/EC2/TEST/TEST_1", "123456789012");
    private static final Duration LEASE = Duration.ofMinutes(3);

    /** Turns the answer to the first UpdateItem into a 500 after DynamoDB carried it out, as a lost answer would. */
    private static final class FirstUpdateAnswerLost implements ExecutionInterceptor {
        private final AtomicInteger updates = new AtomicInteger();

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            boolean first = context.request() instanceof UpdateItemRequest && updates.incrementAndGet() == 1;
            return first ? context.httpResponse().toBuilder().statusCode(500).build() : context.httpResponse();
        }
    }

    private MotoServer moto;
    private DynamoDbClient dynamo;
    private IssueLedger ledger;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        HealthTestbed.create(moto);
        dynamo = HealthTestbed.dynamo(moto);
        ledger = new IssueLedger(dynamo, HealthTestbed.TABLE);
    }

    @AfterEach
    void tearDown() {
        dynamo.close();
    }

    @Test
    void theSdkRetryingAClaimThatSucceededKeepsTheClaim() {
        FirstUpdateAnswerLost lost = new FirstUpdateAnswerLost();
        try (DynamoDbClient flaky = moto.configure(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(lost)).build()) {
            Optional<IssueLedger.Entry> claimed = new IssueLedger(flaky, HealthTestbed.TABLE).claim(KEY, "me", Instant.now(), LEASE);

            assertEquals(2, lost.updates.get(), "the first answer was lost and the SDK tried again");
            assertTrue(claimed.isPresent(), "the retry found our own claim and kept it");
            assertEquals("me", claimed.get().claimId());
        }
        assertTrue(ledger.claim(KEY, "someone-else", Instant.now(), LEASE).isEmpty(), "the claim still keeps others out");
    }

    @Test
    void aClaimIsTakenWhenFreeOrExpiredOnly() {
        Instant now = Instant.now();
        assertTrue(ledger.claim(KEY, "first", now, LEASE).isPresent());
        assertTrue(ledger.claim(KEY, "second", now.plus(LEASE).minusSeconds(1), LEASE).isEmpty());
        assertTrue(ledger.claim(KEY, "second", now.plus(LEASE).plusSeconds(1), LEASE).isPresent());
    }

    @Test
    void thePendingCommentKeepsWhatItAnnouncesUntilTheResultIsRecorded() {
        IssueState announced = IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-update.json")));
        ledger.claim(KEY, "me", Instant.now(), LEASE);
        ledger.markPendingComment(KEY, "me", "<!-- marker -->", announced, Instant.now());
        ledger.release(KEY, "me");

        IssueLedger.Entry pending = ledger.read(KEY).orElseThrow();
        assertEquals("<!-- marker -->", pending.pendingComment());
        assertEquals(announced, pending.pendingState());

        ledger.claim(KEY, "me", Instant.now(), LEASE);
        ledger.record(KEY, "me", 7, announced, Instant.now());
        IssueLedger.Entry recorded = ledger.read(KEY).orElseThrow();
        assertEquals(announced, recorded.state());
        assertNull(recorded.pendingComment());
        assertNull(recorded.pendingState());
    }

    @Test
    void aReplacementMovesTheItemOnlyFromTheIssueThatVanished() {
        IssueState state = IssueState.of(HealthEvent.parse(HealthEventTest.sample("issue-open.json")));
        ledger.claim(KEY, "me", Instant.now(), LEASE);
        ledger.record(KEY, "me", 7, state, Instant.now());

        // Another delivery already replaced #7 by #8: replacing #7 again must fail, not open a third.
        ledger.claim(KEY, "first", Instant.now(), LEASE);
        ledger.replace(KEY, "first", 7, 8, state.replacing(7), Instant.now());
        ledger.claim(KEY, "second", Instant.now(), LEASE);
        assertThrows(IssueLedger.ClaimLostException.class, () -> ledger.replace(KEY, "second", 7, 9, state.replacing(7), Instant.now()));

        IssueLedger.Entry entry = ledger.read(KEY).orElseThrow();
        assertEquals(8, entry.issueNumber());
        assertEquals(7, entry.state().replaces());
        assertEquals(List.of("7"), dynamo.getItem(r -> r.tableName(HealthTestbed.TABLE)
                .key(Map.of("eventKey", AttributeValue.fromS(KEY.id())))).item().get("vanishedIssues").ns());
    }
}
