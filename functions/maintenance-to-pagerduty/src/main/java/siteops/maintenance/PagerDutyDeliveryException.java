package siteops.maintenance;

/**
 * PagerDuty did not accept an event: refused it (400, the message carries PagerDuty's errors) or stayed
 * unavailable through every retry. Never carries the routing key. The invocation fails, so Lambda retries it and
 * the on-failure destination keeps it.
 */
public final class PagerDutyDeliveryException extends RuntimeException {
    public PagerDutyDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
