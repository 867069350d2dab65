package siteops.fleet;

/** A command line bin/fleet cannot act on; found before any AWS call, answered with exit code 2 and the usage. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
