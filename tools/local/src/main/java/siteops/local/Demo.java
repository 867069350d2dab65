package siteops.local;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * bin/demo: siteops on the sample data, locally, with no AWS account and no Docker. Starts its own emulator and
 * stand-ins (state folder .siteops/demo or SITEOPS_DEMO_DIR, so a running bin/local is left alone), invokes each function on events/
 * with bin/invoke, shows what it returned and what the services received, and explains where the emulator's
 * answers differ from AWS's.
 *
 * <pre>Demo [all|purge|health|maintenance]</pre>
 */
public final class Demo {
    static final List<String> PARTS = List.of("all", "purge", "health", "maintenance");
    private static final ObjectWriter PRETTY = EmulatorState.JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n")).withArrayIndenter(new DefaultIndenter("    ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator("")));

    private final Path root;
    private final LocalEmulator emulator;
    private final Path logs;
    private final Path check;
    private final PrintStream out;
    private Map<String, String> environment;
    private String envVars;

    Demo(Path root, Path stateDir, PrintStream out, PrintStream err) {
        this.root = root;
        this.emulator = new LocalEmulator(root, stateDir, null, out, err);
        Path dir = stateDir.toAbsolutePath().normalize();
        this.logs = dir.resolveSibling(dir.getFileName() + "-functions.log");
        this.check = dir.resolveSibling(dir.getFileName() + "-check.json");
        this.out = out;
    }

    public static void main(String[] args) {
        LocalCommand.quietSlf4j();
        PrintStream out = LocalCommand.utf8(FileDescriptor.out);
        PrintStream err = LocalCommand.utf8(FileDescriptor.err);
        String part = args.length == 0 ? "all" : args[0];
        if (args.length > 1 || !PARTS.contains(part)) {
            err.println("usage: bin/demo [all|purge|health|maintenance]");
            System.exit(2);
        }
        Path root = LocalCommand.projectRoot();
        // Not SITEOPS_LOCAL_DIR: that names the user's own bin/local, which the demo must leave running.
        String dir = System.getenv("SITEOPS_DEMO_DIR");
        Demo demo = new Demo(root, dir == null || dir.isEmpty() ? root.resolve(".siteops/demo") : Path.of(dir), out, err);
        // Stopped at any end, Ctrl-C included.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> demo.emulator.down(false, true)));
        try {
            demo.run(part);
        } catch (LocalException | UncheckedIOException e) {
            out.flush();
            err.println("bin/demo: " + e.getMessage());
            System.exit(1);
        }
        out.flush();
        System.exit(0);
    }

    void run(String part) {
        emulator.up(true);
        environment = emulator.environment();
        envVars = environment.get("SITEOPS_ENV_VARS");
        try {
            Files.createDirectories(logs.getParent());
            Files.writeString(logs, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logs, e);
        }
        out.println("== AWS emulator (moto_server) on " + environment.get("AWS_ENDPOINT_URL") + "; function logs go to " + relative(logs));
        if (part.equals("all") || part.equals("purge")) {
            purge();
        }
        if (part.equals("all") || part.equals("health")) {
            health();
        }
        if (part.equals("all") || part.equals("maintenance")) {
            maintenance();
        }
        out.printf("%n== what the services received%n");
        new Received(emulator.running(), out).print();
        out.printf("%n== done; function logs (JSON lines with request ids): %s%n", relative(logs));
        out.println("   to keep the emulator running between your own bin/invoke calls: bin/local up (README: Running a function locally)");
    }

    private void purge() {
        out.printf("%n== CDN purge: Slack /purge -> CdnPurgeFunction -> CloudFront invalidation (site example-news)%n");
        show("an editor purges two paths", "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json", "--env-vars", envVars);
        Invocation japanese = invoke("CdnPurgeFunction", "-e", "events/cdn-purge/purge-urls-japanese.json", "--env-vars", envVars);
        out.printf("%n-- Japanese URLs of the site, one text as a Chatbot alias sends it%n"
                + "$ bin/invoke CdnPurgeFunction -e events/cdn-purge/purge-urls-japanese.json --env-vars ...%n");
        out.println(pretty(japanese.stdout()));
        String invalidation = json(japanese.stdout()).path("invalidationId").asText("");
        if (invalidation.isEmpty()) {
            throw new LocalException("the purge of Japanese URLs returned no invalidationId (exit " + japanese.exitCode()
                    + "); its log: " + relative(logs));
        }
        show("another site's URL is refused, nothing is purged", "CdnPurgeFunction", "-e", "events/cdn-purge/bad-foreign-domain.json", "--env-vars", envVars);
        show("an unknown site is refused with the registered ones", "CdnPurgeFunction", "-e", "events/cdn-purge/bad-unknown-site.json", "--env-vars", envVars);
        gap("moto ignores CloudFront's CallerReference: the same purge repeated within 60 s creates a second",
                "invalidation here, where CloudFront returns the first and the function answers alreadyRequested: true.");

        out.printf("%n== \"Purge done\" in Slack: the purge-completion state machine -> PurgeStatusFunction -> the site's Chatbot topic%n");
        gap("each accepted purge started an execution (see 'what the services received'); moto records it without",
                "running it, so the demo makes the state machine's check itself, 30 s later in a real account.");
        // What the state machine sends: the execution's input (the paths as typed) and lastCheck false.
        String input = checkOf("example-news-" + invalidation);
        try {
            Files.writeString(check, input + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + check, e);
        }
        out.printf("%n(the execution example-news-%s started with) %s%n", invalidation, input);
        show("the state machine's check of that invalidation (its input; events/purge-status/check.json has the same shape)",
                "PurgeStatusFunction", "-e", relative(check));
        show("an unknown site: an error naming it, nothing published", "PurgeStatusFunction", "-e", "events/purge-status/bad-unknown-site.json");
    }

    /** The purge-completion execution's input with lastCheck false: the event the state machine's check sends. */
    private String checkOf(String execution) {
        try (EmulatorClients clients = new EmulatorClients(emulator.running()); SfnClient stepFunctions = clients.stepFunctions()) {
            StateMachineListItem machine = stepFunctions.listStateMachines().stateMachines().stream()
                    .filter(m -> m.name().equals("siteops-purge-completion")).findFirst()
                    .orElseThrow(() -> new LocalException("the emulator holds no state machine siteops-purge-completion"));
            String arn = machine.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + execution;
            ObjectNode input = (ObjectNode) json(stepFunctions.describeExecution(r -> r.executionArn(arn)).input());
            return input.put("lastCheck", false).toString();
        }
    }

    private void health() {
        out.printf("%n== AWS Health -> HealthToGitHubFunction -> GitHub issues (a local stand-in for GitHub)%n");
        for (String event : List.of("issue-open", "issue-open-backup-copy", "issue-update", "two-page-2", "two-page-1",
                "japanese-text", "issue-closed", "malformed-no-event-arn")) {
            show("events/health/" + event + ".json", "HealthToGitHubFunction", "-e", "events/health/" + event + ".json", "--env-vars", envVars);
        }
    }

    private void maintenance() {
        out.printf("%n== Maintenance Window runs -> MaintenanceToPagerDutyFunction -> PagerDuty (a local stand-in)%n");
        for (String event : List.of("window-execution-failed", "task-execution-failed", "window-execution-in-progress",
                "window-execution-success", "window-disabled")) {
            show("events/maintenance/" + event + ".json", "MaintenanceToPagerDutyFunction", "-e", "events/maintenance/" + event + ".json",
                    "--env-vars", envVars);
        }
        gap("the sample events name window mw-0c50858d01a3b7e9f, which the emulator does not hold: the results carry",
                "DoesNotExistException enrichment notes and the default routing key; in an account they name the window and its site.");
        show("the hourly missing-run check (sample window example-news-backup, tagged siteops:backup=true)",
                "MaintenanceToPagerDutyFunction", "-e", "events/maintenance/scheduled-check.json", "--env-vars", envVars);
        gap("moto leaves out a window's creation date, so the brand-new sample window 'has never run' here; SSM gives",
                "the date and the function waits a full schedule period (plus MISSING_RUN_GRACE_MINUTES) before alerting.");
    }

    /** Runs one invocation and prints it as a reader would type it, its result as pretty JSON, and its exit status. */
    private void show(String title, String... args) {
        out.printf("%n-- %s%n$ bin/invoke %s%n", title, String.join(" ", args));
        Invocation invocation = invoke(args);
        out.println(pretty(invocation.stdout()));
        out.println("(exit " + invocation.exitCode() + ")");
    }

    private void gap(String... lines) {
        out.printf("%n(emulator gap) %s%n", String.join(" ", lines));
    }

    record Invocation(int exitCode, String stdout) {}

    /** bin/invoke with the emulator's environment (as eval "$(bin/local env)" sets it); its logs go to the log file. */
    private Invocation invoke(String... args) {
        List<String> argv = new ArrayList<>(List.of(root.resolve("bin/invoke").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.toFile()));
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Invocation(process.waitFor(), stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run bin/invoke: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalException("interrupted");
        }
    }

    /** The text as indented JSON, or as it is when it is not JSON. */
    static String pretty(String text) {
        try {
            return PRETTY.writeValueAsString(EmulatorState.JSON.readTree(text));
        } catch (IOException | RuntimeException e) {
            return text;
        }
    }

    private static JsonNode json(String text) {
        try {
            return EmulatorState.JSON.readTree(text);
        } catch (IOException e) {
            return EmulatorState.JSON.createObjectNode();
        }
    }

    private String relative(Path path) {
        return root.relativize(path).toString();
    }
}
