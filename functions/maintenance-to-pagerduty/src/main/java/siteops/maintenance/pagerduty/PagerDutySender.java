package siteops.maintenance.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import siteops.common.DeferredTrust;
import siteops.common.Json;
import siteops.common.Log;
import siteops.common.Retrier;
import siteops.common.Text;
import siteops.maintenance.Messages;
import siteops.maintenance.PagerDutyDeliveryException;

/**
 * Posts events to PagerDuty's Events API v2 with the JDK's HTTP client: 202 is done; 429, 5xx and network
 * errors are retried with backoff and jitter within the {@link Retrier}'s bounds; 400 is final and reported
 * with PagerDuty's own error strings. The routing key appears in the request body and nowhere else.
 */
public final class PagerDutySender implements PagerDutyEvents {
    /** PagerDuty's limit for a whole request. */
    static final int MAX_BODY_BYTES = 512 * 1024;

    private final HttpClient http;
    private final URI url;
    private final Duration requestTimeout;
    private final Retrier retrier;

    public PagerDutySender(HttpClient http, URI url, Duration requestTimeout, Retrier retrier) {
        this.http = http;
        this.url = url;
        this.requestTimeout = requestTimeout;
        this.retrier = retrier;
    }

    /** A client suited to Lambda: HTTP/1.1 (one request at a time), short connect timeout, no redirects. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .sslContext(DeferredTrust.sslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A retryable answer (429, 5xx) or network failure. */
    static final class TransientFailure extends Exception {
        final Duration retryAfter;

        TransientFailure(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }

    /** A final refusal (400 and other 4xx). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    public List<SentEvent> sendAll(List<PagerDutyEvent> events, RoutingKey key) {
        List<SentEvent> sent = new ArrayList<>();
        for (PagerDutyEvent event : events) {
            send(key, event);
            SentEvent done = SentEvent.of(event, key);
            Log.info("pagerduty event accepted", "action", done.action(), "dedupKey", done.dedupKey(), "severity", done.severity(),
                    "routingKeySecret", key.secretId());
            sent.add(done);
        }
        return List.copyOf(sent);
    }

    /** Sends one event; returns the dedup_key PagerDuty confirmed. */
    public String send(RoutingKey routingKey, PagerDutyEvent event) {
        byte[] body = body(routingKey, event);
        String what = Messages.pagerDutyCall(event.eventAction(), event.dedupKey());
        try {
            return retrier.call(() -> attempt(body, routingKey), failure -> failure instanceof TransientFailure t
                    ? Optional.of(t.retryAfter) : Optional.empty());
        } catch (Retrier.GaveUpException e) {
            throw switch (e.failure()) {
                case TransientFailure last when e.exhausted() ->
                        new PagerDutyDeliveryException(Messages.notAccepted(what, e.attempts(), last.getMessage()), null);
                case Refused refused -> new PagerDutyDeliveryException(Messages.refused(what, refused.getMessage()), null);
                case TransientFailure last -> new PagerDutyDeliveryException(Messages.notAccepted(what, last.getMessage()), null);
                case Exception other -> new IllegalStateException(
                        Messages.sendFailed(what, scrub(String.valueOf(other.getMessage()), routingKey)), other);
            };
        }
    }

    private String attempt(byte[] body, RoutingKey routingKey) throws TransientFailure, Refused, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransientFailure(Messages.networkError(e.getClass().getSimpleName(),
                    e.getMessage() == null ? null : scrub(e.getMessage(), routingKey)), Duration.ZERO);
        }
        int status = response.statusCode();
        String answer = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            JsonNode json = parse(answer);
            return json != null && json.path("dedup_key").isTextual() ? json.get("dedup_key").asText() : null;
        }
        if (status == 429 || status >= 500) {
            return retryable(status, response, answer, routingKey);
        }
        throw new Refused(describe(status, answer, routingKey));
    }

    private static String retryable(int status, HttpResponse<String> response, String answer, RoutingKey key) throws TransientFailure {
        Duration retryAfter = Duration.ZERO;
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isPresent()) {
            try {
                retryAfter = Duration.ofSeconds(Math.max(0, Math.min(60, Long.parseLong(header.get().trim()))));
            } catch (NumberFormatException e) {
                // an HTTP date or garbage: use the backoff
            }
        }
        throw new TransientFailure(describe(status, answer, key), retryAfter);
    }

    /** "HTTP 400 invalid event: 'payload.severity' is invalid ..." from PagerDuty's JSON answer, without the key. */
    static String describe(int status, String answer, RoutingKey key) {
        JsonNode json = parse(answer);
        List<String> parts = new ArrayList<>();
        if (json != null) {
            if (json.path("status").isTextual()) {
                parts.add(json.get("status").asText());
            }
            if (json.path("errors").isArray()) {
                List<String> errors = new ArrayList<>();
                json.get("errors").forEach(e -> errors.add(e.asText()));
                if (!errors.isEmpty()) {
                    parts.add("errors: " + String.join("; ", errors));
                }
            } else if (json.path("message").isTextual()) {
                parts.add(json.get("message").asText());
            }
        }
        String text = "HTTP " + status + (parts.isEmpty() ? "" : " " + String.join(", ", parts));
        return Text.clip(scrub(text, key), 500);
    }

    private static JsonNode parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.parse(answer.getBytes(StandardCharsets.UTF_8));
            return node.isObject() ? node : null;
        } catch (Json.InvalidJsonException e) {
            return null;
        }
    }

    static String scrub(String text, RoutingKey key) {
        return text.replace(key.reveal(), "[routing key]");
    }

    static byte[] body(RoutingKey routingKey, PagerDutyEvent event) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("routing_key", routingKey.reveal());
        body.setAll((ObjectNode) Json.MAPPER.valueToTree(event));
        byte[] bytes = Json.write(body);
        if (bytes.length > MAX_BODY_BYTES) {
            Log.warn("event larger than PagerDuty accepts; sending it without custom_details", "dedupKey", event.dedupKey(),
                    "bytes", bytes.length);
            ((ObjectNode) body.path("payload")).putObject("custom_details").put("note", "details left out: the event exceeded 512 KB");
            bytes = Json.write(body);
        }
        return bytes;
    }
}
