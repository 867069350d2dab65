package siteops.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code DRY_RUN=true}: the function reads what it must and writes nothing, and returns what it would have sent.
 * <p>
 * The gate is the wiring, not the services: each handler builds every outbound write port (GitHub, PagerDuty,
 * DynamoDB, ...) either as the real adapter or as its dry-run adapter, which delegates reads and calls
 * {@link #record} instead of writing. A new write therefore needs a method on a port interface, and the compiler
 * then asks its dry-run adapter what to do with it; no service code tests the flag.
 */
public final class DryRun {
    public static final String VARIABLE = "DRY_RUN";

    /** One write that was not sent: where to ({@code GitHub example-org/site-ops}), what, and exactly what. */
    public record Write(String target, String action, Object content) {}

    /** What a dry-run invocation returns: the writes it held back, and the function's own result as it would be. */
    public record Result(boolean dryRun, String message, List<Write> wouldHaveSent, Object result) {}

    private final List<Write> writes = new ArrayList<>();

    public static boolean requested(Environment env) {
        return env.flag(VARIABLE, false);
    }

    /** Called by the dry-run adapters in place of the write. {@code content} is returned as it is: never a secret. */
    public synchronized void record(String target, String action, Object content) {
        writes.add(new Write(target, action, content));
        Log.info("dry run: not sent", "target", target, "action", action);
    }

    /** The function's logic with an empty record at the start of each invocation and the record in its result. */
    public JsonInvocation.Body around(JsonInvocation.Body body) {
        return event -> {
            synchronized (this) {
                writes.clear();
            }
            Object result = body.apply(event);
            List<Write> held;
            synchronized (this) {
                held = List.copyOf(writes);
                writes.clear();
            }
            return new Result(true, message(held), held, result);
        };
    }

    static String message(List<Write> held) {
        if (held.isEmpty()) {
            return "Dry run (" + VARIABLE + "=true): nothing would have been sent; nothing was written.";
        }
        Map<String, Long> counts = held.stream().collect(Collectors.groupingBy(w -> w.action() + " (" + w.target() + ")",
                LinkedHashMap::new, Collectors.counting()));
        return "Dry run (" + VARIABLE + "=true): nothing was written. Would have sent: " + counts.entrySet().stream()
                .map(e -> e.getValue() == 1 ? e.getKey() : e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining(", ")) + ".";
    }
}
