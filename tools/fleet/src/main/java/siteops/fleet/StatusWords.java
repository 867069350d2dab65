package siteops.fleet;

import java.util.Map;
import java.util.Set;

/** Maps SSM's invocation Status and StatusDetails to the words an SRE reads, and tells terminal states apart. */
public final class StatusWords {
    /** Command and invocation statuses after which nothing changes any more. */
    private static final Set<String> TERMINAL = Set.of("Success", "Failed", "TimedOut", "Cancelled");

    // StatusDetails that say more than Status does (Status alone would say Failed or TimedOut).
    private static final Map<String, String> SPECIFIC = Map.of(
            "ExecutionTimedOut", "timed out",
            "DeliveryTimedOut", "delivery timed out",
            "Undeliverable", "Undeliverable",
            "Terminated", "Terminated",
            "InvalidPlatform", "InvalidPlatform",
            "AccessDenied", "AccessDenied",
            "NoInstancesInTag", "NoInstancesInTag");

    private StatusWords() {}

    public static String of(String status, String details) {
        if (details != null && SPECIFIC.containsKey(details)) {
            return SPECIFIC.get(details);
        }
        if ("TimedOut".equals(status)) {
            return "timed out";
        }
        return status == null ? "unknown" : status;
    }

    public static boolean terminal(String status) {
        return TERMINAL.contains(status);
    }
}
