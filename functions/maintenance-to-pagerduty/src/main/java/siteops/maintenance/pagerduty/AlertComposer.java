package siteops.maintenance.pagerduty;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import siteops.common.Text;
import siteops.maintenance.event.MaintenanceEvent;
import siteops.maintenance.event.ScheduledCheck;
import siteops.maintenance.rules.AlertDecision;
import siteops.maintenance.rules.AlertKind;
import siteops.maintenance.rules.MissingRunCheck;
import siteops.maintenance.rules.Severity;
import siteops.maintenance.ssm.BackupWindow;
import siteops.maintenance.ssm.WindowContext;
import siteops.maintenance.ssm.WindowRun;

/**
 * Writes the PagerDuty events: pure, from the event (or the check's verdict), the decision and what
 * enrichment found. The summary names the site, the window and what failed, and is cut to PagerDuty's 1,024
 * characters (counted as characters, not UTF-16 units or bytes); the rest goes to custom_details.
 */
public final class AlertComposer {
    static final int MAX_SUMMARY = 1024;
    private static final int MAX_LISTED = 5;

    private AlertComposer() {}

    /** The events one maintenance window event sends; empty for NOTHING. */
    public static List<PagerDutyEvent> forEvent(MaintenanceEvent event, AlertDecision decision, WindowContext context) {
        return switch (decision.action()) {
            case NOTHING -> List.of();
            case RESOLVE -> decision.alerts().stream()
                    .map(kind -> PagerDutyEvent.resolve(kind.dedupKey(event.account(), event.region(), event.windowId())))
                    .toList();
            case TRIGGER -> List.of(trigger(event, decision, context));
        };
    }

    private static PagerDutyEvent trigger(MaintenanceEvent event, AlertDecision decision, WindowContext context) {
        AlertKind kind = decision.alerts().get(0);
        WindowContext.Task task = relevantTask(event, context);
        List<String> instances = context.instanceIds();
        String what = switch (event.kind()) {
            case WINDOW_STATE -> "was DISABLED: its scheduled runs stop until it is re-enabled";
            case WINDOW_EXECUTION -> "run " + event.status() + runExplanation(event.status()) + failedTasks(context);
            case TASK_EXECUTION -> "task " + taskName(event, task) + " " + event.status() + onInstances(instances);
            case TARGET_INVOCATION -> "task " + taskName(event, task) + " " + event.status() + " on target "
                    + (instances.isEmpty() ? Objects.requireNonNullElse(event.windowTargetId(), "(unknown)") : list(instances))
                    + (event.ownerInformation() == null ? "" : " (owner: " + event.ownerInformation() + ")");
            default -> event.status();
        };
        String details = statusDetails(context);
        String summary = title(context, event.windowId()) + " " + what + (details == null ? "" : " - " + details);

        Map<String, Object> custom = new LinkedHashMap<>();
        put(custom, "window_id", event.windowId());
        put(custom, "window_name", context.windowName());
        put(custom, "site", context.site());
        put(custom, "account", event.account());
        put(custom, "region", event.region());
        put(custom, "event", event.kind().detailType());
        put(custom, "status", event.status());
        put(custom, "window_execution_id", event.windowExecutionId());
        put(custom, "task_execution_id", event.taskExecutionId());
        put(custom, "window_target_id", event.windowTargetId());
        put(custom, "owner_information", event.ownerInformation());
        put(custom, "start_time", event.startTime());
        put(custom, "end_time", event.endTime());
        put(custom, "status_details", context.executionStatusDetails());
        if (!context.tasks().isEmpty()) {
            custom.put("tasks", context.tasks());
        }
        if (!context.invocations().isEmpty()) {
            custom.put("invocations", context.invocations());
        }
        if (!instances.isEmpty()) {
            custom.put("instance_ids", instances);
        }
        put(custom, "schedule", context.schedule());
        put(custom, "event_id", event.eventId());
        if (!context.notes().isEmpty()) {
            custom.put("enrichment_notes", context.notes());
        }
        var payload = new PagerDutyEvent.Payload(Text.clip(summary, MAX_SUMMARY), source(event.account(), event.region(), event.windowId()),
                decision.severity().wire(), timestamp(event), task != null && task.taskArn() != null ? task.taskArn() : "maintenance-window",
                group(context, event.windowId()), alertClass(kind, context), custom);
        return PagerDutyEvent.trigger(kind.dedupKey(event.account(), event.region(), event.windowId()), payload,
                List.of(event.windowExecutionId() == null ? windowLink(event.region(), event.windowId())
                        : runLink(event.region(), event.windowId(), event.windowExecutionId())));
    }

