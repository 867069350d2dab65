package siteops.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import siteops.common.Log;
import siteops.common.Retrier;
import siteops.health.event.EventKey;
import siteops.health.event.HealthEvent;
import siteops.health.github.GitHubIssues;
import siteops.health.github.IssueTracker;
import siteops.health.github.IssueText;
import siteops.health.ledger.EventLedger;
import siteops.health.ledger.IssueLedger;
import siteops.health.rules.EventFilter;
import siteops.health.rules.IssuePlan;
import siteops.health.rules.IssueState;

/**
 * One delivery: parse, filter, compare with what the issue shows, and act on GitHub at most once per change.
 * <p>
 * Exactly once under at-least-once delivery: a consistent read answers most duplicates and backup copies without
 * a write. Otherwise the delivery claims the event's ledger item (a conditional write with a lease), decides again
 * from the item as it is under the claim, acts, and records the result while releasing the claim. Concurrent
 * deliveries wait for the claim and then find nothing new. Before creating an issue (or posting a comment) the
 * delivery writes a marker to the item; a later delivery that finds a marker without a recorded result looks
 * for the issue (or comment) on GitHub by the hidden marker text before posting again; a newer update that finds
 * another update's comment posted but not recorded takes what that comment announced as shown.
 */
public final class HealthService {
    /** Markers are compared with GitHub's timestamps: allow for clock skew. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private static final class ClaimHeld extends Exception {
        ClaimHeld() {
            super("claim held by another invocation", null, false, false);
        }
    }

    private final String repository;
    private final EventFilter filter;
    private final EventLedger ledger;
    private final IssueTracker github;
    private final Duration lease;
    private final Retrier claimWaits;
    private final Clock clock;

    public HealthService(String repository, EventFilter filter, EventLedger ledger, IssueTracker github, Duration lease,
                         Retrier claimWaits, Clock clock) {
        this.repository = repository;
        this.filter = filter;
        this.ledger = ledger;
        this.github = github;
        this.lease = lease;
        this.claimWaits = claimWaits;
        this.clock = clock;
    }

    public HealthResult handle(JsonNode json) {
        HealthEvent event = HealthEvent.parse(json);
        Log.info("health event received", "eventArn", event.eventArn(), "affectedAccount", event.affectedAccount(),
                "communicationId", event.communicationId(), "page", event.page(), "totalPages", event.totalPages(),
                "status", event.status(), "deliveryId", event.deliveryId(), "deliveryRegion", event.deliveryRegion(),
                "backupCopy", event.backupCopy());
        Optional<EventFilter.Rejection> skipped = filter.rejection(event);
        if (skipped.isPresent()) {
            Log.info("event skipped by the configured filters", "reason", Messages.skipReason(skipped.get()));
            return result(HealthResult.Outcome.IGNORED, event, null, null, List.of(), Messages.skipped(skipped.get()));
        }
        EventKey key = event.key();

        Optional<IssueLedger.Entry> known = ledger.read(key);
        if (known.isPresent() && known.get().issueNumber() != null
                && IssuePlan.decide(known.get().state(), event).action() == IssuePlan.Action.NOTHING) {
            return unchanged(event, known.get());
        }

        String claimId = UUID.randomUUID().toString();
        IssueLedger.Entry entry = claim(key, claimId);
        boolean recorded = false;
        try {
            IssuePlan plan = IssuePlan.decide(entry.issueNumber() == null ? null : entry.state(), event);
            HealthResult result;
            if (entry.issueNumber() == null) {
                result = create(key, claimId, entry, plan, event);
            } else if (plan.action() == IssuePlan.Action.NOTHING) {
                ledger.release(key, claimId);
                result = unchanged(event, entry);
            } else {
                result = update(key, claimId, entry, plan, event);
            }
            recorded = true;
            return result;
        } finally {
            if (!recorded) {
                ledger.release(key, claimId);
            }
        }
    }

    private HealthResult create(EventKey key, String claimId, IssueLedger.Entry entry, IssuePlan plan, HealthEvent event) {
        IssueState next = plan.next();
        Opened opened = open(key, claimId, entry, next, plan.transition());
        ledger.record(key, claimId, opened.number(), next, clock.instant());
        HealthResult.Outcome outcome = opened.recovered() ? HealthResult.Outcome.RECOVERED : HealthResult.Outcome.CREATED;
        Log.info("issue " + outcome.wire(), "issueNumber", opened.number(), "eventArn", key.eventArn(), "affectedAccount", key.affectedAccount());
        return result(outcome, event, opened.number(), next, List.of(), Messages.opened(opened.recovered(), opened.number(), repository, next));
    }

    /** An issue opened for the event, or found after an earlier attempt opened it without recording it. */
    private record Opened(int number, boolean recovered) {}

