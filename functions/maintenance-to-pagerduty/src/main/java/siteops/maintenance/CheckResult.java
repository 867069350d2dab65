package siteops.maintenance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.List;
import siteops.maintenance.pagerduty.SentEvent;

/** What the missing-run sweep found: one line per backup window and what was sent. */
public record CheckResult(Outcome outcome, int backupWindows, List<WindowOutcome> windows, List<SentEvent> sent,
                          List<String> problems, String message) implements MaintenanceResult {
    public enum Outcome {
        /** Every backup window was checked (otherwise the sweep fails, naming the windows it could not check). */
        CHECKED;

        /** The name in the result: lower case, words joined by "-". */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public CheckResult {
        windows = List.copyOf(windows);
        sent = List.copyOf(sent);
        problems = List.copyOf(problems);
    }

    /** One window: its state, with the reason. */
    public record WindowOutcome(String windowId, String name, WindowState state, String detail) {}
}
