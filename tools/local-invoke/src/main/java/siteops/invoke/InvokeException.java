package siteops.invoke;

/** A problem with the command line, the template or the env-vars file; bin/invoke prints it and exits 2. */
final class InvokeException extends RuntimeException {
    InvokeException(String message) {
        super(message);
    }
}
