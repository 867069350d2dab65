package siteops.maintenance.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import siteops.common.Json;
import siteops.common.Log;
import siteops.maintenance.event.MaintenanceEvent;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeMaintenanceWindowExecutionsResponse;
import software.amazon.awssdk.services.ssm.model.DescribeMaintenanceWindowsResponse;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowExecutionTaskIdentity;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowExecutionTaskInvocationIdentity;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowFilter;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowIdentity;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * Reads maintenance windows from Systems Manager: tags and details of one window for an alert (best effort:
 * every failed call becomes a note, never an exception), and for the missing-run check the windows tagged as
 * backups and their recent runs.
 */
public final class WindowReader {
    /** Bounds the work per alert: enough to name what failed, not a full audit. */
    static final int MAX_TASKS_INSPECTED = 2;
    static final int MAX_INVOCATIONS = 20;
    static final int MAX_EXECUTION_PAGES = 10;

    private final SsmClient ssm;

    public WindowReader(SsmClient ssm) {
        this.ssm = ssm;
    }

    /**
     * What Systems Manager adds to the event. For a resolve only the tags are read (they name the routing key);
     * a trigger also reads the window's name and the failed run, task or invocation.
     */
    public WindowContext enrich(MaintenanceEvent event, boolean forTrigger) {
        List<String> notes = new ArrayList<>();
        Map<String, String> tags;
        try {
            tags = tags(event.windowId());
        } catch (SdkException e) {
            String code = code(e);
            if (code.equals("InvalidResourceId") || code.equals("DoesNotExistException")) {
                // The window is gone, and its tags with it: nothing will ever name another routing key.
                notes.add("ListTagsForResource: the window no longer exists (" + code + "); default routing key used");
                tags = Map.of();
            } else {
                notes.add("ListTagsForResource failed (" + code + ")");
                Log.warn("cannot read the window's tags", "windowId", event.windowId(), "code", code);
                tags = null;
            }
        }
        if (!forTrigger) {
            return new WindowContext(null, tags == null ? Map.of() : tags, tags != null, null, null, List.of(), List.of(), notes);
        }
        var window = call("GetMaintenanceWindow", notes, () -> ssm.getMaintenanceWindow(r -> r.windowId(event.windowId())));
        String executionDetails = null;
        List<WindowContext.Task> tasks = new ArrayList<>();
        List<WindowContext.Invocation> invocations = new ArrayList<>();
        String executionId = event.windowExecutionId();
        String taskId = event.taskExecutionId();
        switch (event.kind()) {
            case WINDOW_EXECUTION -> {
                if (executionId != null) {
                    var execution = call("GetMaintenanceWindowExecution", notes,
                            () -> ssm.getMaintenanceWindowExecution(r -> r.windowExecutionId(executionId)));
                    executionDetails = execution == null ? null : execution.statusDetails();
                    var listed = call("DescribeMaintenanceWindowExecutionTasks", notes,
                            () -> ssm.describeMaintenanceWindowExecutionTasks(r -> r.windowExecutionId(executionId)).windowExecutionTaskIdentities());
                    if (listed != null) {
                        listed.stream().map(WindowReader::task).forEach(tasks::add);
                        tasks.stream().filter(t -> !"SUCCESS".equals(t.status())).limit(MAX_TASKS_INSPECTED)
                                .forEach(t -> invocations.addAll(invocations(executionId, t.taskExecutionId(), null, notes)));
                    }
                }
            }
            case TASK_EXECUTION, TARGET_INVOCATION -> {
                if (executionId != null && taskId != null) {
                    var task = call("GetMaintenanceWindowExecutionTask", notes,
                            () -> ssm.getMaintenanceWindowExecutionTask(r -> r.windowExecutionId(executionId).taskId(taskId)));
                    if (task != null) {
                        tasks.add(new WindowContext.Task(taskId, task.taskArn(), task.typeAsString(), task.statusAsString(), task.statusDetails()));
                    }
                    String target = event.kind() == MaintenanceEvent.Kind.TARGET_INVOCATION ? event.windowTargetId() : null;
                    invocations.addAll(invocations(executionId, taskId, target, notes));
                }
            }
            default -> { }
        }
        return new WindowContext(window == null ? null : window.name(), tags == null ? Map.of() : tags, tags != null,
                window == null ? null : window.schedule(), executionDetails, tasks, invocations, notes);
    }

