package siteops.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import siteops.standins.AwsJsonForwarder;
import siteops.standins.FakeHttpServer;

/**
 * Systems Manager's JSON protocol for the Run Command calls moto 5.2 lacks or answers too simply: SendCommand is
 * forwarded to moto (which resolves the Targets against its EC2 instances and keeps the command), then this fake
 * owns the command's life: ListCommands (status and counts, one step further on every call, so each poll sees
 * progress), ListCommandInvocations (Details, MaxResults at most 50, NextToken pages), CancelCommand. Invocations
 * move Pending → InProgress → their outcome; right after SendCommand the command lists no invocations. Every other
 * operation goes to moto unchanged. {@link #throttle} makes an operation answer ThrottlingException n times.
 */
final class FakeSsmRunCommand extends FakeHttpServer {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int OUTPUT_LIMIT = 2500;
    static final String TRUNCATED = "\n---Output truncated---";

    /** How one instance's invocation ends, and after how many polls (pending, then in progress). */
    record Outcome(String status, String statusDetails, int exitCode, String output, int pendingPolls, int runningPolls,
            String s3Bucket, String s3Prefix) {
        static Outcome success(String output) {
            return new Outcome("Success", "Success", 0, output, 1, 1, null, null);
        }

        static Outcome failed(int exitCode, String output) {
            return new Outcome("Failed", "Failed", exitCode, output, 1, 1, null, null);
        }

        static Outcome timedOut(String output) {
            return new Outcome("TimedOut", "ExecutionTimedOut", 124, output, 1, 2, null, null);
        }

        static Outcome undeliverable() {
            return new Outcome("Failed", "Undeliverable", -1, "", 2, 0, null, null);
        }

        Outcome withS3(String bucket, String prefix) {
            return new Outcome(status, statusDetails, exitCode, output, pendingPolls, runningPolls, bucket, prefix);
        }
    }

    private static final class FakeCommand {
        final String id;
        final JsonNode sent;
        final List<String> instanceIds;
        final Map<String, Outcome> outcomes = new LinkedHashMap<>();
        int polls;
        boolean cancelled;
        final Map<String, String> cancelledStatus = new HashMap<>();

        FakeCommand(String id, JsonNode sent, List<String> instanceIds) {
            this.id = id;
            this.sent = sent;
            this.instanceIds = instanceIds;
        }
    }

    private final AwsJsonForwarder motoForwarder;
    private final Map<String, FakeCommand> commands = new LinkedHashMap<>();
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private final Set<String> offline = new HashSet<>();
    private final Map<String, Integer> throttles = new HashMap<>();
    private final List<String> operations = new ArrayList<>();
    private final List<JsonNode> sentCommands = new ArrayList<>();
    private BiFunction<JsonNode, String, Outcome> onSend = (sent, instanceId) -> null;
    private Outcome defaultOutcome = Outcome.success("ok\n");
    private int listDelayPolls = 1;
    private int pageSize = 50;

    FakeSsmRunCommand(URI moto) {
        this.motoForwarder = new AwsJsonForwarder(moto);
    }

    /** The outcome of the instance's next invocations (default: success, output "ok"). */
    synchronized FakeSsmRunCommand outcome(String instanceId, Outcome outcome) {
        outcomes.put(instanceId, outcome);
        return this;
    }

    /** Decides outcomes when a command arrives (the test plays the server, e.g. uploads what aws s3 sync would). */
    synchronized FakeSsmRunCommand onSend(BiFunction<JsonNode, String, Outcome> hook) {
        this.onSend = hook;
        return this;
    }

    /** An instance whose agent is offline: SSM never invokes it. */
    synchronized FakeSsmRunCommand offline(String instanceId) {
        offline.add(instanceId);
        return this;
    }

    /** Polls during which a new command lists no invocations and no target count yet. */
    synchronized FakeSsmRunCommand listDelay(int polls) {
        this.listDelayPolls = polls;
        return this;
    }

    /** Pages smaller than MaxResults, as SSM may return. */
    synchronized FakeSsmRunCommand pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    synchronized FakeSsmRunCommand throttle(String operation, int times) {
        throttles.put(operation, times);
        return this;
    }

    synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    synchronized long count(String operation) {
        return operations.stream().filter(operation::equals).count();
    }

    synchronized String lastCommandId() {
        return commands.isEmpty() ? null : List.copyOf(commands.keySet()).getLast();
    }

    /** The SendCommand request bodies, as received. */
    synchronized List<JsonNode> sentCommands() {
        return List.copyOf(sentCommands);
    }

