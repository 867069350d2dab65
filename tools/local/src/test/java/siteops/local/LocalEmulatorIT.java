package siteops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import siteops.testing.CommandRun;
import siteops.testing.ProjectRoot;

/**
 * bin/local as a new user meets it: up, env, every bin/invoke example of README.md and events/README.md exactly as
 * written, status, down (nothing left running, nothing left on disk). Its own state folder, so a bin/local the
 * developer keeps running is left alone.
 */
class LocalEmulatorIT {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RunningEmulator emulator = new RunningEmulator("local-it");
    static final Map<String, String> base = emulator.base;
    static final Map<String, String> env = emulator.env;

    /** The bin/invoke lines of the sh blocks of a README. */
    static List<String> invokeExamples(String readme) throws IOException {
        List<String> examples = new ArrayList<>();
        boolean inShell = false;
        for (String line : Files.readAllLines(ProjectRoot.resolve(readme))) {
            if (line.startsWith("```")) {
                inShell = line.equals("```sh");
            } else if (inShell && line.contains("bin/invoke ")) {
                examples.add(line.replaceAll("\\s+#.*$", ""));
            }
        }
        return examples;
    }

    @Test
    void envPointsEveryCallAtLoopbackWithDummyCredentials() {
        assertTrue(env.get("AWS_ENDPOINT_URL").startsWith("http://127.0.0.1:"), env.toString());
        assertTrue(env.get("AWS_ENDPOINT_URL_SSM").startsWith("http://127.0.0.1:"), env.toString());
        assertEquals("testing", env.get("AWS_ACCESS_KEY_ID"));
        assertEquals("ap-northeast-1", env.get("AWS_REGION"));
        assertTrue(Files.isRegularFile(Path.of(env.get("SITEOPS_ENV_VARS"))), env.toString());
    }

    /** A purge with "dryRun": true, or Health / Maintenance with DRY_RUN=true. */
    static boolean isDryRun(String example) {
        return example.contains("purge-check") || example.contains("DryRun=true");
    }

    @Test
    void everyReadmeInvokeExampleWorksAsWritten() throws IOException {
        List<String> examples = new ArrayList<>(invokeExamples("README.md"));
        examples.addAll(invokeExamples("events/README.md"));
        assertTrue(examples.size() >= 8, examples.toString());
        // In the READMEs' order, as a user runs them: each dry run must still have something to hold back (a purge,
        // a comment, a PagerDuty trigger), so "nothing was written" is a claim the emulator can refute.
        assertEquals(3, examples.stream().filter(LocalEmulatorIT::isDryRun).count(), examples.toString());
        Set<Integer> healthIssues = new HashSet<>();
        for (String example : examples) {
            String before = isDryRun(example) ? written() : null;
            CommandRun.Result run = CommandRun.shell(example, env);
            assertEquals(0, run.exitCode(), example + "\n" + run);
            JsonNode result = JSON.readTree(run.stdout());
            assertFalse(result.has("errorType"), example + "\n" + run);
            assertFalse(run.stdout().contains("DoesNotExist") && example.contains("scheduled-check"), example + "\n" + run);
            if (isDryRun(example)) {
                assertTrue(result.path("dryRun").asBoolean(false), example + "\n" + run);
                if (example.contains("purge-check")) {
                    assertTrue(result.path("message").asText().startsWith("Dry run, nothing was purged: a purge would invalidate"), run.toString());
                } else {
                    assertTrue(result.path("message").asText().startsWith("Dry run (DRY_RUN=true): nothing was written."), run.toString());
                    assertFalse(result.path("wouldHaveSent").isEmpty(), "a dry run that had nothing to hold back proves nothing\n" + run);
                }
                assertEquals(before, written(), "the dry run wrote: " + example);
            } else if (example.contains("CdnPurgeFunction")) {
                assertFalse(result.path("invalidationId").asText().isEmpty(), "the purge reached CloudFront\n" + run);
            } else if (example.contains("HealthToGitHubFunction")) {
                // The READMEs deliver one event (opened, updated, opened again): one issue, made by the first
                // delivery; the others update it or leave it as it is.
                String outcome = result.path("outcome").asText();
                assertTrue(healthIssues.isEmpty() ? outcome.equals("created") : Set.of("updated", "unchanged").contains(outcome),
                        example + "\n" + run);
                healthIssues.add(result.path("issueNumber").asInt());
                assertEquals(1, healthIssues.size(), "one issue for one event: " + healthIssues);
            }
        }
    }

