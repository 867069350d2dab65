package siteops.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the project's bin/ commands, or any program, as a user would, with a controlled environment and stdin. */
public final class CommandRun {
    /** What the command printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private CommandRun() {}

    /**
     * Runs {@code bin/<command> args...} from the project root. The child gets PATH, HOME and JAVA_HOME of this
     * JVM plus {@code environment}; nothing else leaks in (so tests control every AWS_* variable).
     */
    public static Result run(String command, List<String> args, Map<String, String> environment, String stdin) {
        return run(command, args, environment, stdin, DEFAULT_TIMEOUT);
    }

    /** {@link #run}, for a command that may take longer than two minutes on a busy machine (bin/demo). */
    public static Result run(String command, List<String> args, Map<String, String> environment, String stdin, Duration timeout) {
        Path root = ProjectRoot.path();
        List<String> argv = new ArrayList<>();
        argv.add(root.resolve("bin").resolve(command).toString());
        argv.addAll(args);
        return exec(argv, root, environment, stdin, timeout);
    }

    /** Runs one line of shell, as a reader types it from a README, in the project root (same environment rules). */
    public static Result shell(String line, Map<String, String> environment) {
        return exec(List.of("bash", "-c", line), ProjectRoot.path(), environment, null);
    }

    /**
     * Runs any program ({@code argv[0]} found on PATH) in {@code directory}, with the same controlled environment
     * as {@link #run}: PATH, HOME, JAVA_HOME, LANG, TMPDIR of this JVM plus {@code environment}.
     */
    public static Result exec(List<String> argv, Path directory, Map<String, String> environment, String stdin) {
        return exec(argv, directory, environment, stdin, DEFAULT_TIMEOUT);
    }

    private static Result exec(List<String> argv, Path directory, Map<String, String> environment, String stdin, Duration timeout) {
        String command = String.join(" ", argv.subList(0, Math.min(argv.size(), 3)));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        for (String keep : List.of("PATH", "HOME", "JAVA_HOME", "LANG", "TMPDIR", "PYENV_ROOT")) {
            String value = System.getenv(keep);
            if (value != null) {
                env.put(keep, value);
            }
        }
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(environment);
        try {
            Process process = builder.start();
            var stdout = process.getInputStream();
            var stderr = process.getErrorStream();
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            Thread outReader = Thread.ofVirtual().start(() -> copy(stdout, out));
            Thread errReader = Thread.ofVirtual().start(() -> copy(stderr, err));
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                // Politely first, so a command that started servers (bin/local, bin/demo) stops them on its way out.
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                throw new IllegalStateException(command + " did not finish within " + timeout.toSeconds() + " s");
            }
            outReader.join();
            errReader.join();
            return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void copy(java.io.InputStream from, java.io.OutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }
}
