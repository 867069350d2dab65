package siteops.maintenance;

import java.util.List;

/** What the missing-run check found: one line per backup window and what was sent. */
public record CheckResult(String outcome, int backupWindows, List<WindowOutcome> windows, List<SentEvent> sent,
                          List<String> problems, String message) {
    /** One window: fresh, missing, never-ran, disabled, not-due or unchecked, with the reason. */
    public record WindowOutcome(String windowId, String name, String state, String detail) {}
}
