package siteops.standins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Systems Manager's JSON protocol ({@code POST /}, {@code X-Amz-Target: AmazonSSM.<Operation>},
 * {@code application/x-amz-json-1.1}) for what moto 5.2 lacks: the execution history of maintenance windows
 * (GetMaintenanceWindowExecution, ...Task, DescribeMaintenanceWindowExecutions, ...Tasks, ...TaskInvocations) and
 * UpdateMaintenanceWindow's Enabled flag. Every other operation is forwarded to moto unchanged, so windows and tags
 * are moto's; DescribeMaintenanceWindows and GetMaintenanceWindow answers get the Enabled flag set here, and
 * GetMaintenanceWindow the CreatedDate moto leaves out (when a test gives one).
 * Unknown ids answer DoesNotExistException like SSM; {@link #fail} makes an operation answer an error.
 */
public final class FakeSsmMaintenanceWindows extends FakeHttpServer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Invocation(String invocationId, String executionId, String windowTargetId, String status, String statusDetails,
                      String ownerInformation, List<String> instanceIds) {}

    public record Task(String taskExecutionId, String taskArn, String type, String status, String statusDetails, List<Invocation> invocations) {}

    public record Execution(String windowId, String windowExecutionId, String status, String statusDetails, Instant start, Instant end,
                     List<Task> tasks) {}

    private static final Set<String> OWN = Set.of("GetMaintenanceWindowExecution", "GetMaintenanceWindowExecutionTask",
            "DescribeMaintenanceWindowExecutions", "DescribeMaintenanceWindowExecutionTasks",
            "DescribeMaintenanceWindowExecutionTaskInvocations", "UpdateMaintenanceWindow");

    private final AwsJsonForwarder motoForwarder;
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final Map<String, Boolean> enabled = new HashMap<>();
    private final Map<String, Instant> created = new HashMap<>();
    private final Map<String, String[]> failures = new HashMap<>();
    private final List<String> operations = new ArrayList<>();

    public FakeSsmMaintenanceWindows(URI moto) {
        this.motoForwarder = new AwsJsonForwarder(moto);
    }

    public synchronized void addExecution(Execution execution) {
        executions.put(execution.windowExecutionId(), execution);
    }

    /** Makes {@code operation} answer HTTP {@code status} with {@code errorCode} until {@link #reset}. */
    public synchronized void fail(String operation, int status, String errorCode) {
        failures.put(operation, new String[] {String.valueOf(status), errorCode});
    }

    /**
     * Makes GetMaintenanceWindow answer this CreatedDate for the window, as SSM does for every window (moto
     * leaves it out; without this call the fake does too).
     */
    public synchronized void created(String windowId, Instant createdDate) {
        created.put(windowId, createdDate);
    }

    public synchronized void disable(String windowId) {
        enabled.put(windowId, false);
    }

    /** Enables a window again after {@link #disable}. */
    public synchronized void enable(String windowId) {
        enabled.put(windowId, true);
    }

    /** The SSM operations called, in order. */
    public synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    public synchronized void reset() {
        executions.clear();
        enabled.clear();
        created.clear();
        failures.clear();
        operations.clear();
        clearRequests();
    }

    @Override
    protected synchronized Response answer(Request request) {
        String target = request.headers().getOrDefault("x-amz-target", "");
        if (!request.method().equals("POST") || !request.path().equals("/") || !target.startsWith("AmazonSSM.")) {
            return error(400, "UnknownOperationException", "expected POST / with X-Amz-Target: AmazonSSM.<Operation>");
        }
        if (!request.headers().getOrDefault("content-type", "").startsWith("application/x-amz-json-1.1")) {
            return error(400, "SerializationException", "Content-Type must be application/x-amz-json-1.1");
        }
        if (!request.headers().containsKey("authorization")) {
            return error(400, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        String operation = target.substring("AmazonSSM.".length());
        operations.add(operation);
        String[] failure = failures.get(operation);
        if (failure != null) {
            return error(Integer.parseInt(failure[0]), failure[1], "injected failure of " + operation);
        }
        JsonNode body;
        try {
            body = request.body().isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(request.body());
        } catch (JsonProcessingException e) {
            return error(400, "SerializationException", "body is not JSON");
        }
        if (!OWN.contains(operation)) {
            return patchWindows(operation, forward(request));
        }
        return switch (operation) {
            case "UpdateMaintenanceWindow" -> {
                enabled.put(required(body, "WindowId"), body.path("Enabled").asBoolean(true));
                yield ok(MAPPER.createObjectNode().put("WindowId", body.get("WindowId").asText()));
            }
            case "GetMaintenanceWindowExecution" -> {
                Execution e = executions.get(required(body, "WindowExecutionId"));
                if (e == null) {
                    yield missing("Maintenance window execution " + body.get("WindowExecutionId").asText() + " does not exist");
                }
                ObjectNode out = executionJson(e);
                out.remove("WindowId");
                ArrayNode ids = out.putArray("TaskIds");
                e.tasks().forEach(t -> ids.add(t.taskExecutionId()));
                yield ok(out);
            }
            case "DescribeMaintenanceWindowExecutionTasks" -> {
                Execution e = executions.get(required(body, "WindowExecutionId"));
                if (e == null) {
                    yield missing("Maintenance window execution does not exist");
                }
                ObjectNode out = MAPPER.createObjectNode();
                ArrayNode list = out.putArray("WindowExecutionTaskIdentities");
                e.tasks().forEach(t -> list.add(taskJson(e, t).put("TaskType", t.type())));
                yield ok(out);
            }
            case "GetMaintenanceWindowExecutionTask" -> {
                Execution e = executions.get(required(body, "WindowExecutionId"));
                Task t = e == null ? null : e.tasks().stream().filter(x -> x.taskExecutionId().equals(required(body, "TaskId"))).findFirst().orElse(null);
                if (t == null) {
                    yield missing("Maintenance window execution task does not exist");
                }
                ObjectNode out = taskJson(e, t);
                out.put("Type", t.type()).put("ServiceRole", "arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM");
                yield ok(out);
            }
            case "DescribeMaintenanceWindowExecutionTaskInvocations" -> {
                Execution e = executions.get(required(body, "WindowExecutionId"));
                Task t = e == null ? null : e.tasks().stream().filter(x -> x.taskExecutionId().equals(required(body, "TaskId"))).findFirst().orElse(null);
                if (t == null) {
                    yield missing("Maintenance window execution task does not exist");
                }
                ObjectNode out = MAPPER.createObjectNode();
                ArrayNode list = out.putArray("WindowExecutionTaskInvocationIdentities");
                for (Invocation i : t.invocations()) {
                    ObjectNode item = list.addObject()
                            .put("WindowExecutionId", e.windowExecutionId()).put("TaskExecutionId", t.taskExecutionId())
                            .put("InvocationId", i.invocationId()).put("ExecutionId", i.executionId()).put("TaskType", t.type())
                            .put("Status", i.status()).put("StatusDetails", i.statusDetails()).put("WindowTargetId", i.windowTargetId())
                            .put("StartTime", e.start().getEpochSecond()).put("EndTime", e.start().getEpochSecond() + 30);
                    if (i.ownerInformation() != null) {
                        item.put("OwnerInformation", i.ownerInformation());
                    }
                    item.put("Parameters", text(Map.of("documentName", t.taskArn(), "instanceIds", i.instanceIds(),
                            "parameters", Map.of("commands", List.of("/opt/siteops/backup.sh")))));
                }
                yield ok(out);
            }
            case "DescribeMaintenanceWindowExecutions" -> describeExecutions(body);
            default -> error(400, "UnknownOperationException", operation);
        };
    }

    private Response describeExecutions(JsonNode body) {
        String windowId = required(body, "WindowId");
        Instant after = null;
        Instant before = null;
        for (JsonNode filter : body.path("Filters")) {
            String value = filter.path("Values").path(0).asText();
            switch (filter.path("Key").asText()) {
                case "ExecutedAfter" -> after = Instant.parse(value);
                case "ExecutedBefore" -> before = Instant.parse(value);
                default -> { return error(400, "ValidationException", "unknown filter key " + filter.path("Key").asText()); }
            }
        }
        int max = body.path("MaxResults").asInt(50);
        if (max < 10 || max > 100) {
            return error(400, "ValidationException", "MaxResults must be between 10 and 100");
        }
        Instant from = after;
        Instant to = before;
        List<Execution> matching = executions.values().stream()
                .filter(e -> e.windowId().equals(windowId))
                .filter(e -> from == null || !e.start().isBefore(from))
                .filter(e -> to == null || !e.start().isAfter(to))
                .sorted(Comparator.comparing(Execution::start).reversed())
                .toList();
        int offset = body.path("NextToken").isTextual() ? Integer.parseInt(body.get("NextToken").asText()) : 0;
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode list = out.putArray("WindowExecutions");
        matching.stream().skip(offset).limit(max).forEach(e -> list.add(executionJson(e)));
        if (offset + max < matching.size()) {
            out.put("NextToken", String.valueOf(offset + max));
        }
        return ok(out);
    }

    private static ObjectNode executionJson(Execution e) {
        ObjectNode out = MAPPER.createObjectNode()
                .put("WindowId", e.windowId()).put("WindowExecutionId", e.windowExecutionId()).put("Status", e.status())
                .put("StartTime", e.start().getEpochSecond());
        if (e.statusDetails() != null) {
            out.put("StatusDetails", e.statusDetails());
        }
        if (e.end() != null) {
            out.put("EndTime", e.end().getEpochSecond());
        }
        return out;
    }

    private static ObjectNode taskJson(Execution e, Task t) {
        ObjectNode out = MAPPER.createObjectNode()
                .put("WindowExecutionId", e.windowExecutionId()).put("TaskExecutionId", t.taskExecutionId())
                .put("TaskArn", t.taskArn()).put("Status", t.status()).put("StartTime", e.start().getEpochSecond());
        if (t.statusDetails() != null) {
            out.put("StatusDetails", t.statusDetails());
        }
        return out;
    }

    private Response patchWindows(String operation, Response forwarded) {
        if ((enabled.isEmpty() && created.isEmpty()) || forwarded.status() != 200
                || !(operation.equals("DescribeMaintenanceWindows") || operation.equals("GetMaintenanceWindow"))) {
            return forwarded;
        }
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(forwarded.body());
            List<JsonNode> windows = new ArrayList<>();
            if (json.has("WindowIdentities")) {
                json.get("WindowIdentities").forEach(windows::add);
            } else {
                windows.add(json);
            }
            for (JsonNode window : windows) {
                Boolean flag = enabled.get(window.path("WindowId").asText());
                if (flag != null) {
                    ((ObjectNode) window).put("Enabled", flag);
                }
                Instant createdDate = created.get(window.path("WindowId").asText());
                if (createdDate != null && operation.equals("GetMaintenanceWindow")) {
                    ((ObjectNode) window).put("CreatedDate", createdDate.getEpochSecond());
                }
            }
            return ok(json);
        } catch (JsonProcessingException e) {
            return forwarded;
        }
    }

    private Response forward(Request request) {
        return motoForwarder.forward(request);
    }

    private static String required(JsonNode body, String field) {
        if (!body.path(field).isTextual()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return body.get(field).asText();
    }

    private static Response ok(ObjectNode json) {
        return new Response(200, Map.of("Content-Type", "application/x-amz-json-1.1"), json.toString());
    }

    private static Response missing(String message) {
        return error(400, "DoesNotExistException", message);
    }

    private static Response error(int status, String code, String message) {
        return AwsJsonForwarder.error(status, code, message);
    }

    private static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the fake until killed: {@code FakeSsmMaintenanceWindows <moto-url>}. Prints its URL (for
     * AWS_ENDPOINT_URL_SSM) on stdout. Without seeded executions, the execution calls answer DoesNotExistException
     * and DescribeMaintenanceWindowExecutions an empty history, as SSM does for a window that never ran.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: FakeSsmMaintenanceWindows <moto_server url>");
            System.exit(2);
        }
        FakeSsmMaintenanceWindows fake = new FakeSsmMaintenanceWindows(URI.create(args[0]));
        System.out.println(fake.endpoint());
        System.out.flush();
        System.err.println("fake-ssm: listening on " + fake.endpoint() + ", forwarding what moto implements to " + args[0]);
    }
}
