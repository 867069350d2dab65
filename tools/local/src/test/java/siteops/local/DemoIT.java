package siteops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    void theWholeDemoRunsAndStopsItsEmulatorButNotTheUsers() {
        Path state = Path.of("target", "demo-it").toAbsolutePath();
        Map<String, String> env = new HashMap<>(users.base);
        env.put("SITEOPS_DEMO_DIR", state.toString());
        // About 20 cold JVM starts: minutes on a busy machine.
        CommandRun.Result demo = CommandRun.run("demo", List.of(), env, null, Duration.ofMinutes(6));
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
