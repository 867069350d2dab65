package siteops.maintenance.rules;

/** A maintenance window schedule this function cannot evaluate; the message quotes the expression and the part. */
public final class ScheduleException extends RuntimeException {
    public ScheduleException(String message) {
        super(message);
    }
}
