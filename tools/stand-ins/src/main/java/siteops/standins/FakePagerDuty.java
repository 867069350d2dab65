package siteops.standins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * PagerDuty's Events API v2 ({@code POST /v2/enqueue}) on a loopback port, enforcing its rules: routing key of
 * exactly 32 letters and digits (and, if keys are registered, a known one), event_action enum, dedup_key at most
 * 255 characters and required for acknowledge/resolve, payload with summary (at most 1,024 characters), source and
 * one of the four severities on trigger, custom_details an object, links objects with href, body a JSON object of
 * at most 512 KB. Answers with PagerDuty's bodies. Keeps PagerDuty's alert model per (routing key, dedup_key):
 * a trigger opens an alert or adds to the open one, a resolve closes it, a resolve without an open alert is
 * accepted and dropped. Fault injection: the next N requests answered 429 or 500.
 *
 * <p>Standalone: {@code java -cp ... siteops.standins.FakePagerDuty [port]}; {@code GET /_fake/state} shows the
 * alerts and accepted events (routing keys masked).
 */
public final class FakePagerDuty extends FakeHttpServer {
    public static final String PATH = "/v2/enqueue";
    static final int MAX_BODY_BYTES = 512 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ROUTING_KEY_CHARS = Pattern.compile("[A-Za-z0-9]*");
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    /** One alert as PagerDuty keeps it. {@code events} counts every trigger that landed on it. */
    public static final class Alert {
        private final String routingKey;
        private final String dedupKey;
        private final List<JsonNode> triggers = new ArrayList<>();
        private String status = "triggered";

        Alert(String routingKey, String dedupKey) {
            this.routingKey = routingKey;
            this.dedupKey = dedupKey;
        }

        public String dedupKey() { return dedupKey; }
        public String status() { return status; }
        public boolean isOpen() { return !status.equals("resolved"); }
        public int triggerCount() { synchronized (this) { return triggers.size(); } }
        /** The payload of the first trigger (the alert's title and details). */
        public JsonNode firstPayload() { return triggers.get(0).path("payload"); }
        public String routingKey() { return routingKey; }
    }

    /** One request the fake accepted (202), with its body as received. */
    public record Accepted(String routingKey, String eventAction, String dedupKey, JsonNode body) {}

    private final List<Accepted> accepted = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    private final Set<String> registeredKeys = new java.util.HashSet<>();
    private Runnable onEnqueue = () -> { };
    private int failuresLeft;
    private int failureStatus;
    private int retryAfterSeconds = -1;

    public FakePagerDuty() {
        this(0);
    }

    public FakePagerDuty(int port) {
        super(port);
    }

    /** The enqueue URL to give the function (PAGERDUTY_EVENTS_URL). */
    public String eventsUrl() {
        return endpoint() + PATH;
    }

    /** From now on only these keys are integrations; others get 400 "Invalid routing key". None registered = any well-formed key. */
    public synchronized FakePagerDuty registerRoutingKey(String key) {
        registeredKeys.add(key);
        return this;
    }

