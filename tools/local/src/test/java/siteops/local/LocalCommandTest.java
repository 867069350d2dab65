package siteops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return LocalCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryVerb() {
        assertEquals(0, run("help"));
        for (String verb : List.of("up [--quiet]", "env", "status", "down [--caches]", "received")) {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("  " + verb), verb);
        }
    }

    @Test
    void anUnknownVerbIsNamedWithTheHelp() {
        assertEquals(2, run("start"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("bin/local: unknown command 'start' (did you mean up?)\n"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("down [--caches]"));
        err.reset();
        assertEquals(2, run("stop"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("bin/local: unknown command 'stop' (did you mean down?)\n"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("bin/local: unknown command 'frobnicate'\n"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownOptionIsRefusedNotIgnored() {
        assertEquals(2, run("up", "--quite"));
        assertEquals("bin/local: up takes only --quiet, not '--quite' (bin/local help)\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("env", "--caches"));
        assertEquals("bin/local: env takes no arguments, not '--caches' (bin/local help)\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void placeholdersOfTheSampleDataAreFilledAndAnUnknownOneIsNamed() {
        assertEquals("http://127.0.0.1:1/v2/enqueue", SampleData.fill("{pagerduty_url}/v2/enqueue", Map.of("pagerduty_url", "http://127.0.0.1:1")));
        assertEquals("no placeholder", SampleData.fill("no placeholder", Map.of()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SampleData.fill("{github_tokn}", Map.of("github_token", "t")));
        assertEquals("sample-data.json: unknown placeholder {github_tokn} (known: github_token)", unknown.getMessage());
    }

    @Test
    void theDemoIndentsJsonResultsAndShowsAnythingElseAsItIs() {
        assertEquals("{\n    \"a\": [],\n    \"b\": \"記事\"\n}", Demo.pretty("{\"a\":[],\"b\":\"記事\"}"));
        assertEquals("not json: boom", Demo.pretty("not json: boom"));
    }
}
