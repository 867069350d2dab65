package siteops.maintenance.ssm;

import java.util.List;
import java.util.Map;

/**
 * A maintenance window tagged {@code siteops:backup = true}, as DescribeMaintenanceWindows and
 * ListTagsForResource describe it. Dates are ISO-8601 text as the API returns them (may be null).
 */
public record BackupWindow(String windowId, String name, boolean enabled, String schedule, String scheduleTimezone,
                           Integer scheduleOffset, int durationHours, String startDate, String endDate,
                           Map<String, String> tags) {
    public BackupWindow {
        tags = Map.copyOf(tags);
    }

    /** The window's tags seen as enrichment, so alerts from the check read like alerts from events. */
    public WindowContext context() {
        return new WindowContext(name, tags, true, schedule, null, List.of(), List.of(), List.of());
    }
}
