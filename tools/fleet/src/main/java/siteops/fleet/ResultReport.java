package siteops.fleet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import siteops.common.Json;

/**
 * What {@code bin/fleet run} prints on stdout: one line per instance, the end of the output of every instance that
 * did not succeed, and {@code N succeeded, M failed} last; or, with {@code --json}, one JSON document.
 */
public record ResultReport(List<String> commandIds, List<InstanceResult> results) {
    /** At least the last five lines of a failure's output are shown; ten give a stack trace's context. */
    static final int FAILURE_TAIL_LINES = 10;

    public ResultReport {
        commandIds = List.copyOf(commandIds);
        results = results.stream().sorted(Comparator.comparing(InstanceResult::site).thenComparing(InstanceResult::instanceId)).toList();
    }

    public long succeeded() {
        return results.stream().filter(InstanceResult::succeeded).count();
    }

    public long failed() {
        return results.size() - succeeded();
    }

    /** 0 when every targeted instance succeeded, 1 otherwise (and when nothing was targeted). */
    public int exitCode() {
        return !results.isEmpty() && failed() == 0 ? 0 : 1;
    }

    public String summaryLine() {
        return succeeded() + " succeeded, " + failed() + " failed";
    }

    public String text() {
        List<String> lines = new ArrayList<>();
        int siteWidth = Math.max(4, results.stream().mapToInt(r -> r.site().length()).max().orElse(0));
        int statusWidth = Math.max(6, results.stream().mapToInt(r -> r.statusWords().length()).max().orElse(0));
        String format = "%-" + siteWidth + "s  %-4s  %-19s  %-" + statusWidth + "s  %4s  %s";
        lines.add(String.format(format, "SITE", "ENV", "INSTANCE", "STATUS", "EXIT", "DURATION").stripTrailing());
        for (InstanceResult r : results) {
            lines.add(String.format(format, r.site(), r.env(), r.instanceId(), r.statusWords(),
                    r.exitCode() < 0 ? "-" : String.valueOf(r.exitCode()), duration(r.duration())).stripTrailing());
        }
        for (InstanceResult r : results) {
            if (r.succeeded()) {
                continue;
            }
            List<String> output = tail(r.output(), FAILURE_TAIL_LINES);
            String source = r.outputComplete() ? (r.outputSource() == null ? "" : ", complete output from " + r.outputSource())
                    : ", SSM kept only the first 2,500 characters";
            lines.add("");
            lines.add("--- " + r.site() + " " + r.instanceId() + " " + r.statusWords() + ": "
                    + (output.isEmpty() ? "no output" : "last " + output.size() + " lines of output" + source));
            output.forEach(line -> lines.add("    " + line));
        }
        lines.add("");
        lines.add(summaryLine());
        return String.join("\n", lines) + "\n";
    }

    public String json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("commandId", commandIds.isEmpty() ? null : commandIds.getFirst());
        ArrayNode ids = root.putArray("commandIds");
        commandIds.forEach(ids::add);
        ArrayNode instances = root.putArray("instances");
        for (InstanceResult r : results) {
            ObjectNode node = instances.addObject()
                    .put("instanceId", r.instanceId()).put("site", r.site()).put("env", r.env())
                    .put("status", r.statusWords()).put("exitCode", r.exitCode()).put("output", r.output() == null ? "" : r.output());
            if (r.duration() != null) {
                node.put("durationSeconds", r.duration().toSeconds());
            }
        }
        root.put("succeeded", succeeded());
        root.put("failed", failed());
        return Json.text(root) + "\n";
    }

    static List<String> tail(String output, int count) {
        if (output == null || output.isBlank()) {
            return List.of();
        }
        List<String> lines = Arrays.asList(output.stripTrailing().split("\r?\n", -1));
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    static String duration(Duration duration) {
        if (duration == null) {
            return "-";
        }
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + "s" : seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }
}