    @Override
    protected synchronized Response answer(Request request) {
        if (request.path().startsWith("/fake/")) {
            return control(request);
        }
        String target = request.headers().getOrDefault("x-amz-target", "");
        if (!request.method().equals("POST") || !target.startsWith("AmazonSSM.")) {
            return error(400, "UnknownOperationException", "expected POST / with X-Amz-Target: AmazonSSM.<Operation>");
        }
        if (!request.headers().containsKey("authorization")) {
            return error(400, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        String operation = target.substring("AmazonSSM.".length());
        operations.add(operation);
        Integer throttled = throttles.get(operation);
        if (throttled != null && throttled > 0) {
            throttles.put(operation, throttled - 1);
            return error(400, "ThrottlingException", "Rate exceeded");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body().isBlank() ? "{}" : request.body());
        } catch (JsonProcessingException e) {
            return error(400, "SerializationException", "body is not JSON");
        }
        return switch (operation) {
            case "SendCommand" -> sendCommand(request, body);
            case "ListCommands" -> commands.containsKey(body.path("CommandId").asText()) ? listCommands(commands.get(body.get("CommandId").asText()))
                    : forward(request);
            case "ListCommandInvocations" -> listInvocations(body);
            case "CancelCommand" -> cancel(body);
            default -> forward(request);
        };
    }

    private Response sendCommand(Request request, JsonNode body) {
        sentCommands.add(body);
        if (body.has("InstanceIds")) {
            return error(400, "ValidationException", "this fake expects Targets, as bin/fleet sends");
        }
        Response forwarded = forward(request);
        if (forwarded.status() != 200) {
            return forwarded;
        }
        try {
            JsonNode command = MAPPER.readTree(forwarded.body()).get("Command");
            List<String> ids = new ArrayList<>();
            command.get("InstanceIds").forEach(id -> ids.add(id.asText()));
            ids.removeAll(offline);
            ids.sort(null);
            FakeCommand fake = new FakeCommand(command.get("CommandId").asText(), body, ids);
            for (String id : ids) {
                Outcome hooked = onSend.apply(body, id);
                fake.outcomes.put(id, hooked != null ? hooked : outcomes.getOrDefault(id, defaultOutcome));
            }
            commands.put(fake.id, fake);
            ObjectNode answer = MAPPER.createObjectNode();
            ObjectNode out = answer.putObject("Command");
            out.put("CommandId", fake.id).put("DocumentName", body.path("DocumentName").asText()).put("Status", "Pending")
                    .put("TargetCount", 0).put("CompletedCount", 0).put("ErrorCount", 0).put("DeliveryTimedOutCount", 0);
            return ok(answer);
        } catch (JsonProcessingException e) {
            return error(500, "InternalServerError", "moto answered no JSON");
        }
    }

    /** Each ListCommands is one poll: the command moves one step on. */
    private Response listCommands(FakeCommand command) {
        command.polls++;
        ObjectNode answer = MAPPER.createObjectNode();
        ObjectNode out = answer.putArray("Commands").addObject();
        boolean listed = command.polls > listDelayPolls;
        int completed = 0;
        int errors = 0;
        int deliveryTimedOut = 0;
        boolean allDone = listed;
        Set<String> finals = new HashSet<>();
        for (String id : command.instanceIds) {
            String[] state = state(command, id);
            if (StatusWords.terminal(state[0])) {
                completed++;
                finals.add(state[0]);
                if (!state[0].equals("Success")) {
                    errors++;
                }
            } else {
                allDone = false;
            }
        }
        String status = !allDone ? (listed ? "InProgress" : "Pending")
                : command.cancelled ? "Cancelled"
                : finals.contains("Failed") ? "Failed" : finals.contains("TimedOut") ? "TimedOut" : "Success";
        out.put("CommandId", command.id).put("Status", status).put("TargetCount", listed ? command.instanceIds.size() : 0)
                .put("CompletedCount", listed ? completed : 0).put("ErrorCount", listed ? errors : 0).put("DeliveryTimedOutCount", deliveryTimedOut)
                .put("DocumentName", command.sent.path("DocumentName").asText());
        return ok(answer);
    }

    /** {status, details} of an instance's invocation at the command's current poll. */
    private String[] state(FakeCommand command, String instanceId) {
        String cancelled = command.cancelledStatus.get(instanceId);
        if (cancelled != null) {
            return new String[] {cancelled, cancelled};
        }
        Outcome outcome = command.outcomes.get(instanceId);
        int step = command.polls - listDelayPolls;
        if (step <= outcome.pendingPolls()) {
            return new String[] {"Pending", "Pending"};
        }
        if (step <= outcome.pendingPolls() + outcome.runningPolls()) {
            return new String[] {"InProgress", "InProgress"};
        }
        return new String[] {outcome.status(), outcome.statusDetails()};
    }

    private Response listInvocations(JsonNode body) {
        FakeCommand command = commands.get(body.path("CommandId").asText());
        if (command == null) {
            return error(400, "InvalidCommandId", "Invalid command id.");
        }
        int max = body.path("MaxResults").asInt(50);
        if (max < 1 || max > 50) {
            return error(400, "ValidationException", "MaxResults must be between 1 and 50");
        }
        int page = Math.min(max, pageSize);
        int offset = body.path("NextToken").isTextual() ? Integer.parseInt(body.get("NextToken").asText()) : 0;
        List<String> listed = command.polls > listDelayPolls ? command.instanceIds : List.of();
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("CommandInvocations");
        for (String id : listed.subList(Math.min(offset, listed.size()), Math.min(offset + page, listed.size()))) {
            list.add(invocation(command, id, body.path("Details").asBoolean(false)));
        }
        if (offset + page < listed.size()) {
            answer.put("NextToken", String.valueOf(offset + page));
        }
        return ok(answer);
    }

    private ObjectNode invocation(FakeCommand command, String instanceId, boolean details) {
        String[] state = state(command, instanceId);
        Outcome outcome = command.outcomes.get(instanceId);
        boolean finished = StatusWords.terminal(state[0]);
        ObjectNode out = MAPPER.createObjectNode().put("CommandId", command.id).put("InstanceId", instanceId)
                .put("DocumentName", command.sent.path("DocumentName").asText()).put("Status", state[0]).put("StatusDetails", state[1]);
        if (command.sent.has("CloudWatchOutputConfig")) {
            out.set("CloudWatchOutputConfig", command.sent.get("CloudWatchOutputConfig"));
        }
        if (details) {
            ObjectNode plugin = out.putArray("CommandPlugins").addObject().put("Name", "aws:runShellScript")
                    .put("Status", state[0]).put("StatusDetails", state[1]);
            if (finished) {
                String text = command.cancelled && command.cancelledStatus.containsKey(instanceId) ? "" : outcome.output();
                plugin.put("ResponseCode", command.cancelledStatus.containsKey(instanceId) ? -1 : outcome.exitCode())
                        .put("ResponseStartDateTime", 1_764_650_000.0).put("ResponseFinishDateTime", 1_764_650_000.0 + 42)
                        .put("Output", text.length() > OUTPUT_LIMIT ? text.substring(0, OUTPUT_LIMIT - TRUNCATED.length()) + TRUNCATED : text);
                if (outcome.s3Bucket() != null) {
                    plugin.put("OutputS3BucketName", outcome.s3Bucket()).put("OutputS3KeyPrefix", outcome.s3Prefix());
                }
            }
        }
        return out;
    }

    private Response cancel(JsonNode body) {
        FakeCommand command = commands.get(body.path("CommandId").asText());
        if (command == null) {
            return error(400, "InvalidCommandId", "Invalid command id.");
        }
        command.cancelled = true;
        for (String id : command.instanceIds) {
            if (!StatusWords.terminal(state(command, id)[0])) {
                command.cancelledStatus.put(id, "Cancelled");
            }
        }
        return ok(MAPPER.createObjectNode());
    }

    /**
     * The standalone fake's controls (bench/fleet.sh): {@code GET /fake/operations} counts the SSM calls received,
     * {@code POST /fake/reset?pending=N&running=M} forgets them and sets how many polls every invocation takes.
     */
    private Response control(Request request) {
        if (request.path().equals("/fake/operations")) {
            ObjectNode counts = MAPPER.createObjectNode();
            operations.forEach(operation -> counts.put(operation, counts.path(operation).asInt(0) + 1));
            return Response.json(200, counts.toString());
        }
        if (request.path().equals("/fake/reset") && request.method().equals("POST")) {
            Map<String, Integer> query = new HashMap<>();
            for (String pair : (request.query() == null ? "" : request.query()).split("&")) {
                if (pair.contains("=")) {
                    query.put(pair.substring(0, pair.indexOf('=')), Integer.parseInt(pair.substring(pair.indexOf('=') + 1)));
                }
            }
            operations.clear();
            commands.clear();
            defaultOutcome = new Outcome("Success", "Success", 0, "ok\n", query.getOrDefault("pending", 1), query.getOrDefault("running", 1), null, null);
            return Response.json(200, "{}");
        }
        return Response.json(404, "{\"message\": \"no such control\"}");
    }

    /** Runs the fake until killed: {@code FakeSsmRunCommand <moto-url>}; prints its URL (for AWS_ENDPOINT_URL_SSM). */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: FakeSsmRunCommand <moto_server url>");
            System.exit(2);
        }
        FakeSsmRunCommand fake = new FakeSsmRunCommand(URI.create(args[0]));
        System.out.println(fake.endpoint());
        System.out.flush();
    }

    private Response forward(Request request) {
        return motoForwarder.forward(request);
    }

    private static Response ok(ObjectNode json) {
        return new Response(200, Map.of("Content-Type", "application/x-amz-json-1.1"), json.toString());
    }

    private static Response error(int status, String code, String message) {
        return AwsJsonForwarder.error(status, code, message);
    }
}