    /** The window's tags; throws the SDK's exception when they cannot be read. */
    public Map<String, String> tags(String windowId) {
        Map<String, String> tags = new LinkedHashMap<>();
        ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.MAINTENANCE_WINDOW).resourceId(windowId))
                .tagList().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** The backup windows found, and the windows whose tags could not be read (so whether they are backups is unknown). */
    public record BackupWindows(List<BackupWindow> windows, List<WindowReadException> unreadable) {
        public BackupWindows {
            windows = List.copyOf(windows);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * Every window tagged {@code siteops:backup = true}. A window whose tags cannot be read is listed as
     * unreadable and left out; failing to list the windows at all throws the SDK's exception.
     */
    public BackupWindows backupWindows() {
        List<BackupWindow> found = new ArrayList<>();
        List<WindowReadException> unreadable = new ArrayList<>();
        for (DescribeMaintenanceWindowsResponse page : ssm.describeMaintenanceWindowsPaginator(r -> r.maxResults(50))) {
            for (MaintenanceWindowIdentity window : page.windowIdentities()) {
                Map<String, String> tags;
                try {
                    tags = tags(window.windowId());
                } catch (SdkException e) {
                    unreadable.add(new WindowReadException(window.windowId(), "ListTagsForResource", code(e), e));
                    continue;
                }
                if ("true".equalsIgnoreCase(tags.getOrDefault(WindowContext.TAG_BACKUP, "").trim())) {
                    found.add(new BackupWindow(window.windowId(), window.name(), Boolean.TRUE.equals(window.enabled()),
                            window.schedule(), window.scheduleTimezone(), window.scheduleOffset(),
                            window.duration() == null ? 1 : window.duration(), window.startDate(), window.endDate(), tags));
                }
            }
        }
        return new BackupWindows(found, unreadable);
    }

    /** The runs of a window that started at or after {@code since}. */
    public List<WindowRun> runsSince(String windowId, Instant since) {
        return read(windowId, "DescribeMaintenanceWindowExecutions", () -> {
            List<WindowRun> runs = new ArrayList<>();
            int pages = 0;
            for (DescribeMaintenanceWindowExecutionsResponse page : ssm.describeMaintenanceWindowExecutionsPaginator(r -> r
                    .windowId(windowId)
                    .filters(MaintenanceWindowFilter.builder().key("ExecutedAfter").values(since.toString()).build())
                    .maxResults(100))) {
                page.windowExecutions().forEach(e -> runs.add(new WindowRun(e.windowExecutionId(), e.statusAsString(), e.startTime())));
                if (++pages >= MAX_EXECUTION_PAGES) {
                    break;
                }
            }
            return runs;
        });
    }

    /** Whether the window has any run at all in its history. */
    public boolean hasAnyRun(String windowId) {
        return read(windowId, "DescribeMaintenanceWindowExecutions",
                () -> !ssm.describeMaintenanceWindowExecutions(r -> r.windowId(windowId).maxResults(10)).windowExecutions().isEmpty());
    }

    /** When the window was created (GetMaintenanceWindow's CreatedDate), or null if not given. */
    public Instant createdDate(String windowId) {
        return read(windowId, "GetMaintenanceWindow", () -> ssm.getMaintenanceWindow(r -> r.windowId(windowId)).createdDate());
    }

    /** One call whose failure is the caller's problem, as a {@link WindowReadException} naming the operation. */
    private static <T> T read(String windowId, String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new WindowReadException(windowId, operation, code(e), e);
        }
    }

    private List<WindowContext.Invocation> invocations(String executionId, String taskId, String windowTargetId, List<String> notes) {
        List<MaintenanceWindowExecutionTaskInvocationIdentity> listed = call("DescribeMaintenanceWindowExecutionTaskInvocations", notes,
                () -> ssm.describeMaintenanceWindowExecutionTaskInvocations(r -> r.windowExecutionId(executionId).taskId(taskId))
                        .windowExecutionTaskInvocationIdentities());
        if (listed == null) {
            return List.of();
        }
        return listed.stream()
                .filter(i -> windowTargetId == null || windowTargetId.equals(i.windowTargetId()))
                .limit(MAX_INVOCATIONS)
                .map(i -> new WindowContext.Invocation(i.invocationId(), i.taskExecutionId(), i.executionId(), i.windowTargetId(),
                        i.statusAsString(), i.statusDetails(), i.ownerInformation(), instanceIds(i.parameters())))
                .toList();
    }

    private static WindowContext.Task task(MaintenanceWindowExecutionTaskIdentity t) {
        return new WindowContext.Task(t.taskExecutionId(), t.taskArn(), t.taskTypeAsString(), t.statusAsString(), t.statusDetails());
    }

    /**
     * The instance ids in an invocation's Parameters (Run Command tasks list them as {@code instanceIds}). Only
     * the ids are taken: the rest may hold task parameters that do not belong in an alert.
     */
    static List<String> instanceIds(String parameters) {
        if (parameters == null || parameters.isBlank()) {
            return List.of();
        }
        try {
            JsonNode ids = Json.parse(parameters.getBytes(StandardCharsets.UTF_8)).path("instanceIds");
            List<String> found = new ArrayList<>();
            ids.forEach(id -> {
                if (id.isTextual() && id.asText().matches("(i|mi)-[0-9a-f]{8,17}")) {
                    found.add(id.asText());
                }
            });
            return found;
        } catch (Json.InvalidJsonException e) {
            return List.of();
        }
    }

    /** One enrichment call: its failure becomes a note (the operation and the error code, no payload). */
    private static <T> T call(String operation, List<String> notes, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            String note = operation + " failed (" + code(e) + ")";
            notes.add(note);
            Log.warn("enrichment call failed; the alert goes out without its details", "operation", operation, "code", code(e));
            return null;
        }
    }

    private static String code(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