    /**
     * Opens the issue that shows {@code next} and closes it if the event is closed. When an earlier attempt began
     * opening one and did not record it, that issue is looked up first (by the marker in its body) and brought up
     * to date instead.
     */
    private Opened open(EventKey key, String claimId, IssueLedger.Entry entry, IssueState next, IssuePlan.Transition transition) {
        String title = IssueText.title(next);
        String body = IssueText.body(next, key);
        Integer number = null;
        if (entry.createStartedAt() != null) {
            // An earlier attempt began creating the issue and did not record it: it may exist on GitHub.
            number = github.findByMarker(key.marker(), entry.createStartedAt().minus(SKEW)).orElse(null);
            Log.info("checked for an issue from an earlier attempt", "found", number != null, "issueNumber", number);
        }
        if (number != null) {
            github.refresh(github.issue(number), title, body, transition);
            return new Opened(number, true);
        }
        ledger.markCreateStarted(key, claimId, clock.instant());
        number = github.create(title, body, IssueText.labels(next));
        if (transition == IssuePlan.Transition.CLOSE) {
            github.refresh(github.issue(number), title, body, transition);
        }
        return new Opened(number, false);
    }

    /**
     * The event's issue vanished (deleted, or transferred out of the repository): a new issue shows the whole event
     * as it is now and names the vanished one, and the ledger points at it. One replacement per delivery: if the new
     * issue vanishes too, the delivery fails and Lambda's retry (then the DLQ) takes over, so nothing loops.
     */
    private HealthResult replace(EventKey key, String claimId, IssueLedger.Entry entry, IssuePlan plan, HealthEvent event,
                                 IssueGoneException gone) {
        int vanished = entry.issueNumber();
        IssueState next = plan.next().replacing(vanished);
        Log.warn("the event's issue is no longer in the repository; opening a new one", "issueNumber", vanished,
                "githubStatus", gone.status());
        Opened opened;
        try {
            opened = open(key, claimId, entry, next, next.closed() ? IssuePlan.Transition.CLOSE : IssuePlan.Transition.NONE);
        } catch (IssueGoneException again) {
            throw new GitHubCallException(Messages.replacementGone(again.issueNumber(), vanished, again.getMessage()), again.status(),
                    null, again);
        }
        ledger.replace(key, claimId, vanished, opened.number(), next, clock.instant());
        Log.info("issue replaced", "issueNumber", opened.number(), "vanishedIssue", vanished, "eventArn", key.eventArn());
        return result(HealthResult.Outcome.REPLACED, event, opened.number(), next, IssueText.changes(plan),
                Messages.replaced(vanished, repository, gone.getMessage(), opened.recovered(), opened.number()));
    }

    private HealthResult update(EventKey key, String claimId, IssueLedger.Entry entry, IssuePlan decided, HealthEvent event) {
        try {
            return updateIssue(key, claimId, entry, decided, event);
        } catch (IssueGoneException gone) {
            return replace(key, claimId, entry, decided, event, gone);
        }
    }

