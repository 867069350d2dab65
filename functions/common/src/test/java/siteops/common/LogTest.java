package siteops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
