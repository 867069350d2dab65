package siteops.health;

import java.util.List;

/**
 * What the function returns: the outcome (created, updated, refreshed, recovered, replaced, unchanged, ignored), the issue
 * and one line for people.
 */
public record HealthResult(String outcome, String eventArn, String affectedAccount, String communicationId,
                           String repository, Integer issueNumber, String issueState, List<String> changes, String message) {}
