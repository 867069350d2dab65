package siteops.maintenance.rules;

import java.time.Instant;

/**
 * One alert as the state table remembers it. {@code state} is what PagerDuty was last told (null: unknown);
 * {@code version} counts the writes that set it (0: never written), so a claim made on what a sweep read fails
 * when anyone wrote since. A claim ({@code claimId}, {@code pending}, {@code claimExpiresAt}) is a sweep between
 * deciding to send {@code pending} and recording that PagerDuty accepted it.
 */
public record SentAlert(AlertState state, long version, String claimId, AlertState pending, Instant claimExpiresAt) {
    /** An alert the table has no item for: nothing was ever sent for it, so nothing of ours is open. */
    public static final SentAlert NEVER_SENT = new SentAlert(AlertState.RESOLVED, 0, null, null, null);

    /** What the sweep does about one alert, given what the table holds and what it found. */
    public enum Change {
        /** PagerDuty already shows what the sweep found: send nothing. */
        NONE,
        /** Send the event (a state change, or a claim whose sender died without saying whether PagerDuty took it). */
        SEND,
        /** Another sweep holds a live claim on it and is sending: leave it to that one. */
        CLAIMED_ELSEWHERE
    }

    /**
     * The rule: send only when what the sweep found differs from what PagerDuty was last told. An expired claim
     * means a sweep died between claiming and recording: whether its event went out is unknown, so the event is
     * sent again (a repeated trigger or resolve lands on the same alert).
     */
    public Change change(AlertState found, Instant now) {
        if (claimId != null) {
            return claimExpiresAt != null && claimExpiresAt.isAfter(now) ? Change.CLAIMED_ELSEWHERE : Change.SEND;
        }
        return found == state ? Change.NONE : Change.SEND;
    }
}