    /** Answers the next {@code count} enqueue requests with 429 (optionally with Retry-After). */
    public synchronized void throttleNext(int count, int retryAfterSeconds) {
        failuresLeft = count;
        failureStatus = 429;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Answers the next {@code count} enqueue requests with 500. */
    public synchronized void failNext(int count) {
        failuresLeft = count;
        failureStatus = 500;
        retryAfterSeconds = -1;
    }

    /**
     * Runs {@code action} for every request to the enqueue path, before it is answered: a test advances its
     * simulated clock here to stand for a slow PagerDuty, without real waiting.
     */
    public synchronized void onEnqueue(Runnable action) {
        onEnqueue = action;
    }

    public synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** The 400 answers' first error strings, in order. */
    public synchronized List<String> rejections() {
        return List.copyOf(rejections);
    }

    public synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    public synchronized List<Alert> openAlerts() {
        return alerts.stream().filter(Alert::isOpen).toList();
    }

    /** The latest alert for this key pair, or null. */
    public synchronized Alert alert(String routingKey, String dedupKey) {
        for (int i = alerts.size() - 1; i >= 0; i--) {
            Alert alert = alerts.get(i);
            if (alert.routingKey.equals(routingKey) && alert.dedupKey.equals(dedupKey)) {
                return alert;
            }
        }
        return null;
    }

    public synchronized void reset() {
        accepted.clear();
        alerts.clear();
        rejections.clear();
        failuresLeft = 0;
        onEnqueue = () -> { };
        clearRequests();
    }

    @Override
    protected synchronized Response answer(Request request) {
        if (request.method().equals("GET") && request.path().equals("/_fake/state")) {
            return Response.json(200, state());
        }
        if (!request.path().equals(PATH)) {
            return Response.json(404, "{\"status\":\"Not Found\",\"message\":\"Not Found\"}");
        }
        if (!request.method().equals("POST")) {
            return Response.json(405, "{\"status\":\"Method Not Allowed\",\"message\":\"Use POST\"}");
        }
        onEnqueue.run();
        if (failuresLeft > 0) {
            failuresLeft--;
            if (failureStatus == 429) {
                Map<String, String> headers = new TreeMap<>(Map.of("Content-Type", "application/json; charset=utf-8"));
                if (retryAfterSeconds >= 0) {
                    headers.put("Retry-After", String.valueOf(retryAfterSeconds));
                }
                return new Response(429, headers, "{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too quickly. Please retry later.\"}");
            }
            return Response.json(500, "{\"status\":\"error\",\"message\":\"Internal Server Error\"}");
        }
        if (request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return Response.json(413, "{\"status\":\"Request Entity Too Large\",\"message\":\"Request body exceeds 512 KB\"}");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            rejections.add("JSON parse error");
            return Response.json(400, "{\"status\":\"Unrecognized object\",\"message\":\"Event object format is unrecognized\",\"errors\":[\"JSON parse error\"]}");
        }
        List<String> errors = validate(body);
        if (!errors.isEmpty()) {
            rejections.add(errors.get(0));
            ObjectNode answer = MAPPER.createObjectNode().put("status", "invalid event").put("message", "Event object is invalid");
            ArrayNode list = answer.putArray("errors");
            errors.forEach(list::add);
            return Response.json(400, answer.toString());
        }
        String routingKey = body.get("routing_key").asText();
        String action = body.get("event_action").asText();
        String dedupKey = body.path("dedup_key").isTextual() && !body.get("dedup_key").asText().isBlank()
                ? body.get("dedup_key").asText() : UUID.randomUUID().toString().replace("-", "");
        accepted.add(new Accepted(routingKey, action, dedupKey, body));
        Alert open = alert(routingKey, dedupKey);
        switch (action) {
            case "trigger" -> {
                if (open == null || !open.isOpen()) {
                    open = new Alert(routingKey, dedupKey);
                    alerts.add(open);
                }
                open.triggers.add(body);
            }
            case "acknowledge" -> {
                if (open != null && open.isOpen()) {
                    open.status = "acknowledged";
                }
            }
            default -> {
                if (open != null && open.isOpen()) {
                    open.status = "resolved";
                }
            }
        }
        return Response.json(202, MAPPER.createObjectNode().put("status", "success").put("message", "Event processed")
                .put("dedup_key", dedupKey).toString());
    }

    private List<String> validate(JsonNode body) {
        List<String> errors = new ArrayList<>();
        JsonNode key = body.get("routing_key");
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            errors.add("'routing_key' is missing or blank");
        } else if (key.asText().length() != 32) {
            errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
        } else if (!ROUTING_KEY_CHARS.matcher(key.asText()).matches()) {
            errors.add("'routing_key' cannot contain non-alphanumeric characters.");
        } else if (!registeredKeys.isEmpty() && !registeredKeys.contains(key.asText())) {
            errors.add("Invalid routing key");
        }
        JsonNode action = body.get("event_action");
        if (action == null || !action.isTextual() || action.asText().isBlank()) {
            errors.add("'event_action' is missing or blank");
        } else if (!ACTIONS.contains(action.asText())) {
            errors.add("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
        }
        JsonNode dedup = body.get("dedup_key");
        if (dedup != null && !dedup.isNull()) {
            if (!dedup.isTextual()) {
                errors.add("'dedup_key' must be a string");
            } else if (dedup.asText().length() > 255) {
                errors.add("'dedup_key' is too long (maximum is 255 characters)");
            }
        }
        boolean trigger = action != null && "trigger".equals(action.asText());
        if (action != null && ("resolve".equals(action.asText()) || "acknowledge".equals(action.asText()))
                && (dedup == null || !dedup.isTextual() || dedup.asText().isBlank())) {
            errors.add("'dedup_key' is missing or blank");
        }
        JsonNode payload = body.get("payload");
        if (trigger) {
            if (payload == null || !payload.isObject()) {
                errors.add("'payload' is missing or not an object");
            } else {
                validatePayload(payload, errors);
            }
        }
        JsonNode links = body.get("links");
        if (links != null && !links.isNull()) {
            if (!links.isArray()) {
                errors.add("'links' must be an array");
            } else {
                for (JsonNode link : links) {
                    if (!link.isObject() || !link.path("href").isTextual() || link.get("href").asText().isBlank()) {
                        errors.add("'links' entries must be objects with an 'href'");
                        break;
                    }
                }
            }
        }
        JsonNode images = body.get("images");
        if (images != null && !images.isNull()) {
            if (!images.isArray()) {
                errors.add("'images' must be an array");
            } else {
                for (JsonNode image : images) {
                    if (!image.isObject() || !image.path("src").asText("").startsWith("https://")) {
                        errors.add("'images' entries must be objects with an https 'src'");
                        break;
                    }
                }
            }
        }
        return errors;
    }

    private static void validatePayload(JsonNode payload, List<String> errors) {
        JsonNode summary = payload.get("summary");
        if (summary == null || !summary.isTextual() || summary.asText().isBlank()) {
            errors.add("'payload.summary' is missing or blank");
        } else if (summary.asText().codePointCount(0, summary.asText().length()) > 1024) {
            errors.add("'summary' is too long (maiximum is 1024 characters)");
        }
        JsonNode source = payload.get("source");
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            errors.add("'payload.source' is missing or blank");
        }
        JsonNode severity = payload.get("severity");
        if (severity == null || !severity.isTextual() || severity.asText().isBlank()) {
            errors.add("'payload.severity' is missing or blank");
        } else if (!SEVERITIES.contains(severity.asText())) {
            errors.add("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')");
        }
        JsonNode timestamp = payload.get("timestamp");
        if (timestamp != null && !timestamp.isNull()) {
            if (!timestamp.isTextual() || !isIso8601(timestamp.asText())) {
                errors.add("'payload.timestamp' is invalid (must be an ISO 8601 date-time)");
            }
        }
        for (String field : List.of("component", "group", "class")) {
            JsonNode value = payload.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                errors.add("'payload." + field + "' must be a string");
            }
        }
        JsonNode details = payload.get("custom_details");
        if (details != null && !details.isNull() && !details.isObject()) {
            errors.add("'payload.custom_details' must be an object");
        }
    }

    private static final DateTimeFormatter OFFSET_WITHOUT_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter();

    private static boolean isIso8601(String text) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, OFFSET_WITHOUT_COLON)) {
            try {
                OffsetDateTime.parse(text, format);
                return true;
            } catch (DateTimeException e) {
                // try the next form
            }
        }
        return false;
    }

    /** The state for GET /_fake/state: alerts and accepted events, routing keys masked to their last 4 characters. */
    public synchronized String state() {
        ObjectNode state = MAPPER.createObjectNode();
        ArrayNode alertList = state.putArray("alerts");
        for (Alert alert : alerts) {
            ObjectNode a = alertList.addObject();
            a.put("routing_key", mask(alert.routingKey));
            a.put("dedup_key", alert.dedupKey);
            a.put("status", alert.status);
            a.put("triggers", alert.triggers.size());
            a.put("summary", alert.firstPayload().path("summary").asText(null));
            a.put("severity", alert.firstPayload().path("severity").asText(null));
        }
        ArrayNode events = state.putArray("accepted");
        for (Accepted event : accepted) {
            ObjectNode copy = event.body().deepCopy();
            copy.put("routing_key", mask(event.routingKey()));
            events.add(copy);
        }
        ArrayNode rejected = state.putArray("rejections");
        rejections.forEach(rejected::add);
        state.put("requests", requests().size());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String mask(String key) {
        return key.length() <= 4 ? "****" : "****" + key.substring(key.length() - 4);
    }

    /**
     * Runs the fake until killed: {@code FakePagerDuty [port]} (0 or none = a free port). Prints the enqueue URL
     * on stdout and one line per request on stderr.
     */
    public static void main(String[] args) {
        FakePagerDuty fake = new FakePagerDuty(portArgument(args));
        fake.logRequestsTo("fake-pagerduty: ");
        String url = fake.eventsUrl();
        System.out.println(url);
        System.out.flush();
        System.err.println("fake-pagerduty: listening; POST " + url + ", GET " + url.replace(PATH, "/_fake/state"));
    }
}
