package siteops.purge;

/**
 * CloudFront did not accept the purge for a reason that is not the editor's input (limits in progress,
 * throttling, permissions, a stale registry entry). The message says what happened and what to do.
 */
public final class PurgeFailedException extends RuntimeException {
    public PurgeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
