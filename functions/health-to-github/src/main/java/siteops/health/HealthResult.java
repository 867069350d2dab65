package siteops.health;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** What the function returns: the outcome, the issue and one line for people. */
public record HealthResult(Outcome outcome, String eventArn, String affectedAccount, String communicationId,
                           String repository, Integer issueNumber, String issueState, List<String> changes, String message) {
    /** What this delivery did about the event's issue. */
    public enum Outcome {
        /** A new issue. */
        CREATED,
        /** An issue an earlier attempt created without recording it, found by its marker and recorded. */
        RECOVERED,
        /** A new issue in place of one that vanished from the repository. */
        REPLACED,
        /** A comment listing what changed, and the body refreshed. */
        UPDATED,
        /** The body refreshed without a comment (another page of the same communication). */
        REFRESHED,
        /** The issue already shows this (a duplicate, a backup copy, a page seen before). */
        UNCHANGED,
        /** Skipped by the configured filters. */
        IGNORED;

        /** The name in the result: lower case. */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
