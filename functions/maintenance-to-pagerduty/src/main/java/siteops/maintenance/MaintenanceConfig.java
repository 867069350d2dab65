package siteops.maintenance;

import java.net.URI;
import java.time.Duration;
import siteops.common.DryRun;
import siteops.common.Environment;

/**
 * The function's settings, read once at init.
 *
 * @param eventsUrl           PAGERDUTY_EVENTS_URL: the Events API v2 enqueue URL
 * @param defaultSecretId     PAGERDUTY_ROUTING_KEY_SECRET: Secrets Manager id of the routing key used when a window
 *                            has no {@code siteops:pagerduty-secret} tag
 * @param missingRunGrace     MISSING_RUN_GRACE_MINUTES: how long after a scheduled run plus the window's duration
 *                            the check still waits for its success
 * @param alertStateTable     ALERT_STATE_TABLE: the DynamoDB table remembering what PagerDuty was last told about
 *                            each window's missing-run and disabled alerts
 * @param dryRun              DRY_RUN: read windows and keys, send nothing, return the events it would have sent
 */
public record MaintenanceConfig(URI eventsUrl, String defaultSecretId, Duration missingRunGrace, String alertStateTable,
                                boolean dryRun) {
    public static final String DEFAULT_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

    public static MaintenanceConfig from(Environment env) {
        URI url = env.url("PAGERDUTY_EVENTS_URL", DEFAULT_EVENTS_URL);
        String secret = env.required("PAGERDUTY_ROUTING_KEY_SECRET",
                "set it to the Secrets Manager id (name or ARN) of the secret whose SecretString is the 32-character "
                        + "PagerDuty Events v2 routing key (template parameter PagerDutyRoutingKeySecret)");
        int graceMinutes = env.integer("MISSING_RUN_GRACE_MINUTES", 60, 0, 7 * 24 * 60);
        String table = env.required("ALERT_STATE_TABLE", "set it to the DynamoDB table (hash key alertKey, a string) that "
                + "remembers what PagerDuty was last told about each backup window's alerts (the template passes !Ref MaintenanceAlertStateTable)");
        return new MaintenanceConfig(url, secret, Duration.ofMinutes(graceMinutes), table, DryRun.requested(env));
    }
}
