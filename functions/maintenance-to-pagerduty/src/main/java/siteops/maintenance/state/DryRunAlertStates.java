package siteops.maintenance.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import siteops.common.DryRun;
import siteops.maintenance.rules.AlertState;
import siteops.maintenance.rules.SentAlert;

/**
 * {@code DRY_RUN=true}: reads the real table, so the check decides exactly as it would, and records the lasting
 * writes (the state PagerDuty would now show) instead of making them. A claim is a short lease, not a lasting
 * write: it always succeeds here and is not listed.
 */
public final class DryRunAlertStates implements AlertStates {
    private final AlertStates table;
    private final DryRun dryRun;

    public DryRunAlertStates(AlertStates table, DryRun dryRun) {
        this.table = table;
        this.dryRun = dryRun;
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public Map<String, SentAlert> readAll() {
        return table.readAll();
    }

    @Override
    public boolean claim(String alertKey, SentAlert seen, AlertState next, String claimId, Instant now, Duration lease) {
        return true;
    }

    @Override
    public boolean confirm(String alertKey, SentAlert seen, AlertState sent, String claimId, Instant now) {
        record(alertKey, sent);
        return true;
    }

    @Override
    public void release(String alertKey, String claimId, boolean stateUnknown) {
        // nothing was claimed
    }

    @Override
    public void recordSent(String alertKey, AlertState sent, Instant now) {
        record(alertKey, sent);
    }

    private void record(String alertKey, AlertState state) {
        dryRun.record("DynamoDB " + table.name(), "record alert state", Map.of("alertKey", alertKey, "state", state.wire()));
    }
}
