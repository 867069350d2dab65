package siteops.common;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * Structured logs: one JSON object per line on stderr, with the function name and the request id of the
 * invocation in progress. Callers pass fields as key/value pairs; never pass a secret or a whole payload.
 * <p>
 * The lines follow Lambda's JSON log format: with {@code LoggingConfig.LogFormat: JSON} Lambda keeps them as they
 * are and filters them by their {@code "level"} field against {@code ApplicationLogLevel}, which it also passes to
 * the function as {@code AWS_LAMBDA_LOG_LEVEL}. The function applies the same threshold itself (see
 * {@link #configure}), so nothing below it is even formatted, and locally the variable works the same way.
 */
public final class Log {
    /** Lambda's application log levels, from the most detailed to the least. */
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR, FATAL }

    /** Set by Lambda from {@code LoggingConfig.ApplicationLogLevel}; locally set it yourself. */
    public static final String LEVEL_VARIABLE = "AWS_LAMBDA_LOG_LEVEL";

    /**
     * The level of Embedded Metric Format lines. Lambda gives a line without a valid "level" the level INFO, so at
     * ApplicationLogLevel WARN or above it would drop an unlevelled metric line, and with it the count the purge
     * alarm subtracts (editors' typos would page). FATAL is the least detailed level: Lambda keeps it at every
     * ApplicationLogLevel. These lines are counts, not failures; readers filter on "_aws" to tell them apart.
     */
    static final Level METRIC_LEVEL = Level.FATAL;

    /** CloudWatch namespace of the metrics written with {@link #count}. */
    public static final String METRICS_NAMESPACE = "siteops";

    private static volatile String function = firstNonBlank(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), "siteops");
    private static volatile String requestId;
    private static volatile Level threshold = Level.INFO;
    private static volatile PrintStream out = System.err;

    private Log() {}

    /** Called at the start of every invocation, so each line carries its request id. */
    public static void beginInvocation(String functionName, String awsRequestId) {
        if (functionName != null && !functionName.isBlank()) {
            function = functionName;
        }
        requestId = awsRequestId;
    }

    public static boolean enabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public static void debug(String message, Object... fields) { write(Level.DEBUG, message, null, fields); }
    public static void info(String message, Object... fields) { write(Level.INFO, message, null, fields); }
    public static void warn(String message, Object... fields) { write(Level.WARN, message, null, fields); }
    public static void error(String message, Throwable error, Object... fields) { write(Level.ERROR, message, error, fields); }

    public static void write(Level level, String message, Throwable error, Object... fields) {
        if (!enabled(level)) {
            return;
        }
        var buffer = new java.io.ByteArrayOutputStream(256);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator((OutputStream) buffer)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeStringField("level", level.name());
            json.writeStringField("function", function);
            if (requestId != null) {
                json.writeStringField("requestId", requestId);
            }
            json.writeStringField("message", message);
            for (int i = 0; i + 1 < fields.length; i += 2) {
                json.writeFieldName(String.valueOf(fields[i]));
                writeValue(json, fields[i + 1]);
            }
            if (error != null) {
                json.writeStringField("errorType", error.getClass().getName());
                json.writeStringField("errorMessage", String.valueOf(error.getMessage()));
                if (level == Level.ERROR) {
                    json.writeStringField("stackTrace", stackTrace(error));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(Messages.logLineNotWritten(), e);
        }
        emit(buffer);
    }

    /**
     * One CloudWatch Embedded Metric Format line: CloudWatch turns it into a count of {@code name} in namespace
     * {@code siteops}, dimension {@code Function}, without an API call.
     */
    public static void count(String name) {
        count(METRICS_NAMESPACE, name, "Function", function);
    }

    /**
     * One Embedded Metric Format line counting {@code name} (1, unit Count) in {@code namespace} with the single
     * dimension {@code dimension} = {@code value}, e.g. purges per site.
     */
    public static void count(String namespace, String name, String dimension, String value) {
        var buffer = new java.io.ByteArrayOutputStream(256);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator((OutputStream) buffer)) {
            json.writeStartObject();
            json.writeStringField("level", METRIC_LEVEL.name());
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", System.currentTimeMillis());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            json.writeString(dimension);
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            json.writeStartObject();
            json.writeStringField("Name", name);
            json.writeStringField("Unit", "Count");
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField(dimension, value);
            if (!dimension.equals("function")) {
                // A plain log field like every line's (not a dimension: only the declared ones are).
                json.writeStringField("function", function);
            }
            if (requestId != null) {
                json.writeStringField("requestId", requestId);
            }
            json.writeNumberField(name, 1);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(Messages.metricLineNotWritten(), e);
        }
        emit(buffer);
    }

    /** One finished line, written whole so concurrent threads never interleave within it. */
    private static void emit(java.io.ByteArrayOutputStream line) {
        PrintStream target = out;
        synchronized (Log.class) {
            target.println(line.toString(java.nio.charset.StandardCharsets.UTF_8));
            target.flush();
        }
    }

    /** Tests redirect the log to inspect it. */
    public static PrintStream redirect(PrintStream target) {
        PrintStream previous = out;
        out = target;
        return previous;
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>
                || value instanceof com.fasterxml.jackson.databind.JsonNode || value instanceof Record) {
            Json.MAPPER.writeValue(json, value);
        } else {
            json.writeString(String.valueOf(value));
        }
    }

    private static String stackTrace(Throwable error) {
        var text = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    /**
     * Applies {@code AWS_LAMBDA_LOG_LEVEL} (INFO when unset). Called at init through {@link Startup}: a level
     * Lambda would not accept is a configuration error naming the variable, never a silent INFO.
     */
    public static void configure(Environment env) {
        threshold = parseLevel(env.optional(LEVEL_VARIABLE, null));
    }

    static Level parseLevel(String value) {
        if (value == null) {
            return Level.INFO;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(Messages.notALogLevel(LEVEL_VARIABLE, Level.values(), value));
        }
    }

    /** The threshold in force, for libraries that ask before formatting. */
    public static Level level() {
        return threshold;
    }

    private static String firstNonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
