package siteops.purgestatus;

/**
 * What the state machine reads after each check: {@code status} ({@code Completed} or {@code InProgress}) decides
 * whether it waits again. {@code notified}: a message went to the site's Slack channel (absent while nothing was
 * due); {@code gaveUp}: this was the last check; {@code reason}: why nothing was published; {@code message}: the
 * text that was published.
 */
public record StatusResult(String status, Boolean notified, Boolean gaveUp, String reason, String message) {
    public static final String COMPLETED = "Completed";
    public static final String IN_PROGRESS = "InProgress";

    static StatusResult stillInProgress() {
        return new StatusResult(IN_PROGRESS, null, null, null, null);
    }
}
