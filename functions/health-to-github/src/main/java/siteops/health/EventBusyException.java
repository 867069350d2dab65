package siteops.health;

/**
 * Another invocation holds the claim on the same (event, account) for longer than this one waits: it fails, and
 * Lambda's retry brings the delivery back once the other has recorded its result (then usually nothing is new).
 */
public final class EventBusyException extends RuntimeException {
    public EventBusyException(String message) {
        super(message);
    }
}
