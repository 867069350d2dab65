package siteops.maintenance.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import siteops.maintenance.rules.AlertState;
import siteops.maintenance.rules.SentAlert;

/**
 * What PagerDuty was last told about each window's alerts: read by the hourly check, written by it and by the
 * window events. {@link AlertStateTable} keeps it in DynamoDB; {@link DryRunAlertStates} reads that and writes
 * nothing. The meaning of each call is documented on {@link AlertStateTable}.
 */
public interface AlertStates {
    String name();

    Map<String, SentAlert> readAll();

    boolean claim(String alertKey, SentAlert seen, AlertState next, String claimId, Instant now, Duration lease);

    boolean confirm(String alertKey, SentAlert seen, AlertState sent, String claimId, Instant now);

    void release(String alertKey, String claimId, boolean stateUnknown);

    void recordSent(String alertKey, AlertState sent, Instant now);
}
