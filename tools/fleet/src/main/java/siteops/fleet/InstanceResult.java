package siteops.fleet;

import java.time.Duration;

/**
 * How one instance ended: SSM's status and its more specific details, the script's exit code (-1 when it never
 * ran, as SSM reports), how long it ran (null when unknown) and its output (complete when {@code outputComplete}).
 */
public record InstanceResult(String instanceId, String site, String env, String status, String statusDetails, int exitCode,
        Duration duration, String output, boolean outputComplete, String outputSource) {

    /** SSM's most specific words for the outcome: {@code Success}, {@code Failed}, {@code timed out}, {@code Undeliverable}, ... */
    public String statusWords() {
        return StatusWords.of(status, statusDetails);
    }

    public boolean succeeded() {
        return "Success".equals(status);
    }

    public InstanceResult withOutput(String fullOutput, String source) {
        return new InstanceResult(instanceId, site, env, status, statusDetails, exitCode, duration, fullOutput, true, source);
    }
}
