package siteops.sites;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the fields of one YAML mapping, recording a {@link Problem} (with the line of the offending node) for
 * every missing, malformed or unknown field instead of stopping at the first one.
 */
final class YamlMapping {

    private final String file;
    private final String prefix;
    private final MappingNode node;
    private final List<Problem> problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final List<String> read = new ArrayList<>();

    YamlMapping(String file, String prefix, MappingNode node, List<Problem> problems) {
        this.file = file;
        this.prefix = prefix;
        this.node = node;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "";
            if (entries.containsKey(key)) {
                problem(tuple.getKeyNode(), key, "duplicate field (first given on line " + line(entries.get(key).getKeyNode()) + ")");
            } else {
                entries.put(key, tuple);
            }
        }
    }

    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
    }

    void problem(Node at, String field, String message) {
        problems.add(new Problem(file, line(at), prefix + field, message));
    }

    /** The field's text, or a problem when it is required and absent. Empty when absent or not a scalar. */
    Optional<String> string(String field, boolean required) {
        read.add(field);
        NodeTuple tuple = entries.get(field);
        if (tuple == null) {
            if (required) {
                problems.add(new Problem(file, line(node), prefix + field, "missing (required)"));
            }
            return Optional.empty();
        }
        if (!(tuple.getValueNode() instanceof ScalarNode scalar) || scalar.getValue().isEmpty()) {
            problem(tuple.getValueNode(), field, "must be a single value");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    /** A text field checked by {@code check}, which returns the problem or null. */
    Optional<String> string(String field, boolean required, Function<String, String> check) {
        Optional<String> value = string(field, required);
        if (value.isPresent()) {
            String wrong = check.apply(value.get());
            if (wrong != null) {
                problem(entries.get(field).getValueNode(), field, wrong);
                return Optional.empty();
            }
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}; empty when absent or wrong (a problem then). */
    Optional<Integer> integer(String field, boolean required, int min, int max) {
        return inRange(field, required, Integer::parseInt, min, max, "a whole number from " + min + " to " + max).map(Integer::valueOf);
    }

    /** A number from {@code min} to {@code max}; empty when absent or wrong (a problem then). */
    Optional<Double> decimal(String field, boolean required, double min, double max) {
        return inRange(field, required, Double::parseDouble, min, max,
                "a number from " + RootModule.number(min) + " to " + RootModule.number(max)).map(Double::valueOf);
    }

    /** The field's text when {@code parse} reads it as a number from {@code min} to {@code max}. */
    private Optional<String> inRange(String field, boolean required, ToDoubleFunction<String> parse, double min, double max, String expected) {
        return string(field, required, text -> {
            try {
                double value = parse.applyAsDouble(text);
                if (value >= min && value <= max) {
                    return null;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            return "must be " + expected + ", got '" + text + "'";
        });
    }

    /**
     * A list of text values, each checked by {@code check} (problem text or null); an empty list is the problem
     * {@code whenEmpty} unless that is null. Empty when absent or not a list.
     */
    Optional<List<String>> strings(String field, boolean required, Function<String, String> check, String whenEmpty) {
        read.add(field);
        NodeTuple tuple = entries.get(field);
        if (tuple == null) {
            if (required) {
                problems.add(new Problem(file, line(node), prefix + field, "missing (required)"));
            }
            return Optional.empty();
        }
        if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
            problem(tuple.getValueNode(), field, "must be a list");
            return Optional.empty();
        }
        if (sequence.getValue().isEmpty() && whenEmpty != null) {
            problem(sequence, field, whenEmpty);
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String wrong = item instanceof ScalarNode scalar ? check.apply(scalar.getValue()) : "must be a single value";
            if (wrong != null) {
                problem(item, field, wrong);
            } else {
                values.add(((ScalarNode) item).getValue());
            }
        }
        return Optional.of(values);
    }

    /** A nested mapping; absent gives an empty mapping so that defaults apply. */
    YamlMapping mapping(String field, boolean required) {
        read.add(field);
        NodeTuple tuple = entries.get(field);
        if (tuple == null) {
            if (required) {
                problems.add(new Problem(file, line(node), prefix + field, "missing (required)"));
            }
            return new YamlMapping(file, prefix + field + ".", new MappingNode(node.getTag(), List.of(), node.getFlowStyle()), new ArrayList<>());
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            problem(tuple.getValueNode(), field, "must be a mapping of fields");
            return new YamlMapping(file, prefix + field + ".", new MappingNode(node.getTag(), List.of(), node.getFlowStyle()), new ArrayList<>());
        }
        return new YamlMapping(file, prefix + field + ".", mapping, problems);
    }

    /** The field's value node, or this mapping's node when the field is absent (for a problem's line). */
    Node nodeOf(String field) {
        NodeTuple tuple = entries.get(field);
        return tuple == null ? node : tuple.getValueNode();
    }

    /** Whether the mapping gives the field at all (whatever its value). */
    boolean has(String field) {
        return entries.containsKey(field);
    }

    /** Whether a reader already asked for the field (or rejected it). */
    boolean wasRead(String field) {
        return read.contains(field);
    }

    /** Reports a field that the site's template does not use. */
    void reject(String field, String reason) {
        read.add(field);
        NodeTuple tuple = entries.get(field);
        if (tuple != null) {
            problem(tuple.getKeyNode(), field, reason);
        }
    }

    /** Reports every field that no reader asked for; call after reading all known fields. */
    void rejectUnknown() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                problem(entry.getValue().getKeyNode(), entry.getKey(), "unknown field (known here: " + String.join(", ", read) + ")");
            }
        }
    }
}
