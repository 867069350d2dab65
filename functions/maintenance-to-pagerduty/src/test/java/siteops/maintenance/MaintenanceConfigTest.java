package siteops.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siteops.common.ConfigurationException;
import siteops.common.Environment;

class MaintenanceConfigTest {
    private static final Map<String, String> COMPLETE = Map.of("PAGERDUTY_ROUTING_KEY_SECRET", "siteops/pagerduty/default",
            "ALERT_STATE_TABLE", "siteops-maintenance-alert-state");

    @Test
    void readsTheAlertStateTable() {
        assertEquals("siteops-maintenance-alert-state", MaintenanceConfig.from(Environment.of(COMPLETE)).alertStateTable());
    }

    @Test
    void withoutTheAlertStateTableInitFailsNamingIt() {
        Map<String, String> env = new HashMap<>(COMPLETE);
        env.remove("ALERT_STATE_TABLE");
        var error = assertThrows(ConfigurationException.class, () -> MaintenanceConfig.from(Environment.of(env)));
        assertTrue(error.getMessage().contains("ALERT_STATE_TABLE") && error.getMessage().contains("MaintenanceAlertStateTable"),
                error.getMessage());
    }
}
