package siteops.maintenance.state;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import siteops.maintenance.rules.AlertState;
import siteops.maintenance.rules.SentAlert;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The DynamoDB table (ALERT_STATE_TABLE) that remembers, per alert dedup_key, what PagerDuty was last told about
 * a window's missing-run and disabled alerts, so the hourly sweep sends an event only when that changes. Every
 * write of the function to the table is in this class.
 * <p>
 * The sweep claims before it acts: a conditional write (no live claim, and nobody wrote since the sweep read the
 * item) marks the event it is about to send; after PagerDuty accepted it, a second conditional write records it
 * and drops the claim. Concurrent sweeps therefore send a change once. The maintenance window events write what
 * they sent too ({@link #recordSent}), bumping the version, so a sweep's stale claim or confirmation fails.
 */
public final class AlertStateTable implements AlertStates {
    static final String KEY = "alertKey";

    private final DynamoDbClient dynamo;
    private final String table;

    public AlertStateTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public String name() {
        return table;
    }

    /** Every remembered alert by dedup_key, read consistently (one small item per alert; a scan costs less than a read per window). */
    @Override
    public Map<String, SentAlert> readAll() {
        Map<String, SentAlert> all = new HashMap<>();
        dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items()
                .forEach(item -> all.put(item.get(KEY).s(), sentAlert(item)));
        return all;
    }

    /**
     * Claims the alert for sending {@code next}, provided nobody holds a live claim and nobody wrote since
     * {@code seen} was read. False when someone did (another sweep or an event): then nothing may be sent.
     */
    @Override
    public boolean claim(String alertKey, SentAlert seen, AlertState next, String claimId, Instant now, Duration lease) {
        return conditionally(alertKey,
                "SET pending = :next, claimId = :me, claimExpiresAt = :expires, version = if_not_exists(version, :zero)",
                "(attribute_not_exists(claimId) OR claimExpiresAt < :now) AND (attribute_not_exists(version) OR version = :seen)",
                Map.of(":next", s(next.wire()), ":me", s(claimId), ":expires", n(now.plus(lease).getEpochSecond()),
                        ":zero", n(0), ":now", n(now.getEpochSecond()), ":seen", n(seen.version())));
    }

    /**
     * Records that PagerDuty accepted the claimed event, and drops the claim. False when the claim was lost or an
     * event wrote in between: then what PagerDuty shows depends on which arrived last.
     */
    @Override
    public boolean confirm(String alertKey, SentAlert seen, AlertState sent, String claimId, Instant now) {
        return conditionally(alertKey,
                "SET #state = :sent, version = :next, updatedAt = :now REMOVE pending, claimId, claimExpiresAt",
                "claimId = :me AND version = :seen",
                Map.of(":sent", s(sent.wire()), ":next", n(seen.version() + 1), ":now", s(now.toString()), ":me", s(claimId),
                        ":seen", n(seen.version())));
    }

    /**
     * Gives a claim up. {@code stateUnknown}: PagerDuty may not show what the table says (an event wrote between
     * our send and our confirmation), so the claim is left expired and the next sweep sends what it finds again;
     * otherwise (nothing was sent) the claim is removed. A claim already taken over is left alone.
     */
    @Override
    public void release(String alertKey, String claimId, boolean stateUnknown) {
        conditionally(alertKey, stateUnknown ? "SET claimExpiresAt = :zero" : "REMOVE pending, claimId, claimExpiresAt",
                "claimId = :me", stateUnknown ? Map.of(":me", s(claimId), ":zero", n(0)) : Map.of(":me", s(claimId)));
    }

    /**
     * What a maintenance window event sent for one of these alerts. A resolve of an alert the table never held
     * writes nothing (absent already means resolved).
     */
    @Override
    public void recordSent(String alertKey, AlertState sent, Instant now) {
        conditionally(alertKey, "SET #state = :sent, version = if_not_exists(version, :zero) + :one, updatedAt = :now",
                sent == AlertState.RESOLVED ? "attribute_exists(version)" : null,
                Map.of(":sent", s(sent.wire()), ":zero", n(0), ":one", n(1), ":now", s(now.toString())));
    }

    private boolean conditionally(String alertKey, String update, String condition, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(r -> {
                r.tableName(table).key(Map.of(KEY, s(alertKey))).updateExpression(update).expressionAttributeValues(values);
                if (update.contains("#state")) {
                    r.expressionAttributeNames(Map.of("#state", "state"));
                }
                if (condition != null) {
                    r.conditionExpression(condition);
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static SentAlert sentAlert(Map<String, AttributeValue> item) {
        AttributeValue state = item.get("state");
        AttributeValue pending = item.get("pending");
        AttributeValue expires = item.get("claimExpiresAt");
        return new SentAlert(
                state == null ? AlertState.RESOLVED : AlertState.fromWire(state.s()),
                item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0,
                item.containsKey("claimId") ? item.get("claimId").s() : null,
                pending == null ? null : AlertState.fromWire(pending.s()),
                expires == null ? null : Instant.ofEpochSecond(Long.parseLong(expires.n())));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
