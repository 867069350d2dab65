package siteops.maintenance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.List;
import siteops.maintenance.pagerduty.SentEvent;

/** What one maintenance window event led to: the decision, what was sent, and what enrichment could not read. */
public record EventResult(Outcome outcome, String windowId, String detailType, String status, String reason,
                          List<SentEvent> sent, List<String> enrichmentNotes, String message) implements MaintenanceResult {
    public enum Outcome {
        NOTHING_SENT, TRIGGERED, RESOLVED;

        /** The name in the result: lower case, words joined by "-". */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public EventResult {
        sent = List.copyOf(sent);
        enrichmentNotes = List.copyOf(enrichmentNotes);
    }
}
