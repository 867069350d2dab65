package siteops.maintenance.pagerduty;

import java.util.List;

/**
 * The jobs' port to PagerDuty: {@link PagerDutySender}, or {@link DryRunPagerDuty} under {@code DRY_RUN=true}.
 * Every write the function makes goes through a port like this one, so the dry-run adapter must decide about each
 * new one (see siteops.common.DryRun).
 */
public interface PagerDutyEvents {
    /** Sends the events in order through one key; returns them as sent (a failure stops at that event and throws). */
    List<SentEvent> sendAll(List<PagerDutyEvent> events, RoutingKey key);
}
