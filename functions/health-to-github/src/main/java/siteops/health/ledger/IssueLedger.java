package siteops.health.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import siteops.common.Json;
import siteops.health.Messages;
import siteops.health.event.EventKey;
import siteops.health.rules.IssueState;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The DynamoDB table that maps (eventArn, affected account) to its GitHub issue and what the issue shows. It is
 * also the lock: a delivery claims the item with a conditional write before it touches GitHub ("claim before act")
 * and releases it with the write that records the result. A claim is a lease: when its holder dies (Lambda timeout,
 * crash) the next delivery may take it after {@code claimExpiresAt}; the lease is longer than the function timeout.
 * Two markers survive a failed holder: {@code createStartedAt} (an issue may exist on GitHub without its number
 * here) and {@code pendingComment} (a comment may have been posted, announcing {@code pendingState}), so the next
 * holder looks before it posts again.
 */
public final class IssueLedger implements EventLedger {
    /**
     * One item. Times are null when absent. {@code pendingState} is what the pending comment announces (null when no
     * comment is pending, or in items written before it was stored).
     */
    public record Entry(Integer issueNumber, IssueState state, String claimId, Instant claimExpiresAt,
                        Instant createStartedAt, String pendingComment, Instant pendingCommentSince, IssueState pendingState) {}

    /** Thrown when a holder's lease ran out and someone else took over before the result was recorded. */
    public static final class ClaimLostException extends RuntimeException {
        ClaimLostException(String message) {
            super(message);
        }
    }

    static final String KEY = "eventKey";
    /** Items live on this long after their last update (the table's TTL attribute is expiresAt). */
    static final Duration RETENTION = Duration.ofDays(400);

    /** Made at its first use: a new event's item has no state to read, and making it is reflection a cold start feels. */
    private static final class StateReader {
        static final ObjectReader READER = Json.MAPPER.readerFor(IssueState.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public IssueLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A strongly consistent read: what the last successful delivery recorded. */
    @Override
    public Optional<Entry> read(EventKey key) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(key)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(item));
    }

