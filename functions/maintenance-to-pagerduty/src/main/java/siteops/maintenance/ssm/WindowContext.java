package siteops.maintenance.ssm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Systems Manager told us about the window beyond the event: its name and tags, and for a failure the
 * failed tasks and target invocations. Every part is best effort: {@code notes} lists what could not be read,
 * and the alert is built from whatever is present.
 */
public record WindowContext(String windowName, Map<String, String> tags, boolean tagsKnown, String schedule,
                            String executionStatusDetails, List<Task> tasks, List<Invocation> invocations, List<String> notes) {
    public static final String TAG_BACKUP = "siteops:backup";
    public static final String TAG_SITE = "siteops:site";
    public static final String TAG_ROUTING_SECRET = "siteops:pagerduty-secret";

    /** One task of the run (GetMaintenanceWindowExecutionTask / DescribeMaintenanceWindowExecutionTasks). */
    public record Task(String taskExecutionId, String taskArn, String type, String status, String statusDetails) {}

    /** One task on one target (DescribeMaintenanceWindowExecutionTaskInvocations). */
    public record Invocation(String invocationId, String taskExecutionId, String executionId, String windowTargetId,
                             String status, String statusDetails, String ownerInformation, List<String> instanceIds) {}

    public WindowContext {
        tags = Map.copyOf(tags);
        tasks = List.copyOf(tasks);
        invocations = List.copyOf(invocations);
        notes = List.copyOf(notes);
    }

    /** Nothing known beyond the event (enrichment was not needed or failed completely). */
    public static WindowContext unknown(List<String> notes) {
        return new WindowContext(null, Map.of(), false, null, null, List.of(), List.of(), notes);
    }

    public String site() {
        String site = tags.get(TAG_SITE);
        return site == null || site.isBlank() ? null : site.trim();
    }

    public boolean isBackup() {
        return "true".equalsIgnoreCase(tags.getOrDefault(TAG_BACKUP, "").trim());
    }

    /** The Secrets Manager id of the window's own routing key, or null for the default. */
    public String routingSecretId() {
        String id = tags.get(TAG_ROUTING_SECRET);
        return id == null || id.isBlank() ? null : id.trim();
    }

    /** The instance ids of the invocations, in order, without repeats. */
    public List<String> instanceIds() {
        List<String> ids = new ArrayList<>();
        invocations.forEach(i -> i.instanceIds().stream().filter(id -> !ids.contains(id)).forEach(ids::add));
        return ids;
    }
}