    /**
     * What a write would change: bin/local received (CloudFront invalidations, Step Functions executions, the Slack
     * channel, GitHub issues, PagerDuty events) and the stand-ins' states: GitHub's issues, labels and non-GET calls,
     * PagerDuty's alerts, accepted and rejected events.
     */
    static String written() throws IOException {
        CommandRun.Result received = CommandRun.run("local", List.of("received"), base, null);
        assertEquals(0, received.exitCode(), received.toString());
        JsonNode state = JSON.readTree(Path.of(base.get("SITEOPS_LOCAL_DIR"), "state.json").toFile());
        ObjectNode github = (ObjectNode) JSON.readTree(fakeState(state.path("github").asText()));
        List<String> githubWrites = new ArrayList<>();
        github.remove("calls").forEach(call -> {
            if (!call.asText().startsWith("GET ")) {
                githubWrites.add(call.asText());
            }
        });
        ObjectNode pagerDuty = (ObjectNode) JSON.readTree(fakeState(state.path("pagerduty").asText().replaceFirst("/v2/enqueue$", "")));
        pagerDuty.remove("requests"); // counts the reads of its state too; an event sent shows as accepted or rejected
        return received.stdout() + "\nGitHub: " + github + "\nGitHub writes: " + githubWrites + "\nPagerDuty: " + pagerDuty;
    }

