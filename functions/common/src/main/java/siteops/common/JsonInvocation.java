package siteops.common;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * The frame every siteops handler shares: read the event as JSON, run the function's logic, write its result as
 * JSON, and log the outcome with the request id. Bad input is logged as a warning, counted as the metric
 * {@code BadInput} (so alarms can tell an editor's typo from a failure) and rethrown, so the caller (Chatbot,
 * EventBridge, bin/invoke) sees the function's own message; anything else is logged with its stack trace and
 * rethrown, so Lambda retries and the on-failure destination records it.
 */
public final class JsonInvocation {
    /** The function's logic: event in, result object out. */
    @FunctionalInterface
    public interface Body {
        Object apply(JsonNode event) throws Exception;
    }

    private JsonInvocation() {}

    /**
     * @param badInput makes the function's own bad-input error (its type is what the caller sees) for an event
     *                 that is not JSON
     */
    public static void handle(InputStream input, OutputStream output, Context context,
                              Function<String, ? extends BadInputException> badInput, Body body) throws IOException {
        Log.beginInvocation(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId());
        long started = System.nanoTime();
        try {
            JsonNode event;
            try {
                event = Json.parse(input.readAllBytes());
            } catch (Json.InvalidJsonException e) {
                throw badInput.apply(Messages.eventNotJson(e.getMessage()));
            }
            Object result = body.apply(event);
            output.write(Json.write(result));
            output.flush();
            Log.info("invocation finished", "durationMillis", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | IOException e) {
            logFailure(e, started);
            throw e;
        } catch (Exception e) {
            logFailure(e, started);
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void logFailure(Exception e, long started) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (e instanceof BadInputException) {
            Log.warn("invocation refused: bad input", "reason", e.getMessage(), "durationMillis", millis);
            Log.count("BadInput");
        } else {
            Log.error("invocation failed", e, "durationMillis", millis);
        }
    }
}
