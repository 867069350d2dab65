package siteops.invoke;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A problem with the command line, the template or the env-vars file; bin/invoke prints it and exits 2. */
final class InvokeException extends RuntimeException {
    InvokeException(String message) {
        super(message);
    }

    /** "{@code <what> <path>: no such file}". */
    static InvokeException noSuchFile(String what, Path path) {
        return new InvokeException(named(what, path) + ": no such file");
    }

    /**
     * {@link #noSuchFile}, or "cannot read ..." with the reason; the path once (the exception's own message
     * repeats it).
     */
    static InvokeException unreadable(String what, Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return noSuchFile(what, path);
        }
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        return new InvokeException("cannot read " + named(what, path) + ": " + (reason == null ? e.getClass().getSimpleName() : reason));
    }

    private static String named(String what, Path path) {
        return what.isEmpty() ? path.toString() : what + " " + path;
    }
}
