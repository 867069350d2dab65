package siteops.common;

/**
 * The one base of every function's bad-input error: the event cannot be acted on as sent, and the message names
 * the field and the fix. {@link JsonInvocation} logs it as a refusal (metric {@code BadInput}) rather than a
 * failure, so an editor's typo pages nobody. Nothing has been sent anywhere when it is thrown.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