    /** A stand-in's GET /_fake/state. */
    static String fakeState(String baseUrl) throws IOException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_fake/state")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Test
    void statusNamesWhatRunsWhere() {
        CommandRun.Result status = CommandRun.run("local", List.of("status"), base, null);
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains(env.get("AWS_ENDPOINT_URL")), status.toString());
        assertTrue(status.stdout().contains("GitHub stand-in") && status.stdout().contains("running"), status.toString());
    }

    @Test
    void upTwiceKeepsTheRunningEmulator() {
        CommandRun.Result again = CommandRun.run("local", List.of("up"), base, null);
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("already running"), again.toString());
        CommandRun.Result printed = CommandRun.run("local", List.of("env"), base, null);
        assertEquals(env.get("AWS_ENDPOINT_URL"), RunningEmulator.exports(printed.stdout()).get("AWS_ENDPOINT_URL"));
    }

    @Test
    void downStopsEveryProcessUpStartedAndRemovesItsFilesAndWithCachesTheStartUpCaches() throws IOException {
        Path separate = Path.of("target", "local-it-down").toAbsolutePath();
        Path caches = Path.of("target", "local-it-caches").toAbsolutePath();
        Map<String, String> own = new HashMap<>(base);
        own.put("SITEOPS_LOCAL_DIR", separate.toString());
        own.put("SITEOPS_CACHE", caches.toString());
        assertEquals(0, CommandRun.run("local", List.of("up"), own, null).exitCode());
        assertEquals(0, CommandRun.run("invoke", List.of("--help"), own, null).exitCode());
        try (var checkouts = Files.list(caches.resolve("invoke"))) {
            assertEquals(1, checkouts.count(), "bin/invoke made this checkout's cache folder");
        }
        List<Long> pids = new ArrayList<>();
        JSON.readTree(separate.resolve("state.json").toFile()).path("processes").forEach(p -> pids.add(p.path("pid").asLong()));
        assertEquals(2, pids.size(), pids.toString());
        pids.forEach(pid -> assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "not running: " + pid));
        // What they started, taken now: once they have ended, their children belong to init and no longer show as theirs.
        List<ProcessHandle> started = new ArrayList<>();
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(started::add)));

        CommandRun.Result down = CommandRun.run("local", List.of("down", "--caches"), own, null);
        assertEquals(0, down.exitCode(), down.toString());
        try (var checkouts = Files.list(caches.resolve("invoke"))) {
            assertEquals(0, checkouts.count(), "down --caches removes this checkout's start-up caches");
        }
        for (long pid : pids) {
            assertTrue(gone(pid), "still running: " + pid);
        }
        for (ProcessHandle child : started) {
            assertTrue(gone(child.pid()), "started by up, still running: " + child.pid() + " " + child.info().commandLine().orElse(""));
        }
        assertFalse(Files.exists(separate), "state folder left behind");
        CommandRun.Result status = CommandRun.run("local", List.of("status"), own, null);
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("not running"), status.toString());
    }

    @Test
    void eachCheckoutHasItsOwnInvokeCacheAndDownCachesRemovesOnlyItsOwn() throws IOException {
        // A start-up cache base of the test's own, never the user's ~/.cache/siteops.
        Path caches = Path.of("target", "local-it-checkouts").toAbsolutePath();
        Map<String, String> own = new HashMap<>(base);
        own.put("SITEOPS_LOCAL_DIR", Path.of("target", "local-it-checkouts-state").toAbsolutePath().toString());
        own.put("SITEOPS_CACHE", caches.toString());
        Path ours = invokeCacheDir(ProjectRoot.path(), own);
        Path theirs = invokeCacheDir(ProjectRoot.path().resolveSibling("another-clone"), own);
        assertNotEquals(ours, theirs, "two checkouts, two cache folders");
        assertEquals(caches.resolve("invoke"), ours.getParent());
        assertEquals(caches.resolve("invoke"), theirs.getParent());
        Files.createDirectories(theirs);
        Files.writeString(theirs.resolve("launcher.jsa"), "the other checkout's start-up cache");

        assertEquals(0, CommandRun.run("invoke", List.of("--help"), own, null).exitCode());
        assertTrue(Files.isDirectory(ours), "bin/invoke uses the folder named after this checkout: " + ours);
        CommandRun.Result down = CommandRun.run("local", List.of("down", "--caches"), own, null);
        assertEquals(0, down.exitCode(), down.toString());
        assertFalse(Files.exists(ours), "down --caches removes this checkout's start-up caches");
        assertTrue(Files.isRegularFile(theirs.resolve("launcher.jsa")), "down --caches leaves another checkout's alone");
    }

    /** bin/lib/jdk.sh's siteops_invoke_cache_dir for a checkout at {@code root}: where bin/invoke keeps its caches. */
    static Path invokeCacheDir(Path root, Map<String, String> environment) {
        CommandRun.Result dir = CommandRun.exec(List.of("bash", "-c", ". bin/lib/jdk.sh && siteops_invoke_cache_dir \"$1\"", "cache-dir",
                root.toString()), ProjectRoot.path(), environment, null);
        assertEquals(0, dir.exitCode(), dir.toString());
        return Path.of(dir.stdout().strip());
    }

    /** True once the process has ended (an ended process may stay listed until init reaps it). */
    static boolean gone(long pid) {
        for (int i = 0; i < 50; i++) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Test
    void envBeforeUpSaysHowToStart() {
        Map<String, String> none = new HashMap<>(base);
        none.put("SITEOPS_LOCAL_DIR", Path.of("target", "local-it-never").toAbsolutePath().toString());
        CommandRun.Result printed = CommandRun.run("local", List.of("env"), none, null);
        assertEquals(1, printed.exitCode(), printed.toString());
        assertTrue(printed.stderr().contains("bin/local up"), printed.toString());
        assertEquals("", printed.stdout());
    }
}
