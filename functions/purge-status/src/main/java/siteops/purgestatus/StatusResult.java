package siteops.purgestatus;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the state machine reads after each check: {@code status} ({@code Completed} or {@code InProgress}) decides
 * whether it waits again. {@code notified}: a message went to the site's Slack channel (absent while nothing was
 * due); {@code gaveUp}: this was the last check; {@code reason}: why nothing was published; {@code message}: the
 * text that was published.
 */
public record StatusResult(Status status, Boolean notified, Boolean gaveUp, String reason, String message) {
    /** The invalidation's state as the state machine's Choice state compares it. */
    public enum Status {
        COMPLETED("Completed"),
        IN_PROGRESS("InProgress");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    static StatusResult stillInProgress() {
        return new StatusResult(Status.IN_PROGRESS, null, null, null, null);
    }
}
