package siteops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class StartupTest {
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream previous;

    @BeforeEach
    void capture() {
        previous = Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Log.setLevel(Log.Level.INFO);
    }

    @AfterEach
    void restore() {
        Log.redirect(previous);
        Log.setLevel(Log.Level.INFO);
    }

    List<JsonNode> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return Json.MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not one JSON object per line: " + line, e);
            }
        }).toList();
    }

    @Test
    void aConfigurationErrorIsOneJsonErrorLineAndIsRethrown() {
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
    void anInvalidLogLevelFailsTheStartUpWithItsOwnLine() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> Startup.configure(Environment.of(Map.of(Log.LEVEL_VARIABLE, "LOUD")), env -> "config"));
        assertTrue(error.getMessage().contains(Log.LEVEL_VARIABLE), error.getMessage());
        JsonNode line = lines().get(0);
        assertEquals("ERROR", line.get("level").asText());
        assertTrue(line.get("errorMessage").asText().contains("LOUD"));
    }

    @Test
    void theLevelIsAppliedBeforeTheConfigurationIsRead() {
        String config = Startup.configure(Environment.of(Map.of(Log.LEVEL_VARIABLE, "ERROR")), env -> {
            Log.info("not shown");
            return "config";
        });
        assertEquals("config", config);
        assertEquals(Log.Level.ERROR, Log.level());
        assertTrue(lines().isEmpty());
    }
}