    /**
     * Claims the item (creating it if absent) unless another delivery holds an unexpired claim. Returns the item as
     * it is after the claim, or empty when someone else holds it. Idempotent: when the SDK retries this write after
     * a first attempt that did succeed (a 5xx or a lost answer), the item already holds our own claim, which is ours
     * to take again.
     */
    @Override
    public Optional<Entry> claim(EventKey key, String claimId, Instant now, Duration lease) {
        try {
            UpdateItemResponse response = dynamo.updateItem(r -> r.tableName(table).key(key(key))
                    .updateExpression("SET claimId = :claim, claimExpiresAt = :expires, eventArn = :arn, affectedAccount = :account")
                    .conditionExpression("attribute_not_exists(claimId) OR claimExpiresAt < :now OR claimId = :claim")
                    .expressionAttributeValues(Map.of(
                            ":claim", s(claimId),
                            ":expires", n(now.plus(lease).getEpochSecond()),
                            ":now", n(now.getEpochSecond()),
                            ":arn", s(key.eventArn()),
                            ":account", s(key.affectedAccount())))
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(entry(response.attributes()));
        } catch (ConditionalCheckFailedException held) {
            return Optional.empty();
        }
    }

    /** Written just before the issue is created: if we fail after that, the next holder looks the issue up first. */
    @Override
    public void markCreateStarted(EventKey key, String claimId, Instant now) {
        holding(key, claimId, "SET createStartedAt = :at", Map.of(":at", n(now.toEpochMilli())));
    }

    /** Written just before a comment is posted, with the marker the comment carries and the state it announces. */
    @Override
    public void markPendingComment(EventKey key, String claimId, String marker, IssueState announced, Instant now) {
        holding(key, claimId, "SET pendingComment = :marker, pendingCommentSince = :at, pendingState = :state",
                Map.of(":marker", s(marker), ":at", n(now.toEpochMilli()), ":state", b(gzip(announced))));
    }

    /** Records the issue and what it shows now, clears the markers and releases the claim, in one conditional write. */
    @Override
    public void record(EventKey key, String claimId, int issueNumber, IssueState state, Instant now) {
        holding(key, claimId,
                "SET issueNumber = :number, issueState = :state, updatedAt = :updated, expiresAt = :ttl "
                        + "REMOVE claimId, claimExpiresAt, createStartedAt, pendingComment, pendingCommentSince, pendingState",
                Map.of(":number", n(issueNumber), ":state", b(gzip(state)),
                        ":updated", s(now.toString()), ":ttl", n(now.plus(RETENTION).getEpochSecond())));
    }

    /**
     * Points the item at the issue that replaces a vanished one, records what it shows, keeps the vanished number
     * in {@code vanishedIssues}, clears the markers and releases the claim: one write, conditional on holding the
     * claim and on the item still naming the vanished issue, so two deliveries can never both replace it.
     */
    @Override
    public void replace(EventKey key, String claimId, int vanished, int issueNumber, IssueState state, Instant now) {
        holding(key, claimId, "issueNumber = :vanished",
                "SET issueNumber = :number, issueState = :state, updatedAt = :updated, expiresAt = :ttl ADD vanishedIssues :vanishedSet "
                        + "REMOVE claimId, claimExpiresAt, createStartedAt, pendingComment, pendingCommentSince, pendingState",
                Map.of(":vanished", n(vanished), ":vanishedSet", AttributeValue.fromNs(List.of(Integer.toString(vanished))),
                        ":number", n(issueNumber), ":state", b(gzip(state)), ":updated", s(now.toString()),
                        ":ttl", n(now.plus(RETENTION).getEpochSecond())));
    }

    /** Gives the claim up without recording anything (the markers stay). Best effort: an expired claim is already gone. */
    @Override
    public void release(EventKey key, String claimId) {
        try {
            holding(key, claimId, "REMOVE claimId, claimExpiresAt", Map.of());
        } catch (ClaimLostException alreadyGone) {
            // another delivery took over after our lease ran out; nothing to give back
        }
    }

    private void holding(EventKey key, String claimId, String update, Map<String, AttributeValue> values) {
        holding(key, claimId, null, update, values);
    }

    private void holding(EventKey key, String claimId, String alsoRequired, String update, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":me", s(claimId));
        String condition = "claimId = :me" + (alsoRequired == null ? "" : " AND " + alsoRequired);
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(key)).updateExpression(update)
                    .conditionExpression(condition).expressionAttributeValues(all));
        } catch (ConditionalCheckFailedException lost) {
            throw new ClaimLostException(Messages.claimLost(key, alsoRequired != null));
        }
    }

    private static Entry entry(Map<String, AttributeValue> item) {
        AttributeValue state = item.get("issueState");
        AttributeValue pendingState = item.get("pendingState");
        return new Entry(
                item.containsKey("issueNumber") ? Integer.valueOf(item.get("issueNumber").n()) : null,
                state == null ? null : gunzip(state.b().asByteArray()),
                item.containsKey("claimId") ? item.get("claimId").s() : null,
                item.containsKey("claimExpiresAt") ? Instant.ofEpochSecond(Long.parseLong(item.get("claimExpiresAt").n())) : null,
                item.containsKey("createStartedAt") ? Instant.ofEpochMilli(Long.parseLong(item.get("createStartedAt").n())) : null,
                item.containsKey("pendingComment") ? item.get("pendingComment").s() : null,
                item.containsKey("pendingCommentSince") ? Instant.ofEpochMilli(Long.parseLong(item.get("pendingCommentSince").n())) : null,
                pendingState == null ? null : gunzip(pendingState.b().asByteArray()));
    }

    private static Map<String, AttributeValue> key(EventKey key) {
        return Map.of(KEY, s(key.id()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue b(byte[] value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static byte[] gzip(IssueState state) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(Json.write(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static IssueState gunzip(byte[] data) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return StateReader.READER.readValue(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.stateUnreadable(), e);
        }
    }
}