    /** The check found no successful run since the last due one. */
    public static PagerDutyEvent missingRun(ScheduledCheck check, BackupWindow window, MissingRunCheck.Verdict verdict, Instant now) {
        WindowContext context = window.context();
        WindowRun latest = verdict.latest();
        String summary = title(context, window.windowId()) + " has no successful run since " + verdict.dueSince()
                + " (schedule " + window.schedule() + (window.scheduleTimezone() == null ? "" : " " + window.scheduleTimezone()) + ")"
                + (latest == null ? ": no run started since then" : ": latest run " + latest.status() + " at " + latest.startTime());
        Map<String, Object> custom = windowDetails(check, window);
        put(custom, "schedule_timezone", window.scheduleTimezone());
        custom.put("schedule_offset_days", window.scheduleOffset());
        custom.put("duration_hours", window.durationHours());
        custom.put("success_expected_since", verdict.dueSince().toString());
        if (latest != null) {
            custom.put("latest_run", Map.of("window_execution_id", latest.windowExecutionId(), "status", latest.status(),
                    "start_time", latest.startTime().toString()));
        }
        var payload = new PagerDutyEvent.Payload(Text.clip(summary, MAX_SUMMARY), source(check.account(), check.region(), window.windowId()),
                Severity.CRITICAL.wire(), now.toString(), "maintenance-window", group(context, window.windowId()),
                "backup missing", custom);
        return PagerDutyEvent.trigger(AlertKind.MISSING_RUN.dedupKey(check.account(), check.region(), window.windowId()), payload,
                List.of(windowLink(check.region(), window.windowId())));
    }

    /**
     * The check found a window with no run at all in its history although a run has been due since it was created
     * (or since its start date): a warning on the same missing-run alert, which its first success resolves.
     */
    public static PagerDutyEvent neverRan(ScheduledCheck check, BackupWindow window, Instant dueSince, Instant now) {
        WindowContext context = window.context();
        String summary = title(context, window.windowId()) + " has never run: a run was due since " + dueSince + " (schedule "
                + window.schedule() + (window.scheduleTimezone() == null ? "" : " " + window.scheduleTimezone())
                + "); check its targets, tasks and schedule";
        Map<String, Object> custom = windowDetails(check, window);
        put(custom, "schedule_timezone", window.scheduleTimezone());
        custom.put("schedule_offset_days", window.scheduleOffset());
        custom.put("duration_hours", window.durationHours());
        custom.put("success_expected_since", dueSince.toString());
        custom.put("run_history", "empty");
        var payload = new PagerDutyEvent.Payload(Text.clip(summary, MAX_SUMMARY), source(check.account(), check.region(), window.windowId()),
                Severity.WARNING.wire(), now.toString(), "maintenance-window", group(context, window.windowId()),
                "backup never ran", custom);
        return PagerDutyEvent.trigger(AlertKind.MISSING_RUN.dedupKey(check.account(), check.region(), window.windowId()), payload,
                List.of(windowLink(check.region(), window.windowId())));
    }

    /** What every alert of the hourly check says about the window it concerns. */
    private static Map<String, Object> windowDetails(ScheduledCheck check, BackupWindow window) {
        Map<String, Object> custom = new LinkedHashMap<>();
        put(custom, "window_id", window.windowId());
        put(custom, "window_name", window.name());
        put(custom, "site", window.context().site());
        put(custom, "account", check.account());
        put(custom, "region", check.region());
        put(custom, "schedule", window.schedule());
        return custom;
    }

    /** A tagged backup window is disabled: the same alert a DISABLED state-change event opens. */
    public static PagerDutyEvent disabledWindow(ScheduledCheck check, BackupWindow window, Instant now) {
        WindowContext context = window.context();
        Map<String, Object> custom = windowDetails(check, window);
        var payload = new PagerDutyEvent.Payload(
                Text.clip(title(context, window.windowId()) + " is DISABLED: its scheduled backups do not run until it is re-enabled", MAX_SUMMARY),
                source(check.account(), check.region(), window.windowId()), Severity.WARNING.wire(), now.toString(),
                "maintenance-window", group(context, window.windowId()), "maintenance window disabled", custom);
        return PagerDutyEvent.trigger(AlertKind.DISABLED.dedupKey(check.account(), check.region(), window.windowId()), payload,
                List.of(windowLink(check.region(), window.windowId())));
    }

