package siteops.maintenance.rules;

import siteops.maintenance.Messages;

/**
 * The three alerts a maintenance window can have open at once, each with its own PagerDuty dedup_key derived
 * from the window (never from an execution id), so a later event for the same window lands on the same alert:
 * <ul>
 *   <li>{@link #RUN_FAILURE}: a run, task or target invocation failed, timed out, was cancelled or skipped.</li>
 *   <li>{@link #MISSING_RUN}: the hourly check found no successful run since the schedule's last due run.</li>
 *   <li>{@link #DISABLED}: the window was switched off. Kept apart from the failure alert because re-enabling a
 *       window proves nothing about the backup: ENABLED resolves only this one, while a successful run (which
 *       proves the window is enabled and works) resolves all three.</li>
 * </ul>
 */
public enum AlertKind {
    RUN_FAILURE(""),
    MISSING_RUN("/missing-run"),
    DISABLED("/disabled");

    static final String PREFIX = "siteops/maintenance-window/";
    /** PagerDuty's limit for dedup_key. */
    static final int MAX_DEDUP_KEY = 255;

    private final String suffix;

    AlertKind(String suffix) {
        this.suffix = suffix;
    }

    /**
     * {@code siteops/maintenance-window/<account>/<region>/<window-id>[/missing-run|/disabled]}: account and
     * Region keep keys of equal window ids in different accounts apart on a shared PagerDuty service. The parsers
     * bound each part, so the key stays far below PagerDuty's 255 characters; the check is a guard.
     */
    public String dedupKey(String account, String region, String windowId) {
        String key = PREFIX + account + "/" + region + "/" + windowId + suffix;
        if (key.length() > MAX_DEDUP_KEY) {
            throw new IllegalArgumentException(Messages.dedupKeyTooLong(MAX_DEDUP_KEY, windowId));
        }
        return key;
    }
}
