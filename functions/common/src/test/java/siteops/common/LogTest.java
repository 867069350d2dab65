package siteops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

class LogTest {
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream previous;

    @BeforeEach
    void capture() {
        previous = Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Log.setLevel(Log.Level.INFO);
        Log.beginInvocation("siteops-test", "req-1");
    }

    @AfterEach
    void restore() {
        Log.redirect(previous);
        Log.setLevel(Log.Level.INFO);
    }

    List<JsonNode> lines() throws Exception {
        return captured.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return Json.MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not one JSON object per line: " + line, e);
            }
        }).toList();
    }

    @Test
    void oneJsonObjectPerLineWithFunctionRequestIdAndFields() throws Exception {
        Log.info("purged", "site", "news", "paths", List.of("/a", "/b"), "count", 2, "detail", Map.of("k", "v"));
        JsonNode line = lines().get(0);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("siteops-test", line.get("function").asText());
        assertEquals("req-1", line.get("requestId").asText());
        assertEquals("purged", line.get("message").asText());
        assertEquals("news", line.get("site").asText());
        assertEquals(2, line.get("paths").size());
        assertEquals(2, line.get("count").asInt());
        assertEquals("v", line.get("detail").get("k").asText());
    }

    @Test
    void errorsCarryTypeMessageAndStackTraceWarningsOnlyTypeAndMessage() throws Exception {
        Log.error("failed", new IllegalStateException("boom\nsecond line"));
        Log.warn("refused", "reason", "bad input");
        List<JsonNode> lines = lines();
        assertEquals(2, lines.size(), "a multi-line message stays on one line");
        assertEquals("java.lang.IllegalStateException", lines.get(0).get("errorType").asText());
        assertTrue(lines.get(0).get("stackTrace").asText().contains("LogTest"));
        assertFalse(lines.get(1).has("stackTrace"));
    }

    @Test
    void belowTheThresholdNothingIsWritten() throws Exception {
        Log.setLevel(Log.Level.WARN);
        Log.info("quiet");
        Log.debug("quieter");
        assertTrue(lines().isEmpty());
    }

    @Test
    void theLevelComesFromAwsLambdaLogLevelInAnyCaseAndDefaultsToInfo() {
        for (Log.Level level : Log.Level.values()) {
            Log.configure(Environment.of(Map.of(Log.LEVEL_VARIABLE, level.name().toLowerCase())));
            assertEquals(level, Log.level());
        }
        Log.configure(Environment.of(Map.of("LOG_LEVEL", "DEBUG")));
        assertEquals(Log.Level.INFO, Log.level(), "only Lambda's variable counts");
    }

    @Test
    void anInvalidLevelIsAConfigurationErrorNamingTheVariable() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> Log.configure(Environment.of(Map.of(Log.LEVEL_VARIABLE, "VERBOSE"))));
        assertTrue(error.getMessage().contains("AWS_LAMBDA_LOG_LEVEL") && error.getMessage().contains("VERBOSE")
                && error.getMessage().contains("WARN"), error.getMessage());
    }

    /**
     * Lambda's documented filter for JSON application logs: the "level" field (any case) against ApplicationLogLevel;
     * a line whose level is missing or invalid counts as INFO.
     */
    static boolean lambdaKeeps(JsonNode line, Log.Level applicationLogLevel) {
        Log.Level level;
        try {
            level = Log.Level.valueOf(line.path("level").asText("").toUpperCase());
        } catch (IllegalArgumentException missingOrInvalid) {
            level = Log.Level.INFO;
        }
        return level.compareTo(applicationLogLevel) >= 0;
    }

    @ParameterizedTest
    @EnumSource(Log.Level.class)
    void metricLinesSurviveLambdasFilterAtEveryLevel(Log.Level applicationLogLevel) throws Exception {
        Log.setLevel(applicationLogLevel);
        Log.count("BadInput");
        List<JsonNode> lines = lines();
        assertEquals(1, lines.size(), "the function writes the metric line whatever its own threshold");
        assertTrue(lambdaKeeps(lines.get(0), applicationLogLevel), "Lambda keeps it at " + applicationLogLevel + ": " + lines.get(0));
        assertEquals(1, lines.get(0).get("BadInput").asInt());
    }

    @Test
    void aMetricLineWithoutALevelWouldBeDroppedAtWarnWhichIsWhyItHasOne() throws Exception {
        JsonNode unlevelled = Json.MAPPER.readTree("{\"_aws\": {}, \"BadInput\": 1}");
        assertFalse(lambdaKeeps(unlevelled, Log.Level.WARN));
        JsonNode badlyLevelled = Json.MAPPER.readTree("{\"level\": \"metric\", \"BadInput\": 1}");
        assertFalse(lambdaKeeps(badlyLevelled, Log.Level.ERROR));
    }

    @Test
    void theSdksDebugLogsAppearAtDebugOnly() throws Exception {
        var logger = LoggerFactory.getLogger("software.amazon.awssdk.request");
        logger.debug("Sending Request: {}", "GET /");
        logger.info("info {}", 1);
        assertTrue(lines().isEmpty(), "at INFO the libraries' info and debug stay out");
        Log.setLevel(Log.Level.DEBUG);
        logger.debug("Sending Request: {}", "GET /");
        logger.info("info {}", 1);
        logger.trace("trace {}", 1);
        List<JsonNode> lines = lines();
        assertEquals(2, lines.size(), captured.toString(StandardCharsets.UTF_8));
        assertEquals("DEBUG", lines.get(0).get("level").asText());
        assertEquals("Sending Request: GET /", lines.get(0).get("message").asText());
        assertEquals("software.amazon.awssdk.request", lines.get(0).get("logger").asText());
        assertEquals("INFO", lines.get(1).get("level").asText());
        Log.setLevel(Log.Level.TRACE);
        logger.trace("trace {}", 2);
        assertEquals("TRACE", lines().get(2).get("level").asText());
    }

    @Test
    void theSdksSlf4jWarningsBecomeJsonLinesAndItsDebugIsDropped() throws Exception {
        var logger = LoggerFactory.getLogger("software.amazon.awssdk.Example");
        logger.debug("request headers {}", "Authorization: secret");
        logger.info("info {}", 1);
        logger.warn("retrying {} of {}", 2, 3);
        List<JsonNode> lines = lines();
        assertEquals(1, lines.size(), captured.toString(StandardCharsets.UTF_8));
        assertEquals("retrying 2 of 3", lines.get(0).get("message").asText());
        assertEquals("software.amazon.awssdk.Example", lines.get(0).get("logger").asText());
    }

    @Test
    void countsAreEmbeddedMetricFormatLines() throws Exception {
        Log.count("BadInput");
        JsonNode line = lines().get(0);
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("siteops", directive.get("Namespace").asText());
        assertEquals("Function", directive.get("Dimensions").get(0).get(0).asText());
        assertEquals("BadInput", directive.get("Metrics").get(0).get("Name").asText());
        assertEquals("Count", directive.get("Metrics").get(0).get("Unit").asText());
        assertTrue(line.get("_aws").get("Timestamp").asLong() > 0);
        assertEquals("siteops-test", line.get("Function").asText());
        assertEquals(1, line.get("BadInput").asInt());
        assertEquals("req-1", line.get("requestId").asText());
    }

    @Test
    void aCountWithItsOwnDimensionIsTheContractDashboardsRead() throws Exception {
        Log.count("siteops/Purge", "PurgeFailures", "site", "corporate");
        JsonNode line = lines().get(0);
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("siteops/Purge", directive.get("Namespace").asText());
        assertEquals("[[\"site\"]]", directive.get("Dimensions").toString());
        assertEquals("[{\"Name\":\"PurgeFailures\",\"Unit\":\"Count\"}]", directive.get("Metrics").toString());
        assertEquals("corporate", line.get("site").asText());
        assertEquals(1, line.get("PurgeFailures").asInt());
        assertFalse(line.has("Function"), "only the declared dimension, so CloudWatch files it under [site]");
        assertEquals("siteops-test", line.get("function").asText(), "the function, as on every log line");
    }

    @Test
    void aSecretValuePassedByMistakeShowsOnlyItsId() throws Exception {
        Log.info("read", "secret", new SecretValue("siteops/github-token", "ghp_verysecret"));
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains("ghp_verysecret"));
        assertTrue(lines().get(0).get("secret").asText().contains("siteops/github-token"));
    }

    // ---- start-up

    @Test
    void aConfigurationErrorIsOneJsonErrorLineAndIsRethrown() throws Exception {
        ConfigurationException thrown = new ConfigurationException("environment variable GITHUB_REPOSITORY is not set: set it");
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> Startup.configure(Environment.of(Map.of()), env -> { throw thrown; }));
        assertSame(thrown, error, "Lambda reports the same error");
        List<JsonNode> lines = lines();
        assertEquals(1, lines.size(), captured.toString(StandardCharsets.UTF_8));
        assertEquals("ERROR", lines.get(0).get("level").asText());
        assertEquals("configuration error at start-up", lines.get(0).get("message").asText());
        assertEquals(thrown.getMessage(), lines.get(0).get("errorMessage").asText());
    }

    @Test
    void anInvalidLogLevelFailsTheStartUpWithItsOwnLine() throws Exception {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> Startup.configure(Environment.of(Map.of(Log.LEVEL_VARIABLE, "LOUD")), env -> "config"));
        assertTrue(error.getMessage().contains(Log.LEVEL_VARIABLE), error.getMessage());
        JsonNode line = lines().get(0);
        assertEquals("ERROR", line.get("level").asText());
        assertTrue(line.get("errorMessage").asText().contains("LOUD"));
    }

    @Test
    void theLevelIsAppliedBeforeTheConfigurationIsRead() throws Exception {
        String config = Startup.configure(Environment.of(Map.of(Log.LEVEL_VARIABLE, "ERROR")), env -> {
            Log.info("not shown");
            return "config";
        });
        assertEquals("config", config);
        assertEquals(Log.Level.ERROR, Log.level());
        assertTrue(lines().isEmpty());
    }
}