    private HealthResult updateIssue(EventKey key, String claimId, IssueLedger.Entry entry, IssuePlan decided, HealthEvent event) {
        GitHubIssues.Issue issue = github.issue(entry.issueNumber());
        IssuePlan plan = afterEarlierComment(key, entry, decided, event, issue);
        IssueState next = plan.next();
        boolean commented = false;
        if (plan.action() == IssuePlan.Action.COMMENT_AND_REFRESH) {
            String marker = IssueText.commentMarker(key, next);
            boolean pending = marker.equals(entry.pendingComment());
            boolean alreadyPosted = pending && github.hasComment(issue, marker, entry.pendingCommentSince().minus(SKEW));
            if (!alreadyPosted) {
                if (!pending) {
                    ledger.markPendingComment(key, claimId, marker, next, clock.instant());
                }
                github.comment(issue, IssueText.comment(plan, marker));
                commented = true;
            }
        }
        github.refresh(issue, IssueText.title(next), IssueText.body(next, key), plan.transition());
        ledger.record(key, claimId, entry.issueNumber(), next, clock.instant());
        HealthResult.Outcome outcome = plan.action() == IssuePlan.Action.COMMENT_AND_REFRESH
                ? HealthResult.Outcome.UPDATED : HealthResult.Outcome.REFRESHED;
        List<String> changes = IssueText.changes(plan);
        Log.info("issue " + outcome.wire(), "issueNumber", entry.issueNumber(), "commented", commented,
                "transition", plan.transition().name(), "changes", changes);
        return result(outcome, event, entry.issueNumber(), next, changes,
                Messages.updated(entry.issueNumber(), repository, plan, changes, event.page(), event.totalPages()));
    }

    /**
     * An earlier attempt may have posted a comment for another update and failed before recording it; when that
     * comment is on the issue, this delivery's comment lists only what is new since (see
     * {@link IssuePlan#afterPostedComment}). The same update's own comment is handled by the caller.
     */
    private IssuePlan afterEarlierComment(EventKey key, IssueLedger.Entry entry, IssuePlan plan, HealthEvent event,
                                          GitHubIssues.Issue issue) {
        String earlier = entry.pendingComment();
        if (earlier == null || entry.pendingState() == null || earlier.equals(IssueText.commentMarker(key, plan.next()))
                || !github.hasComment(issue, earlier, entry.pendingCommentSince().minus(SKEW))) {
            return plan;
        }
        Log.info("an earlier attempt's comment is on the issue; this one lists only what is new since",
                "issueNumber", entry.issueNumber());
        return IssuePlan.afterPostedComment(entry.state(), entry.pendingState(), event);
    }

    private HealthResult unchanged(HealthEvent event, IssueLedger.Entry entry) {
        Log.info("nothing new for the issue", "issueNumber", entry.issueNumber());
        return result(HealthResult.Outcome.UNCHANGED, event, entry.issueNumber(), entry.state(), List.of(),
                Messages.unchanged(entry.issueNumber(), repository));
    }

    /** Claims the event's item, waiting a little for a concurrent holder to finish. */
    private IssueLedger.Entry claim(EventKey key, String claimId) {
        try {
            return claimWaits.call(() -> {
                Instant now = clock.instant();
                return ledger.claim(key, claimId, now, lease).orElseThrow(ClaimHeld::new);
            }, failure -> failure instanceof ClaimHeld ? Optional.of(Duration.ZERO) : Optional.empty());
        } catch (Retrier.GaveUpException e) {
            if (e.exhausted()) {
                throw new EventBusyException(Messages.eventBusy(key));
            }
            throw new IllegalStateException(Messages.claimFailed(key, e.getMessage()), e.failure());
        }
    }

    private HealthResult result(HealthResult.Outcome outcome, HealthEvent event, Integer number, IssueState state, List<String> changes,
                                String message) {
        return new HealthResult(outcome, event.eventArn(), event.affectedAccount(), event.communicationId(), repository, number,
                state == null ? null : state.closed() ? "closed" : "open", changes, message);
    }
}
