package siteops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import siteops.testing.CommandRun;

/**
 * bin/demo end to end, as a new user runs it: every function on the sample events, the emulator's gaps explained
 * where its answers differ from AWS's, what the services received, and nothing of its own left running afterwards.
 */
class DemoIT {
    /** The user's own bin/local, running while the demo runs: the demo must leave it alone. */
    @RegisterExtension
    static final RunningEmulator users = new RunningEmulator("demo-it-users-own");

    @Test
    void theWholeDemoRunsAndStopsItsEmulatorButNotTheUsers() throws InterruptedException {
        Path state = Path.of("target", "demo-it").toAbsolutePath();
        Map<String, String> env = new HashMap<>(users.base);
        env.put("SITEOPS_DEMO_DIR", state.toString());
        // The processes the demo's emulator runs, as its state.json records them while it runs, and what they started.
        Map<Long, ProcessHandle> demos = new ConcurrentHashMap<>();
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    LocalEmulatorIT.JSON.readTree(state.resolve("state.json").toFile()).path("processes")
                            .forEach(p -> ProcessHandle.of(p.path("pid").asLong()).ifPresent(process -> {
                                demos.putIfAbsent(process.pid(), process);
                                process.descendants().forEach(child -> demos.putIfAbsent(child.pid(), child));
                            }));
                } catch (IOException e) {
                    // not written yet, or being written
                }
                try {
                    Thread.sleep(200); // after a failed read too: no busy loop beside the demo until state.json exists
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        // About 20 cold JVM starts: minutes on a busy machine.
        CommandRun.Result demo = CommandRun.run("demo", List.of(), env, null, Duration.ofMinutes(6));
        watcher.interrupt();
        watcher.join();
        assertEquals(0, demo.exitCode(), demo.toString());
        String out = demo.stdout();
        // The suite built every jar just before: a demo right after a build must not build again.
        assertFalse(out.contains("== building"), out);
        for (String section : List.of("== CDN purge", "== \"Purge done\" in Slack", "== AWS Health", "== Maintenance Window runs",
                "== what the services received", "== done")) {
            assertTrue(out.contains(section), section + "\n" + out);
        }
        assertTrue(out.contains("(emulator gap) moto ignores CloudFront's CallerReference"), out);
        assertTrue(out.contains("(emulator gap) moto leaves out a window's creation date"), out);
        // The results, indented as JSON, and the Japanese text as written, not escaped.
        assertTrue(out.contains("\n    \"outcome\": \"created\",\n"), out);
        assertTrue(out.contains("/イベント/*"), out);
        assertFalse(out.contains("\\u"), out);
        // The purge-completion check the demo made from the execution's input reached the Slack channel stand-in.
        assertTrue(out.contains("(the execution example-news-"), out);
        assertTrue(out.contains("-chatbot-slack: :white_check_mark: Purge done on www.example.jp"), out);
        assertTrue(out.contains("#1 [closed] AWS Health"), out);
        assertTrue(out.contains("trigger  siteops/maintenance-window/"), out);
        assertFalse(Files.exists(state), "the demo's emulator state left behind");
        assertTrue(demos.size() >= 2, "the demo's moto_server and stand-ins were seen running: " + demos.keySet());
        for (ProcessHandle process : demos.values()) {
            assertTrue(LocalEmulatorIT.gone(process.pid()), "the demo's process still running: " + process.pid() + " "
                    + process.info().commandLine().orElse(""));
        }
        CommandRun.Result status = CommandRun.run("local", List.of("status"), users.base, null);
        assertEquals(0, status.exitCode(), "the user's bin/local still runs after the demo\n" + status);
        assertTrue(Files.isRegularFile(Path.of("target", "demo-it-functions.log")), "the functions' logs are kept for reading");
    }

    @Test
    void anUnknownPartIsRefusedWithTheUsage() {
        CommandRun.Result demo = CommandRun.run("demo", List.of("everything"), Map.of(), null);
        assertEquals(2, demo.exitCode(), demo.toString());
        assertTrue(demo.stderr().contains("usage: bin/demo [all|purge|health|maintenance]"), demo.toString());
    }
}
