package siteops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import siteops.standins.FreePort;
import siteops.testing.CommandRun;
import siteops.testing.ProjectRoot;

/**
 * bin/invoke's contract, as a user of `sam local invoke` expects it, on the packaged CdnPurgeFunction jar against
 * bin/local's emulator (its own state folder).
 */
class BinInvokeIT {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RunningEmulator emulator = new RunningEmulator("invoke-it");
    static final Map<String, String> base = emulator.base;
    static final Map<String, String> env = emulator.env;

    CommandRun.Result invoke(Map<String, String> extraEnv, String stdin, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extraEnv);
        return CommandRun.run("invoke", List.of(args), all, stdin);
    }

    /** bin/invoke run from {@code directory} (not the project root), as a user in another folder types it. */
    CommandRun.Result invokeIn(Path directory, String stdin, String... args) {
        List<String> argv = new ArrayList<>(List.of(ProjectRoot.resolve("bin/invoke").toString()));
        argv.addAll(List.of(args));
        return CommandRun.exec(argv, directory, env, stdin);
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void stdoutIsExactlyTheHandlersResultAndLogsGoToStderr() throws IOException {
        CommandRun.Result run = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = json(run.stdout());
        assertEquals(Set.of("site", "distributionId", "invalidationId", "status", "paths", "callerReference", "createTime",
                "alreadyRequested", "notes", "message", "dryRun"), fieldNames(result));
        String received = CommandRun.run("local", List.of("received"), base, null).stdout();
        assertTrue(received.contains(result.get("invalidationId").asText() + ": /index.html /news/*"), received);
        List<JsonNode> logs = run.stderr().lines().filter(l -> l.startsWith("{")).map(BinInvokeIT::parse).toList();
        assertTrue(logs.stream().anyMatch(l -> l.path("message").asText().equals("invalidation created")), run.stderr());
        for (JsonNode line : logs) {
            assertEquals("siteops-cdn-purge", line.path("function").asText(), "function name resolved from FunctionName !Sub");
            assertTrue(line.path("requestId").asText().matches("[0-9a-f-]{36}"), "request id from the Lambda context: " + line);
        }
    }

    @Test
    void theFirstSuccessfulCallAfterABuildMakesTheStartUpCacheSayingSoWithStdoutClean(@TempDir Path emptyCache) throws IOException {
        List<List<String>> notes = new ArrayList<>();
        List<Boolean> made = new ArrayList<>();
        for (String event : List.of("bad-unknown-site", "purge-paths", "purge-paths")) {
            CommandRun.Result run = invoke(Map.of("SITEOPS_CACHE", emptyCache.toString()), null,
                    "CdnPurgeFunction", "-e", "events/cdn-purge/" + event + ".json");
            assertEquals(event.startsWith("bad") ? 1 : 0, run.exitCode(), run.toString());
            assertTrue(json(run.stdout()).isObject(), "stdout is the result alone: " + run);
            // bin/invoke's notes and the JVM's own (not the function's logs or the refusal's stack trace).
            notes.add(run.stderr().lines().filter(l -> l.startsWith("bin/invoke") || l.contains("AOT")).toList());
            try (var files = Files.walk(emptyCache)) {
                made.add(files.anyMatch(f -> f.getFileName().toString().matches("CdnPurgeFunction-.*\\.(aot|jsa)")));
            }
        }
        String creating = "bin/invoke: creating start-up cache for CdnPurgeFunction \\(once per build[^)]*\\), ~\\d+ s";
        if (Runtime.version().feature() < 25) {
            // JDK 21-24: the JVM makes its CDS archive at the first call's exit, whatever the call's outcome.
            assertEquals(List.of(1, 0, 0), notes.stream().map(List::size).toList(), notes.toString());
            return;
        }
        assertEquals(List.of(false, true, true), made, "the first call that succeeds makes the cache");
        assertEquals(2, notes.get(0).size(), notes.toString());
        assertTrue(notes.get(0).get(0).matches(creating), notes.toString());
        assertEquals("bin/invoke: no start-up cache from a failed call: the next call that succeeds makes it", notes.get(0).get(1));
        assertEquals(1, notes.get(1).size(), notes.toString());
        assertTrue(notes.get(1).get(0).matches(creating), notes.toString());
        assertEquals(List.of(), notes.get(2), "the next calls use it silently");
    }

    @Test
    void aFailingHandlerPrintsTheRuntimeClientsErrorObjectAndExitsNonZero() throws IOException {
        CommandRun.Result run = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/cdn-purge/bad-foreign-domain.json");
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode error = json(run.stdout());
        assertEquals(Set.of("errorType", "errorMessage", "stackTrace"), fieldNames(error));
        assertEquals("siteops.purge.PurgeRequestException", error.get("errorType").asText());
        assertTrue(error.get("errorMessage").asText().contains("not on site 'example-news'"), run.toString());
        assertTrue(error.get("stackTrace").get(0).asText().matches("siteops\\..+\\(.+\\.java:\\d+\\)"), run.toString());
    }

    @Test
    void readsTheEventFromStdinWithADashAndNoEventIsAnEmptyObject() throws IOException {
        CommandRun.Result run = invoke(Map.of(), "{\"site\": \"example-news\", \"paths\": \"/ニュース/\"}", "CdnPurgeFunction", "-e", "-");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/", json(run.stdout()).get("paths").get(0).asText());

        CommandRun.Result none = invoke(Map.of(), null, "CdnPurgeFunction", "--no-event");
        assertEquals(1, none.exitCode(), none.toString());
        assertTrue(json(none.stdout()).get("errorMessage").asText().contains("site"), "{} is refused naming a field: " + none);
    }

    @Test
    void envVarsFileChangesArePickedUpAtOnce(@TempDir Path dir) throws IOException {
        Path envVars = dir.resolve("env.json");
        Files.writeString(envVars, """
                {"Parameters": {"SITES_PARAMETER_PREFIX": "/wrong/", "NOT_DECLARED": "x"},
                 "CdnPurgeFunction": {"SITES_PARAMETER_PREFIX": "/siteops/sites/"}}
                """);
        CommandRun.Result run = invoke(Map.of(), "{\"site\": \"example-news\", \"paths\": \"/\"}",
                "CdnPurgeFunction", "-e", "-", "--env-vars", envVars.toString());
        assertEquals(0, run.exitCode(), "the function's section wins over Parameters: " + run);
        assertTrue(run.stderr().contains("ignoring NOT_DECLARED"), run.stderr());

        Files.writeString(envVars, "{\"Parameters\": {\"SITES_PARAMETER_PREFIX\": \"/wrong/\"}}");
        Files.setLastModifiedTime(envVars, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        CommandRun.Result changed = invoke(Map.of(), "{\"site\": \"example-news\", \"paths\": \"/\"}",
                "CdnPurgeFunction", "-e", "-", "-n", envVars.toString());
        assertEquals(1, changed.exitCode(), "the edited file applies on the next call: " + changed);
        assertTrue(json(changed.stdout()).get("errorMessage").asText().contains("example-news"), changed.toString());
    }

    @Test
    void relativePathsAreResolvedInTheDirectoryOfEachCall(@TempDir Path dir) throws IOException {
        Map<String, String> prefixes = new java.util.LinkedHashMap<>(Map.of("right", "/siteops/sites/", "wrong", "/wrong/"));
        for (var entry : prefixes.entrySet()) {
            Files.createDirectory(dir.resolve(entry.getKey()));
            Files.writeString(dir.resolve(entry.getKey()).resolve("env.json"),
                    "{\"CdnPurgeFunction\": {\"SITES_PARAMETER_PREFIX\": \"" + entry.getValue() + "\"}}");
        }
        // The same arguments from both folders, twice: each call reads its own env.json and writes its own log.
        for (String folder : List.of("right", "wrong", "right", "wrong")) {
            CommandRun.Result run = invokeIn(dir.resolve(folder), "{\"site\": \"example-news\", \"paths\": \"/\"}",
                    "CdnPurgeFunction", "-e", "-", "-n", "env.json", "-l", "function.log");
            assertEquals(folder.equals("right") ? 0 : 1, run.exitCode(), folder + "/env.json applies: " + run);
            assertTrue(Files.size(dir.resolve(folder).resolve("function.log")) > 0, folder + "/function.log has the logs: " + run);
        }
    }

    @Test
    void aWarmCallSkipsTheLauncherUntilTheTemplateOrTheEnvVarsFileChanges(@TempDir Path dir) throws IOException {
        Path template = template(dir, "siteops.purge.PurgeHandler::handleRequest", 30);
        Path envVars = dir.resolve("env.json");
        Files.writeString(envVars, "{}");
        List<String> args = List.of("Fn", "-t", template.toString(), "-n", envVars.toString(), "-e", "events/cdn-purge/purge-paths.json");
        assertTrue(launcherMillis(args) > 0, "a new launch runs the launcher");
        // JDK 25+: the first call made the start-up cache, which the launch names: the next call switches to it.
        launcherMillis(args);
        assertEquals(0, launcherMillis(args), "an identical call reuses the launch");
        assertEquals(0, launcherMillis(args));
        for (Path input : List.of(template, envVars)) {
            // Now, not later: a file newer than the launch written next would keep it stale.
            Files.setLastModifiedTime(input, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            assertTrue(launcherMillis(args) > 0, "the launcher runs again after " + input.getFileName() + " changes");
            assertEquals(0, launcherMillis(args), "then calls are warm again");
        }
    }

    /** launcher_ms of a successful call, from the timing line SITEOPS_INVOKE_TIMING asks for (0: the launch was reused). */
    private long launcherMillis(List<String> args) {
        CommandRun.Result run = invoke(Map.of("SITEOPS_INVOKE_TIMING", "1"), null, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        var timing = java.util.regex.Pattern.compile("(?m)^bin/invoke timing: launcher_ms=(\\d+) script_ms=\\d+$").matcher(run.stderr());
        assertTrue(timing.find(), run.stderr());
        return Long.parseLong(timing.group(1));
    }

    @Test
    void parameterOverridesReachTheFunctionsVariables() throws IOException {
        String event = "{\"site\": \"example-news\", \"paths\": \"/\"}";
        assertEquals(0, invoke(Map.of(), event, "CdnPurgeFunction", "-e", "-").exitCode(), "the default /siteops/sites/");
        CommandRun.Result wrong = invoke(Map.of(), event, "CdnPurgeFunction", "-e", "-", "--parameter-overrides", "SitesParameterPrefix=/wrong/");
        assertEquals(1, wrong.exitCode(), "SITES_PARAMETER_PREFIX is !Ref SitesParameterPrefix: " + wrong);
        assertTrue(json(wrong.stdout()).get("errorMessage").asText().contains("example-news"), wrong.toString());
    }

    @Test
    void noCacheMakesNoStartUpCache(@TempDir Path emptyCache) throws IOException {
        CommandRun.Result run = invoke(Map.of("SITEOPS_CACHE", emptyCache.toString()), null,
                "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json", "--no-cache");
        assertEquals(0, run.exitCode(), run.toString());
        assertFalse(run.stderr().contains("start-up cache"), run.stderr());
        try (var files = Files.walk(emptyCache)) {
            List<Path> caches = files.filter(f -> f.getFileName().toString().matches("CdnPurgeFunction-.*\\.(aot|jsa)")).toList();
            assertEquals(List.of(), caches);
        }
    }

    @Test
    void templateChangesArePickedUpAtOnce(@TempDir Path dir) throws IOException {
        Path template = template(dir, "siteops.purge.PurgeHandler::handleRequest", 30);
        assertEquals(0, invoke(Map.of(), null, "Fn", "-t", template.toString(), "-e", "events/cdn-purge/purge-paths.json").exitCode());
        template(dir, "siteops.purge.NoSuchHandler::handleRequest", 30);
        Files.setLastModifiedTime(template, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        CommandRun.Result changed = invoke(Map.of(), null, "Fn", "-t", template.toString(), "-e", "events/cdn-purge/purge-paths.json");
        assertEquals("java.lang.ClassNotFoundException", json(changed.stdout()).get("errorType").asText(), changed.toString());
    }

    @Test
    void theShellDoesNotOverrideTemplateVariablesOnlyAwsSettings() {
        CommandRun.Result run = invoke(Map.of("SITES_PARAMETER_PREFIX", "/other/sites/"), null,
                "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(0, run.exitCode(), "the template default /siteops/sites/ still applies: " + run);

        CommandRun.Result unreachable = invoke(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:9"),
                null, "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(1, unreachable.exitCode(), "AWS_ENDPOINT_URL from the shell reaches the function: " + unreachable);
    }

    @Test
    void regionAndProfileOptionsSetTheFunctionsVariables() throws IOException {
        CommandRun.Result run = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json",
                "--region", "us-west-2", "--profile", "nobody", "--debug");
        assertTrue(run.stderr().contains("AWS_REGION") && run.stderr().contains("AWS_PROFILE"), run.stderr());
        assertEquals(1, run.exitCode(), "the site registry lives in ap-northeast-1, not us-west-2: " + run);
        assertFalse(run.stderr().contains(env.get("AWS_SECRET_ACCESS_KEY") + " "), "--debug never prints values");
    }

    @Test
    void logFileTakesTheFunctionsLogs(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("function.log");
        CommandRun.Result run = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json", "-l", log.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.readString(log).contains("\"invalidation created\""), Files.readString(log));
        assertFalse(run.stderr().contains("invalidation created"), run.stderr());
    }

    @Test
    void dockerOnlyOptionsAreIgnoredWithOneLineEach() {
        CommandRun.Result run = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json",
                "--docker-network", "host", "--skip-pull-image", "--container-env-vars", "c.json");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(3, run.stderr().lines().filter(l -> l.startsWith("bin/invoke: ignoring --")).count(), run.stderr());
    }

    @Test
    void anEmulatorThatIsNotThereAndAMissingEndpointAreSaidInOneLine() throws IOException {
        // A shell still holding the ports of an earlier bin/local up: nothing listens there any more.
        String gone = "http://127.0.0.1:" + FreePort.find();
        CommandRun.Result stale = invoke(Map.of("AWS_ENDPOINT_URL", gone, "AWS_ENDPOINT_URL_SSM", gone), null,
                "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(1, stale.exitCode(), stale.toString());
        assertTrue(json(stale.stdout()).has("errorType"), "stdout keeps the runtime client's error object: " + stale);
        assertTrue(stale.stderr().strip().endsWith("bin/invoke: nothing answers at AWS_ENDPOINT_URL " + gone
                + ": is the emulator running (bin/local status)? Each bin/local up picks new ports: run eval \"$(bin/local env)\" again after it"),
                stale.stderr());

        // No AWS_ENDPOINT_URL: said before anything is sent (the services this call needs stay on loopback here).
        Map<String, String> noEndpoint = new HashMap<>(env);
        noEndpoint.remove("AWS_ENDPOINT_URL");
        noEndpoint.put("AWS_ENDPOINT_URL_SSM", gone);
        noEndpoint.put("AWS_ENDPOINT_URL_CLOUDFRONT", gone);
        CommandRun.Result real = CommandRun.run("invoke", List.of("CdnPurgeFunction", "-e", "events/cdn-purge/bad-malformed.json"), noEndpoint, null);
        assertEquals(1, real.exitCode(), real.toString());
        assertTrue(real.stderr().startsWith("bin/invoke: no AWS_ENDPOINT_URL: the function calls the AWS account of your credentials"
                + " (local emulator: bin/local up && eval \"$(bin/local env)\")\n"), real.stderr());
        CommandRun.Result local = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/cdn-purge/bad-malformed.json");
        assertFalse(local.stderr().contains("AWS_ENDPOINT_URL"), "no note when the emulator is set: " + local.stderr());
    }

    @Test
    void debugPortSuspendsTheFunctionUntilADebuggerAttaches() throws Exception {
        int port = FreePort.find();
        List<String> argv = List.of(ProjectRoot.resolve("bin/invoke").toString(), "CdnPurgeFunction",
                "-e", "events/cdn-purge/purge-paths.json", "-d", String.valueOf(port));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(ProjectRoot.path().toFile());
        builder.environment().putAll(env);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Socket debugger = null;
            for (int i = 0; i < 300 && debugger == null; i++) {
                try {
                    debugger = new Socket(InetAddress.getLoopbackAddress(), port);
                } catch (IOException e) {
                    assertTrue(process.isAlive(), "bin/invoke ended before listening for a debugger");
                    Thread.sleep(100);
                }
            }
            assertTrue(debugger != null, "nothing listened on " + port);
            assertTrue(process.isAlive(), "the function waits for the debugger");
            try (Socket attached = debugger; OutputStream out = attached.getOutputStream(); InputStream in = attached.getInputStream()) {
                out.write("JDWP-Handshake".getBytes(StandardCharsets.US_ASCII));
                assertEquals("JDWP-Handshake", new String(in.readNBytes(14), StandardCharsets.US_ASCII));
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the function runs once the debugger detaches");
            assertEquals(0, process.exitValue());
            assertEquals("example-news", json(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).get("site").asText());
        } finally {
            process.destroyForcibly();
        }
    }

    /** A template of one function on the purge jar, with the given handler and timeout. */
    static Path template(Path dir, String handler, int timeoutSeconds) throws IOException {
        Path jar = ProjectRoot.resolve("functions/cdn-purge/target/cdn-purge.jar");
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Metadata:
                      SiteopsArtifact: %s
                    Properties:
                      Runtime: java21
                      Handler: %s
                      Timeout: %d
                      Environment:
                        Variables:
                          SITES_PARAMETER_PREFIX: /siteops/sites/
                """.formatted(jar, handler, timeoutSeconds));
        return template;
    }

    @Test
    void aFunctionThatOutlivesItsTimeoutIsStoppedWithLambdasTimeoutError(@TempDir Path dir) throws IOException {
        // A server that accepts connections and never answers: the SSM read hangs past the 1 s timeout.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            CommandRun.Result run = invoke(Map.of("AWS_ENDPOINT_URL", endpoint, "AWS_ENDPOINT_URL_SSM", endpoint),
                    null, "Fn", "-t", template(dir, "siteops.purge.PurgeHandler::handleRequest", 1).toString(),
                    "-e", "events/cdn-purge/purge-paths.json");
            assertEquals(1, run.exitCode(), run.toString());
            JsonNode error = json(run.stdout());
            assertEquals("Sandbox.Timedout", error.get("errorType").asText());
            assertTrue(error.get("errorMessage").asText().contains("Task timed out after 1.00 seconds"), run.toString());
        }
    }

    @Test
    void usageErrorsExitWithTwoAndNameTheProblemOnce() {
        CommandRun.Result unknown = invoke(Map.of(), null, "NoSuchFunction", "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("no function 'NoSuchFunction'") && unknown.stderr().contains("CdnPurgeFunction"), unknown.stderr());
        assertEquals("", unknown.stdout());

        CommandRun.Result missingEvent = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/none.json");
        assertEquals(2, missingEvent.exitCode());
        assertEquals("bin/invoke: event events/none.json: no such file", missingEvent.stderr().strip());

        CommandRun.Result missingTemplate = invoke(Map.of(), null, "CdnPurgeFunction", "-t", "events/none.yaml", "--no-event");
        assertEquals(2, missingTemplate.exitCode());
        assertEquals("bin/invoke: template events/none.yaml: no such file", missingTemplate.stderr().strip(), "the path once");
    }

    @Test
    void helpListsOptionsFunctionsWithSampleEventsAndThePassedThroughEnvironment() {
        CommandRun.Result help = invoke(Map.of(), null, "--help");
        assertEquals(0, help.exitCode(), help.toString());
        for (String expected : List.of("--env-vars", "--debug-port", "--log-file", "--parameter-overrides", "--no-event",
                "CdnPurgeFunction", "events/cdn-purge/", "HealthToGitHubFunction", "MaintenanceToPagerDutyFunction",
                "AWS_{ACCESS_KEY_ID", "ENDPOINT_URL_<SERVICE>}", "bin/local up")) {
            assertTrue(help.stdout().contains(expected), expected + " in\n" + help.stdout());
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
