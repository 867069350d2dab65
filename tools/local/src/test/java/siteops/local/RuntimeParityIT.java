package siteops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import siteops.testing.CommandRun;
import siteops.testing.ProjectRoot;

/**
 * The deployable jar under AWS's own runtime interface client (what Lambda's java21 runtime runs), fed one event by a
 * small Runtime API stub on loopback, answers as bin/invoke does for the same event: the same result field by field
 * (but for a new invalidation's id and times and the seconds a purge took), the same error object. Each of the four
 * jars: a purge and a purge-status result and error, a maintenance result, a Health error.
 */
class RuntimeParityIT {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RunningEmulator emulator = new RunningEmulator("parity-it");

    /** What the runtime client posted back: "response" or "error", and the body. */
    record Answer(String kind, String body, String errorTypeHeader) {}

    /** The runtime client's answer to one event, which must be of the given kind ("response" or "error"), as JSON. */
    static JsonNode answered(String kind, String logicalId, String jar, Path event) throws Exception {
        Answer real = underRuntimeClient(logicalId, jar, event);
        assertEquals(kind, real.kind(), real.toString());
        return JSON.readTree(real.body());
    }

    /** Runs one event through the runtime interface client and the Runtime API stub. */
    static Answer underRuntimeClient(String logicalId, String jar, Path event) throws Exception {
        // The handler as template.yaml names it: bin/invoke --debug prints the function JVM's command line.
        CommandRun.Result debug = CommandRun.run("invoke", List.of(logicalId, "--debug", "-n", emulator.env.get("SITEOPS_ENV_VARS")),
                emulator.env, null);
        List<String> argv = List.of(debug.stderr().lines().filter(l -> l.contains("siteops.invoke.LambdaShim")).findFirst()
                .orElseThrow(() -> new AssertionError(debug.toString())).split(" "));
        String handler = argv.get(argv.indexOf("siteops.invoke.LambdaShim") + 1);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        byte[] body = Files.readAllBytes(event);
        String requestId = UUID.randomUUID().toString();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        api.createContext("/2018-06-01/runtime/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] received = exchange.getRequestBody().readAllBytes();
            if (path.endsWith("/invocation/next")) {
                if (answer.isDone()) {
                    return; // the second poll waits, like Lambda between invocations, until the runtime is stopped
                }
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", requestId);
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:ap-northeast-1:123456789012:function:" + logicalId);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                String kind = path.endsWith("/response") ? "response" : "error";
                answer.complete(new Answer(kind, new String(received, StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                exchange.sendResponseHeaders(202, -1);
            }
            exchange.close();
        });
        api.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        api.start();
        List<String> classPath = new ArrayList<>(List.of(ProjectRoot.resolve(jar).toString()));
        for (Class<?> type : List.of(AWSLambda.class, Context.class,
                Class.forName("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer"))) {
            classPath.add(location(type));
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ErrorFile=target/hs_err_runtime_client.log", "-cp", String.join(File.pathSeparator, classPath), AWSLambda.class.getName(), handler)
                .redirectErrorStream(true).redirectOutput(Path.of("target", "runtime-client.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(emulator.env);
        env.putAll(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort(),
                "AWS_LAMBDA_FUNCTION_NAME", logicalId, "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512", "_HANDLER", handler, "SITES_PARAMETER_PREFIX", "/siteops/sites/"));
        JSON.readTree(Path.of(emulator.env.get("SITEOPS_ENV_VARS")).toFile()).path(logicalId)
                .properties().forEach(variable -> env.put(variable.getKey(), variable.getValue().asText()));
        Process runtime = builder.start();
        try {
            return answer.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer from the runtime client: " + Files.readString(Path.of("target", "runtime-client.log")), e);
        } finally {
            runtime.destroyForcibly();
            runtime.waitFor(10, TimeUnit.SECONDS);
            api.stop(0);
            ((java.util.concurrent.ExecutorService) api.getExecutor()).shutdownNow();
        }
    }

    static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    static JsonNode binInvoke(String logicalId, String event) throws Exception {
        CommandRun.Result run = CommandRun.run("invoke", List.of(logicalId, "-e", event, "-n", emulator.env.get("SITEOPS_ENV_VARS")),
                emulator.env, null);
        return JSON.readTree(run.stdout());
    }

    /** The same error object: fields, type and message equal; both with a stack (whose lines differ by runtime). */
    static void assertSameError(JsonNode theirs, JsonNode ours) {
        assertEquals(fieldNames(theirs), fieldNames(ours), theirs.toString());
        assertEquals(theirs.get("errorType"), ours.get("errorType"));
        assertEquals(theirs.get("errorMessage"), ours.get("errorMessage"));
        assertTrue(ours.get("stackTrace").size() > 0 && theirs.get("stackTrace").size() > 0, theirs.toString());
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aPurgeAnswersTheSameUnderBothRuntimesButForItsIdAndTimes() throws Exception {
        String event = "events/cdn-purge/purge-paths.json";
        JsonNode theirs = answered("response", "CdnPurgeFunction", "functions/cdn-purge/target/cdn-purge.jar", ProjectRoot.resolve(event));
        JsonNode ours = binInvoke("CdnPurgeFunction", event);
        assertEquals(fieldNames(theirs), fieldNames(ours));
        // Two purges, two invalidations: every field equal but the invalidation's id and the times.
        String theirId = theirs.path("invalidationId").asText();
        String ourId = ours.path("invalidationId").asText();
        for (String field : fieldNames(ours)) {
            switch (field) {
                case "invalidationId" -> assertTrue(!theirId.isEmpty() && !ourId.isEmpty() && !theirId.equals(ourId), theirId + " " + ourId);
                case "createTime" -> assertTrue(Instant.parse(theirs.get(field).asText()).isBefore(Instant.parse(ours.get(field).asText())));
                // siteops-<hash of the paths>-<minute>: the same paths, maybe a minute later
                case "callerReference" -> assertEquals(withoutMinute(theirs.get(field)), withoutMinute(ours.get(field)));
                case "message" -> assertEquals(theirs.get(field).asText().replace(theirId, ourId), ours.get(field).asText());
                default -> assertEquals(theirs.get(field), ours.get(field), field);
            }
        }
    }

    static String withoutMinute(JsonNode callerReference) {
        return callerReference.asText().substring(0, callerReference.asText().lastIndexOf('-'));
    }

    @Test
    void anErrorObjectIsTheRuntimeClientsOne() throws Exception {
        String event = "events/cdn-purge/bad-foreign-domain.json";
        JsonNode theirs = answered("error", "CdnPurgeFunction", "functions/cdn-purge/target/cdn-purge.jar", ProjectRoot.resolve(event));
        assertSameError(theirs, binInvoke("CdnPurgeFunction", event));
    }

    @Test
    void purgeStatusAnswersTheSameUnderBothRuntimes() throws Exception {
        // A purge's invalidation to check, by hand as the README shows (events/purge-status/by-hand.json's shape).
        String id = binInvoke("CdnPurgeFunction", "events/cdn-purge/purge-paths.json").path("invalidationId").asText();
        Path event = Path.of("target", "parity-purge-status.json").toAbsolutePath();
        Files.writeString(event, JSON.createObjectNode().put("site", "example-news").put("invalidationId", id).toString());
        JsonNode theirs = answered("response", "PurgeStatusFunction", "functions/purge-status/target/purge-status.jar", event);
        JsonNode ours = binInvoke("PurgeStatusFunction", event.toString());
        assertEquals(fieldNames(theirs), fieldNames(ours));
        assertEquals("Completed", ours.path("status").asText(), ours.toString());
        assertEquals(theirs.get("status"), ours.get("status"));
        assertEquals(theirs.get("notified"), ours.get("notified"));
        assertTrue(ours.path("message").asText().contains("(invalidation " + id + ")"), ours.toString());
        // "... finished purging ... in 3 seconds": the time since the purge, which differs between the two calls.
        assertEquals(withoutElapsed(theirs.get("message")), withoutElapsed(ours.get("message")));
    }

    /** A purge-status message with its "in 1 second" / "in 3 seconds" / "in about 2 minutes" left out. */
    static String withoutElapsed(JsonNode message) {
        return message.asText().replaceFirst(" in (\\d+ seconds?|about \\d+ minutes?) ", " in (some time) ");
    }

    @Test
    void purgeStatusRefusesAnUnknownSiteWithTheSameErrorObject() throws Exception {
        String event = "events/purge-status/bad-unknown-site.json";
        JsonNode theirs = answered("error", "PurgeStatusFunction", "functions/purge-status/target/purge-status.jar", ProjectRoot.resolve(event));
        assertTrue(theirs.path("errorMessage").asText().startsWith("unknown site 'no-such-site'"), theirs.toString());
        assertSameError(theirs, binInvoke("PurgeStatusFunction", event));
    }

    @Test
    void maintenanceAnswersTheSameUnderBothRuntimes() throws Exception {
        String event = "events/maintenance/window-execution-in-progress.json";
        JsonNode theirs = answered("response", "MaintenanceToPagerDutyFunction",
                "functions/maintenance-to-pagerduty/target/maintenance-to-pagerduty.jar", ProjectRoot.resolve(event));
        assertEquals(theirs, binInvoke("MaintenanceToPagerDutyFunction", event));
    }

    @Test
    void healthRefusesBadInputWithTheSameErrorObject() throws Exception {
        String event = "events/health/malformed-no-event-arn.json";
        JsonNode theirs = answered("error", "HealthToGitHubFunction", "functions/health-to-github/target/health-to-github.jar",
                ProjectRoot.resolve(event));
        assertSameError(theirs, binInvoke("HealthToGitHubFunction", event));
    }
}
