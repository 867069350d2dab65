package siteops.maintenance.pagerduty;

import java.util.List;
import java.util.Map;
import siteops.common.DryRun;

/**
 * {@code DRY_RUN=true}: records each event in the {@link DryRun} instead of posting it. The routing key was read
 * (so a missing or malformed secret still fails as it would), but only its secret's id is shown, never the key.
 */
public final class DryRunPagerDuty implements PagerDutyEvents {
    private static final String TARGET = "PagerDuty Events API v2";

    private final DryRun dryRun;

    public DryRunPagerDuty(DryRun dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public List<SentEvent> sendAll(List<PagerDutyEvent> events, RoutingKey key) {
        for (PagerDutyEvent event : events) {
            dryRun.record(TARGET, event.eventAction() + " event", Map.of("routingKeySecret", key.secretId(), "event", event));
        }
        return events.stream().map(event -> SentEvent.of(event, key)).toList();
    }
}
