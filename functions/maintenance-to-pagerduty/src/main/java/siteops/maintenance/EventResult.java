package siteops.maintenance;

import java.util.List;

/** What one maintenance window event led to: the decision, what was sent, and what enrichment could not read. */
public record EventResult(String outcome, String windowId, String detailType, String status, String reason,
                          List<SentEvent> sent, List<String> enrichmentNotes, String message) {}
