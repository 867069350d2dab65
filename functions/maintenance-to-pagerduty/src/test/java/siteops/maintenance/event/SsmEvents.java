package siteops.maintenance.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import siteops.common.Json;

/** Maintenance window events shaped like Systems Manager's, for tests. */
public final class SsmEvents {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "ap-northeast-1";

    private SsmEvents() {}

    public static ObjectNode envelope(MaintenanceEvent.Kind kind, Map<String, String> detail) {
        ObjectNode event = Json.MAPPER.createObjectNode()
                .put("version", "0")
                .put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718")
                .put("detail-type", kind.detailType())
                .put("source", "aws.ssm")
                .put("account", ACCOUNT)
                .put("time", "2026-11-29T17:05:01Z")
                .put("region", REGION);
        event.putArray("resources").add("arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":maintenancewindow/" + detail.getOrDefault("window-id", "mw-x"));
        ObjectNode d = event.putObject("detail");
        detail.forEach(d::put);
        return event;
    }

    /** A parsed event of the given kind and status for one window, run and task. */
    public static MaintenanceEvent event(String kind, String status) {
        return (MaintenanceEvent) Incoming.parse(envelope(MaintenanceEvent.Kind.valueOf(kind), Map.of("window-id", "mw-0ed7251d3fcf6e0c2",
                "window-execution-id", "b60fb56e-776c-4e5c-84ee-123456789012",
                "task-execution-id", "3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11", "status", status)));
    }

    public static ObjectNode windowExecution(String windowId, String executionId, String status) {
        return envelope(MaintenanceEvent.Kind.WINDOW_EXECUTION, Map.of("window-id", windowId, "window-execution-id", executionId,
                "start-time", "2026-11-29T17:00:00.112Z", "end-time", "2026-11-29T17:05:00.427Z", "status", status));
    }

    public static ObjectNode taskExecution(String windowId, String executionId, String taskId, String status) {
        return envelope(MaintenanceEvent.Kind.TASK_EXECUTION, Map.of("window-id", windowId, "window-execution-id", executionId,
                "task-execution-id", taskId, "start-time", "2026-11-29T17:00:01.002Z", "end-time", "2026-11-29T17:04:58.910Z",
                "status", status));
    }

    public static ObjectNode targetInvocation(String windowId, String executionId, String taskId, String targetId, String status) {
        return envelope(MaintenanceEvent.Kind.TARGET_INVOCATION, Map.of("window-id", windowId, "window-execution-id", executionId,
                "task-execution-id", taskId, "window-target-id", targetId, "owner-information", "web-team",
                "start-time", "2026-11-29T17:00:01.532Z", "end-time", "2026-11-29T17:04:58.233Z", "status", status));
    }

    public static ObjectNode windowState(String windowId, String status) {
        return envelope(MaintenanceEvent.Kind.WINDOW_STATE, Map.of("window-id", windowId, "status", status));
    }

    public static JsonNode scheduled() {
        ObjectNode event = Json.MAPPER.createObjectNode()
                .put("version", "0").put("id", "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa").put("detail-type", "Scheduled Event")
                .put("source", "aws.events").put("account", ACCOUNT).put("time", "2026-11-30T03:00:00Z").put("region", REGION);
        event.putArray("resources").add("arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/siteops-maintenance-missing-run-check");
        event.putObject("detail");
        return event;
    }
}
