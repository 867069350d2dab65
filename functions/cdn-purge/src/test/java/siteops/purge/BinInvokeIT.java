package siteops.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import siteops.common.Json;
import siteops.testing.CommandRun;
import siteops.testing.MotoServer;
import siteops.testing.SampleSite;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** bin/invoke's contract, as a user of `sam local invoke` expects it, on the packaged CdnPurgeFunction jar. */
@ExtendWith(MotoServer.class)
class BinInvokeIT {
    final MotoServer moto;
    String distributionId;

    BinInvokeIT(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void registerSite() {
        moto.reset();
        distributionId = SampleSite.register(moto);
    }

    CommandRun.Result invoke(Map<String, String> extraEnv, String stdin, String... args) {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.putAll(extraEnv);
        return CommandRun.run("invoke", List.of(args), env, stdin);
    }

    static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void stdoutIsExactlyTheHandlersResultAndLogsGoToStderr() throws IOException {
        CommandRun.Result run = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = json(run.stdout());
        assertEquals(Set.of("site", "distributionId", "invalidationId", "status", "paths", "callerReference", "createTime",
                "alreadyRequested", "notes", "message"),
                fieldNames(result));
        try (CloudFrontClient cloudFront = SampleSite.cloudFront(moto)) {
            var stored = cloudFront.getInvalidation(r -> r.distributionId(distributionId).id(result.get("invalidationId").asText()));
            assertEquals(List.of("/index.html", "/news/*"), stored.invalidation().invalidationBatch().paths().items());
        }
        List<JsonNode> logs = run.stderr().lines().filter(l -> l.startsWith("{")).map(BinInvokeIT::parse).toList();
        assertTrue(logs.stream().anyMatch(l -> l.path("message").asText().equals("invalidation created")), run.stderr());
        for (JsonNode line : logs) {
            assertEquals("siteops-cdn-purge", line.path("function").asText(), "function name resolved from FunctionName !Sub");
            assertTrue(line.path("requestId").asText().matches("[0-9a-f-]{36}"), "request id from the Lambda context: " + line);
        }
    }

    @Test
    void stdoutStaysCleanWhileTheStartUpCachesAreCreated(@TempDir Path emptyCache) throws IOException {
        CommandRun.Result run = invoke(Map.of("SITEOPS_CACHE", emptyCache.toString()), null,
                "CdnPurgeFunction", "-e", "events/cdn-purge/bad-unknown-site.json");
        Path cache = emptyCache.resolve("invoke");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("siteops.purge.PurgeRequestException", json(run.stdout()).get("errorType").asText(), run.toString());
        try (var files = Files.list(cache)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("CdnPurgeFunction-")), "the function's cache was made");
        }
    }

    @Test
    void aFailingHandlerPrintsLambdasErrorObjectAndExitsNonZero() throws IOException {
        CommandRun.Result run = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/cdn-purge/bad-foreign-domain.json");
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode error = json(run.stdout());
        assertEquals(Set.of("errorType", "errorMessage"), fieldNames(error));
        assertEquals("siteops.purge.PurgeRequestException", error.get("errorType").asText());
        assertTrue(error.get("errorMessage").asText().contains("not on site 'example-news'"), run.toString());
        try (CloudFrontClient cloudFront = SampleSite.cloudFront(moto)) {
            assertEquals(0, cloudFront.listInvalidations(r -> r.distributionId(distributionId)).invalidationList().quantity());
        }
    }

    @Test
    void readsTheEventFromStdinWithADash() throws IOException {
        CommandRun.Result run = invoke(Map.of(), "{\"site\": \"example-news\", \"paths\": \"/ニュース/\"}", "CdnPurgeFunction", "-e", "-");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/", json(run.stdout()).get("paths").get(0).asText());
    }

    @Test
    void envVarsFileOverridesTemplateDefaultsFunctionSectionWinningOverParameters(@TempDir Path dir) throws IOException {
        try (SsmClient ssm = SampleSite.ssm(moto)) {
            ssm.putParameter(r -> r.name("/other/sites/moved").type("String")
                    .value("{\"distributionId\": \"" + distributionId + "\", \"aliases\": [\"www.example.jp\"]}"));
        }
        Path envVars = dir.resolve("env.json");
        Files.writeString(envVars, """
                {"Parameters": {"SITES_PARAMETER_PREFIX": "/wrong/", "NOT_DECLARED": "x"},
                 "CdnPurgeFunction": {"SITES_PARAMETER_PREFIX": "/other/sites/"}}
                """);
        CommandRun.Result run = invoke(Map.of(), "{\"site\": \"moved\", \"paths\": \"/\"}",
                "CdnPurgeFunction", "-e", "-", "--env-vars", envVars.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("ignoring NOT_DECLARED"), run.stderr());

        Files.writeString(envVars, "{\"Parameters\": {\"SITES_PARAMETER_PREFIX\": \"/other/sites/\"}}");
        assertEquals(0, invoke(Map.of(), "{\"site\": \"moved\", \"paths\": \"/\"}",
                "CdnPurgeFunction", "-e", "-", "--env-vars", envVars.toString()).exitCode(), "Parameters apply to every function");
    }

    @Test
    void theShellDoesNotOverrideTemplateVariablesOnlyAwsSettings() throws IOException {
        CommandRun.Result run = invoke(Map.of("SITES_PARAMETER_PREFIX", "/other/sites/"), null,
                "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(0, run.exitCode(), "the template default /siteops/sites/ still applies: " + run);

        CommandRun.Result unreachable = invoke(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9"), null,
                "CdnPurgeFunction", "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(1, unreachable.exitCode(), "AWS_ENDPOINT_URL from the shell reaches the function: " + unreachable);
    }

    /** A template of one function on the purge jar, with the given handler and timeout. */
    static Path template(Path dir, String handler, int timeoutSeconds) throws IOException {
        Path jar = siteops.testing.ProjectRoot.resolve("functions/cdn-purge/target/cdn-purge.jar");
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
                """.formatted(jar, handler, timeoutSeconds));
        return template;
    }

    @Test
    void aFunctionThatOutlivesItsTimeoutIsStoppedWithLambdasTimeoutError(@TempDir Path dir) throws IOException {
        // A server that accepts connections and never answers: the SSM read hangs past the 1 s timeout.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            CommandRun.Result run = invoke(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + silent.getLocalPort()),
                    null, "Fn", "-t", template(dir, "siteops.purge.PurgeHandler::handleRequest", 1).toString(),
                    "-e", "events/cdn-purge/purge-paths.json");
            assertEquals(1, run.exitCode(), run.toString());
            JsonNode error = json(run.stdout());
            assertEquals("Sandbox.Timedout", error.get("errorType").asText());
            assertTrue(error.get("errorMessage").asText().contains("Task timed out after 1.00 seconds"), run.toString());
        }
    }

    @Test
    void aHandlerThatCannotBeLoadedIsReportedAsTheFunctionsError(@TempDir Path dir) throws IOException {
        CommandRun.Result run = invoke(Map.of(), null, "Fn", "-t", template(dir, "siteops.purge.NoSuchHandler::handleRequest", 5).toString(),
                "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("java.lang.ClassNotFoundException", json(run.stdout()).get("errorType").asText(), run.toString());
    }

    @Test
    void usageErrorsExitWithTwoAndNameTheProblem() {
        CommandRun.Result unknown = invoke(Map.of(), null, "NoSuchFunction", "-e", "events/cdn-purge/purge-paths.json");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("no function 'NoSuchFunction'") && unknown.stderr().contains("CdnPurgeFunction"), unknown.stderr());
        assertEquals("", unknown.stdout());

        CommandRun.Result missingEvent = invoke(Map.of(), null, "CdnPurgeFunction", "-e", "events/none.json");
        assertEquals(2, missingEvent.exitCode());
        assertTrue(missingEvent.stderr().contains("events/none.json"), missingEvent.stderr());
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
