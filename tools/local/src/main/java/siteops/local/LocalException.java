package siteops.local;

/** A failure of a bin/local verb the user can act on: printed as "bin/local: message", exit 1. */
final class LocalException extends RuntimeException {
    LocalException(String message) {
        super(message);
    }
}
