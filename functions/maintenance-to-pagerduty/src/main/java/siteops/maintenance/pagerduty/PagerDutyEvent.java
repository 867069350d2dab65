package siteops.maintenance.pagerduty;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One Events API v2 event without its routing key: the key is a secret, so only {@link PagerDutySender} adds it
 * to the body it posts, and this record can be logged and returned as it is.
 */
public record PagerDutyEvent(@JsonProperty("event_action") String eventAction,
                             @JsonProperty("dedup_key") String dedupKey,
                             Payload payload,
                             List<Link> links,
                             String client) {

    public record Payload(String summary, String source, String severity, String timestamp, String component,
                          String group, @JsonProperty("class") String eventClass,
                          @JsonProperty("custom_details") Map<String, Object> customDetails) {}

    public record Link(String href, String text) {}

    public static final String CLIENT = "siteops MaintenanceToPagerDutyFunction";

    public static PagerDutyEvent trigger(String dedupKey, Payload payload, List<Link> links) {
        return new PagerDutyEvent("trigger", dedupKey, payload, links.isEmpty() ? null : List.copyOf(links), CLIENT);
    }

    public static PagerDutyEvent resolve(String dedupKey) {
        return new PagerDutyEvent("resolve", dedupKey, null, null, null);
    }
}
