package siteops.health;

import java.time.Duration;

/**
 * A GitHub call failed and the invocation fails with it, so Lambda's retries and then the on-failure destination
 * (the DLQ) take the event over. The message says what was being done, GitHub's status and what to do; it never
 * holds the token. Not final: {@link IssueGoneException} is the one failure the service handles itself.
 */
public class GitHubCallException extends RuntimeException {
    private final int status;
    private final Duration retryAfter;

    public GitHubCallException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** GitHub's HTTP status, or -1 when no answer came. */
    public int status() {
        return status;
    }

    /** How long GitHub asked us to wait (rate limits), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
