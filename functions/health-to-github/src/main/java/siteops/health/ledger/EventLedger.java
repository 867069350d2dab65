package siteops.health.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import siteops.health.event.EventKey;
import siteops.health.rules.IssueState;

/**
 * The service's port to its state: {@link IssueLedger} (DynamoDB), or {@link DryRunLedger} under
 * {@code DRY_RUN=true}. Every write the service makes to the table is a method here, so the dry-run adapter must
 * decide about each new one (see siteops.common.DryRun). See {@link IssueLedger} for what each method writes.
 */
public interface EventLedger {
    Optional<IssueLedger.Entry> read(EventKey key);

    Optional<IssueLedger.Entry> claim(EventKey key, String claimId, Instant now, Duration lease);

    void markCreateStarted(EventKey key, String claimId, Instant now);

    void markPendingComment(EventKey key, String claimId, String marker, IssueState announced, Instant now);

    void record(EventKey key, String claimId, int issueNumber, IssueState state, Instant now);

    void replace(EventKey key, String claimId, int vanished, int issueNumber, IssueState state, Instant now);

    void release(EventKey key, String claimId);
}