    static String title(WindowContext context, String windowId) {
        String site = context.site();
        return (site == null ? "" : "[" + site + "] ") + (context.isBackup() ? "Backup window " : "Maintenance window ")
                + (context.windowName() == null ? windowId : context.windowName() + " (" + windowId + ")");
    }

    private static String runExplanation(String status) {
        return switch (status) {
            case "TIMED_OUT" -> " (did not finish within the window's duration)";
            case "CANCELLED" -> " (stopped before completing)";
            case "SKIPPED_OVERLAPPING" -> " (did not start: the previous run was still going)";
            default -> "";
        };
    }

    private static String failedTasks(WindowContext context) {
        List<WindowContext.Task> failed = context.tasks().stream().filter(t -> !"SUCCESS".equals(t.status())).toList();
        if (failed.isEmpty()) {
            return "";
        }
        String names = failed.stream().limit(MAX_LISTED)
                .map(t -> (t.taskArn() == null ? t.taskExecutionId() : t.taskArn()) + " " + t.status())
                .collect(Collectors.joining(", "));
        List<String> instances = context.instanceIds();
        return ": task " + names + (failed.size() > MAX_LISTED ? " and " + (failed.size() - MAX_LISTED) + " more" : "")
                + onInstances(instances);
    }

    private static String onInstances(List<String> instances) {
        return instances.isEmpty() ? "" : " on " + list(instances);
    }

    private static String list(List<String> values) {
        return String.join(", ", values.subList(0, Math.min(MAX_LISTED, values.size())))
                + (values.size() > MAX_LISTED ? " and " + (values.size() - MAX_LISTED) + " more" : "");
    }

    private static WindowContext.Task relevantTask(MaintenanceEvent event, WindowContext context) {
        for (WindowContext.Task task : context.tasks()) {
            if (event.taskExecutionId() != null && event.taskExecutionId().equals(task.taskExecutionId())) {
                return task;
            }
        }
        return context.tasks().stream().filter(t -> !"SUCCESS".equals(t.status())).findFirst().orElse(null);
    }

    private static String taskName(MaintenanceEvent event, WindowContext.Task task) {
        if (task != null && task.taskArn() != null) {
            return task.taskArn();
        }
        return event.taskExecutionId() == null ? "(unknown)" : event.taskExecutionId();
    }

    /** The most specific human reason Systems Manager gave. */
    private static String statusDetails(WindowContext context) {
        if (context.executionStatusDetails() != null) {
            return context.executionStatusDetails();
        }
        for (WindowContext.Invocation invocation : context.invocations()) {
            if (invocation.statusDetails() != null && !"SUCCESS".equals(invocation.status())) {
                return invocation.statusDetails();
            }
        }
        return context.tasks().stream().filter(t -> t.statusDetails() != null && !"SUCCESS".equals(t.status()))
                .map(WindowContext.Task::statusDetails).findFirst().orElse(null);
    }

    private static String group(WindowContext context, String windowId) {
        if (context.site() != null) {
            return context.site();
        }
        return context.windowName() == null ? windowId : context.windowName();
    }

    private static String alertClass(AlertKind kind, WindowContext context) {
        if (kind == AlertKind.DISABLED) {
            return "maintenance window disabled";
        }
        return context.isBackup() ? "backup failure" : "maintenance window failure";
    }

    static String source(String account, String region, String windowId) {
        return "arn:" + partition(region) + ":ssm:" + region + ":" + account + ":maintenancewindow/" + windowId;
    }

    private static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    static PagerDutyEvent.Link runLink(String region, String windowId, String executionId) {
        return new PagerDutyEvent.Link(console(region) + "/systems-manager/maintenance-windows/" + windowId + "/history/" + executionId
                + "?region=" + region, "This run in the Systems Manager console");
    }

    static PagerDutyEvent.Link windowLink(String region, String windowId) {
        return new PagerDutyEvent.Link(console(region) + "/systems-manager/maintenance-windows/" + windowId + "?region=" + region,
                "The window in the Systems Manager console");
    }

    private static String console(String region) {
        String domain = region.startsWith("cn-") ? "console.amazonaws.cn" : region.startsWith("us-gov-") ? "console.amazonaws-us-gov.com" : "console.aws.amazon.com";
        return "https://" + region + "." + domain;
    }

    /** When it happened: end, start or envelope time, whichever is present and readable. */
    private static String timestamp(MaintenanceEvent event) {
        for (String candidate : new String[] {event.endTime(), event.startTime(), event.time()}) {
            if (candidate != null) {
                try {
                    return Instant.parse(candidate).toString();
                } catch (DateTimeException e) {
                    // try the next one
                }
            }
        }
        return null;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
