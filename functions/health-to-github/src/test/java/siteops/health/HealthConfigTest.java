package siteops.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.ConfigurationException;
import siteops.common.Environment;

class HealthConfigTest {
    @Test
    void theTemplateSettingsAreAccepted() {
        HealthConfig config = HealthConfig.from(env(Map.of("FUNCTION_TIMEOUT_SECONDS", "60", "CLAIM_LEASE_SECONDS", "180",
                "CLAIM_WAIT_SECONDS", "10")));

        assertEquals(Duration.ofSeconds(180), config.claimLease());
        assertEquals(Duration.ofSeconds(10), config.claimWait());
        assertEquals(Duration.ofSeconds(180), HealthConfig.from(env(Map.of())).claimLease(), "the defaults fit a 60 s timeout");
    }

    @ParameterizedTest(name = "timeout {0}, lease {1}, wait {2}")
    @CsvSource({
            // a lease that ends while its holder may still be running
            "'',  60, 10, CLAIM_LEASE_SECONDS (60) must exceed FUNCTION_TIMEOUT_SECONDS (60",
            "300, 180, 10, CLAIM_LEASE_SECONDS (180) must exceed FUNCTION_TIMEOUT_SECONDS (300",
            // a wait that leaves no time for the GitHub calls
            "'',  180, 31, CLAIM_WAIT_SECONDS (31) must be at most half of FUNCTION_TIMEOUT_SECONDS (60",
            "30,  180, 20, CLAIM_WAIT_SECONDS (20) must be at most half of FUNCTION_TIMEOUT_SECONDS (30"})
    void leaseAndWaitMustFitTheFunctionTimeout(String timeout, String lease, String wait, String expected) {
        Map<String, String> settings = new HashMap<>(Map.of("CLAIM_LEASE_SECONDS", lease, "CLAIM_WAIT_SECONDS", wait));
        if (!timeout.isEmpty()) {
            settings.put("FUNCTION_TIMEOUT_SECONDS", timeout);
        }

        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> HealthConfig.from(env(settings)));

        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    private static Environment env(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(Map.of(
                "GITHUB_REPOSITORY", "example-org/site-ops",
                "GITHUB_TOKEN_SECRET", "siteops/github-token",
                "ISSUES_TABLE", "siteops-health-issues"));
        all.putAll(extra);
        return Environment.of(all);
    }
}
