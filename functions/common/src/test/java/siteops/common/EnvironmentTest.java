package siteops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
    @Test
    void aMissingRequiredVariableIsNamedWithTheHint() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> Environment.of(Map.of()).required("GITHUB_REPOSITORY", "set it to owner/name"));
        assertEquals("environment variable GITHUB_REPOSITORY is not set: set it to owner/name", error.getMessage());
        assertThrows(ConfigurationException.class, () -> Environment.of(Map.of("X", "  ")).required("X", "hint"));
    }

    @Test
    void optionalValuesFallBackWhenBlankAndAreTrimmed() {
        Environment env = Environment.of(Map.of("A", " a ", "B", ""));
        assertEquals("a", env.optional("A", "x"));
        assertEquals("x", env.optional("B", "x"));
        assertEquals("x", env.optional("C", "x"));
    }

    @Test
    void urlsMustBeAbsoluteHttpAndLoseATrailingSlash() {
        assertEquals(URI.create("https://ghe.example.jp/api/v3"),
                Environment.of(Map.of("U", "https://ghe.example.jp/api/v3/")).url("U", "https://api.github.com"));
        assertEquals(URI.create("https://api.github.com"), Environment.of(Map.of()).url("U", "https://api.github.com"));
        for (String bad : new String[] {"ftp://x", "api.github.com", "https://", "http://exa mple"}) {
            ConfigurationException error = assertThrows(ConfigurationException.class, () -> Environment.of(Map.of("U", bad)).url("U", null));
            assertTrue(error.getMessage().contains("U"), error.getMessage());
        }
    }

    @Test
    void numbersAreCheckedAgainstTheirRange() {
        Environment env = Environment.of(Map.of("N", "5", "BIG", "5000", "WORD", "five"));
        assertEquals(5, env.integer("N", 1, 0, 10));
        assertEquals(1, env.integer("MISSING", 1, 0, 10));
        assertTrue(assertThrows(ConfigurationException.class, () -> env.integer("BIG", 1, 0, 3600)).getMessage().contains("between 0 and 3600"));
        assertTrue(assertThrows(ConfigurationException.class, () -> env.integer("WORD", 1, 0, 10)).getMessage().contains("whole number"));
        assertEquals(Duration.ofSeconds(5), env.seconds("N", Duration.ofMinutes(1), 1, 60));
        assertEquals(Duration.ofMinutes(1), env.seconds("MISSING", Duration.ofMinutes(1), 1, 60));
    }
}
