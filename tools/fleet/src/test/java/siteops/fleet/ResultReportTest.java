package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.Json;

class ResultReportTest {
    private static InstanceResult result(String site, String id, String status, String details, int exit, String output) {
        return new InstanceResult(id, site, "prod", status, details, exit, Duration.ofSeconds(75), output, true, null);
    }

    @Test
    void linesPerInstanceThenFailureOutputThenTheSummary() {
        var report = new ResultReport(List.of("cmd-1"), List.of(
                result("news", "i-2", "Failed", "Failed", 1, "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"),
                result("corporate", "i-1", "Success", "Success", 0, "fine\n")));
        assertEquals("""
                SITE       ENV   INSTANCE             STATUS   EXIT  DURATION
                corporate  prod  i-1                  Success     0  1m15s
                news       prod  i-2                  Failed      1  1m15s

                --- news i-2 Failed: last 10 lines of output
                    c
                    d
                    e
                    f
                    g
                    h
                    i
                    j
                    k
                    l

                1 succeeded, 1 failed
                """, report.text());
        assertEquals(1, report.exitCode());
    }

    @Test
    void exitCodeIsZeroOnlyWhenEveryInstanceSucceeded() {
        assertEquals(0, new ResultReport(List.of("c"), List.of(result("a", "i-1", "Success", "Success", 0, ""))).exitCode());
        assertEquals(1, new ResultReport(List.of("c"), List.of(result("a", "i-1", "Cancelled", "Cancelled", -1, ""))).exitCode());
        assertEquals(1, new ResultReport(List.of(), List.of()).exitCode(), "nothing targeted is not a success");
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        JsonNode json = Json.MAPPER.readTree(new ResultReport(List.of("cmd-1"), List.of(
                result("news", "i-2", "TimedOut", "ExecutionTimedOut", -1, "waiting"))).json());
        assertEquals("cmd-1", json.get("commandId").asText());
        assertEquals("timed out", json.at("/instances/0/status").asText());
        assertTrue(json.at("/instances/0/exitCode").isInt());
        assertEquals(-1, json.at("/instances/0/exitCode").asInt());
        assertEquals("waiting", json.at("/instances/0/output").asText());
        assertEquals(0, json.get("succeeded").asInt());
        assertEquals(1, json.get("failed").asInt());
    }

    @Test
    void aTruncatedOutputWithoutTheWholeTextSaysSo() {
        var truncated = new InstanceResult("i-1", "news", "prod", "Failed", "Failed", 1, null, "x".repeat(2500), false, null);
        assertTrue(new ResultReport(List.of("c"), List.of(truncated)).text().contains("SSM kept only the first 2,500 characters"));
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "59, 59s", "60, 1m00s", "3725, 62m05s"})
    void durations(long seconds, String text) {
        assertEquals(text, ResultReport.duration(Duration.ofSeconds(seconds)));
    }
}
