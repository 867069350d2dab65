package siteops.maintenance.pagerduty;

/** One event PagerDuty accepted, as the result and the log show it: the secret's id, never the key. */
public record SentEvent(String action, String dedupKey, String severity, String summary, String routingKeySecret) {
    static SentEvent of(PagerDutyEvent event, RoutingKey key) {
        return new SentEvent(event.eventAction(), event.dedupKey(), event.payload() == null ? null : event.payload().severity(),
                event.payload() == null ? null : event.payload().summary(), key.secretId());
    }
}
