package siteops.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The long-running processes of bin/local: started so they outlive it (their own session, no terminal streams),
 * recognised later by pid and a word of their command line, and stopped with everything they started.
 */
final class DetachedProcesses {
    private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));
    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path))).findFirst();

    private DetachedProcesses() {}

    /** Starts {@code argv} in {@code directory}, stdin empty, stdout to {@code out}, stderr appended to {@code log}. */
    static Process start(List<String> argv, Path directory, Path out, Path log) {
        List<String> command = new ArrayList<>();
        // setsid runs the program in place (same pid) in a new session: a Ctrl-C in the shell that ran
        // bin/local up, or the shell's exit, does not reach it.
        SETSID.ifPresent(command::add);
        command.addAll(argv);
        try {
            return new ProcessBuilder(command).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.equals(log) ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code pid} runs (not an unreaped zombie) and is still the process up started. */
    static boolean alive(long pid, String marker) {
        if (PROC) {
            Path proc = Path.of("/proc", Long.toString(pid));
            try {
                String stat = Files.readString(proc.resolve("stat"), StandardCharsets.ISO_8859_1);
                if (stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z")) {
                    return false;
                }
                return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.ISO_8859_1).contains(marker);
            } catch (IOException e) {
                return false;
            }
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(true))
                .orElse(false);
    }

    /** Stops the process and every process it started: politely, then after 5 s for good. False if it was not running. */
    static boolean stop(long pid, String marker) {
        if (!alive(pid, marker)) {
            return false;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(process -> {
            tree.add(process);
            process.descendants().forEach(tree::add);
        });
        tree.forEach(ProcessHandle::destroy);
        for (int i = 0; i < 50 && tree.stream().anyMatch(p -> alive(p.pid(), "")); i++) {
            pause(100);
        }
        tree.stream().filter(p -> alive(p.pid(), "")).forEach(ProcessHandle::destroyForcibly);
        return true;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
