package siteops.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * bin/local: the local AWS emulator (moto_server) and the GitHub / PagerDuty stand-ins, kept running between
 * bin/invoke calls. Run by bin/local, which sets SITEOPS_ROOT (the project) and SITEOPS_INVOKE_CACHE_DIR.
 */
public final class LocalCommand {
    static final String HELP = """
            bin/local: the local AWS emulator (moto_server) and the GitHub / PagerDuty stand-ins, kept running between
            bin/invoke calls, loaded with the sample data of tools/local/sample-data.json (the same data bin/demo shows).

              up [--quiet]    start everything on free ports of 127.0.0.1 and load the sample data
              env             print the export lines for bin/invoke (endpoint, region, dummy credentials)
              status          what runs where
              down [--caches] stop exactly what up started and remove its files (--caches: bin/invoke's start-up caches too)
              received        what the emulated CloudFront, Step Functions, the Slack channel stand-in, GitHub and PagerDuty
                              have received (bin/demo prints it)

            All state lives in one folder (SITEOPS_LOCAL_DIR, default .siteops/local in the project; git-ignored).
            """;

    /** The options of each verb; anything else is refused rather than ignored. */
    private static final Map<String, Set<String>> FLAGS = Map.of("up", Set.of("--quiet"), "down", Set.of("--caches"),
            "env", Set.of(), "status", Set.of(), "received", Set.of());

    private LocalCommand() {}

    public static void main(String[] args) {
        quietSlf4j();
        PrintStream out = utf8(FileDescriptor.out);
        PrintStream err = utf8(FileDescriptor.err);
        int status = run(List.of(args), out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String verb = args.isEmpty() ? "help" : args.get(0);
        Set<String> flags = Set.copyOf(args.subList(Math.min(1, args.size()), args.size()));
        Set<String> known = FLAGS.getOrDefault(verb, Set.of());
        for (String flag : flags) {
            if (FLAGS.containsKey(verb) && !known.contains(flag)) {
                err.println("bin/local: " + verb + " takes " + (known.isEmpty() ? "no arguments" : "only " + String.join(", ", known))
                        + ", not '" + flag + "' (bin/local help)");
                return 2;
            }
        }
        LocalEmulator emulator = fromEnvironment(out, err);
        try {
            switch (verb) {
                case "up" -> emulator.up(flags.contains("--quiet"));
                case "down" -> emulator.down(flags.contains("--caches"), false);
                case "status" -> {
                    return emulator.status();
                }
                case "env" -> emulator.env();
                case "received" -> new Received(emulator.running(), out).print();
                case "help", "-h", "--help" -> out.println(HELP);
                default -> {
                    String meant = switch (verb) {
                        case "start", "run", "init" -> " (did you mean up?)";
                        case "stop", "kill", "clean" -> " (did you mean down?)";
                        case "ps", "list", "ls" -> " (did you mean status?)";
                        case "export", "vars" -> " (did you mean env?)";
                        default -> "";
                    };
                    err.println("bin/local: unknown command '" + verb + "'" + meant + "\n" + HELP);
                    return 2;
                }
            }
            return 0;
        } catch (LocalException | UncheckedIOException | SdkException e) {
            err.println("bin/local: " + e.getMessage());
            return 1;
        }
    }

    /** The emulator of this checkout: SITEOPS_LOCAL_DIR, or .siteops/local in the project. */
    static LocalEmulator fromEnvironment(PrintStream out, PrintStream err) {
        Path root = projectRoot();
        String dir = System.getenv("SITEOPS_LOCAL_DIR");
        String cache = System.getenv("SITEOPS_INVOKE_CACHE_DIR");
        return new LocalEmulator(root, dir == null || dir.isEmpty() ? root.resolve(".siteops/local") : Path.of(dir),
                cache == null || cache.isEmpty() ? null : Path.of(cache), out, err);
    }

    static Path projectRoot() {
        String root = System.getenv("SITEOPS_ROOT");
        return (root == null || root.isEmpty() ? Path.of("") : Path.of(root)).toAbsolutePath().normalize();
    }

    /** The SDK finds no SLF4J provider here (it logs nothing bin/local shows): no three-line warning about it. */
    static void quietSlf4j() {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new FileOutputStream(descriptor), true, StandardCharsets.UTF_8);
    }
}
