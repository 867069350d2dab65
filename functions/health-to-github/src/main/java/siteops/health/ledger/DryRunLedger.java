package siteops.health.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import siteops.common.DryRun;
import siteops.health.event.EventKey;
import siteops.health.rules.IssueState;

/**
 * {@code DRY_RUN=true}: reads the table as usual and writes nothing. The claim is a plain consistent read (a dry
 * run neither waits for nor blocks a real delivery), the markers and the release are the bookkeeping of writes
 * that do not happen, so only the lasting record is shown in the {@link DryRun}.
 */
public final class DryRunLedger implements EventLedger {
    private final EventLedger ledger;
    private final String target;
    private final DryRun dryRun;

    public DryRunLedger(EventLedger ledger, String table, DryRun dryRun) {
        this.ledger = ledger;
        this.target = "DynamoDB " + table;
        this.dryRun = dryRun;
    }

    @Override
    public Optional<IssueLedger.Entry> read(EventKey key) {
        return ledger.read(key);
    }

    @Override
    public Optional<IssueLedger.Entry> claim(EventKey key, String claimId, Instant now, Duration lease) {
        IssueLedger.Entry current = ledger.read(key).orElse(new IssueLedger.Entry(null, null, null, null, null, null, null, null));
        return Optional.of(new IssueLedger.Entry(current.issueNumber(), current.state(), claimId, now.plus(lease),
                current.createStartedAt(), current.pendingComment(), current.pendingCommentSince(), current.pendingState()));
    }

    @Override
    public void markCreateStarted(EventKey key, String claimId, Instant now) {}

    @Override
    public void markPendingComment(EventKey key, String claimId, String marker, IssueState announced, Instant now) {}

    @Override
    public void record(EventKey key, String claimId, int issueNumber, IssueState state, Instant now) {
        dryRun.record(target, "record issue", Map.of("eventArn", key.eventArn(), "affectedAccount", key.affectedAccount(),
                "issueNumber", issueNumber, "issueState", state.closed() ? "closed" : "open"));
    }

    @Override
    public void replace(EventKey key, String claimId, int vanished, int issueNumber, IssueState state, Instant now) {
        dryRun.record(target, "point at the replacement issue", Map.of("eventArn", key.eventArn(),
                "affectedAccount", key.affectedAccount(), "vanishedIssue", vanished, "issueNumber", issueNumber,
                "issueState", state.closed() ? "closed" : "open"));
    }

    @Override
    public void release(EventKey key, String claimId) {}
}
