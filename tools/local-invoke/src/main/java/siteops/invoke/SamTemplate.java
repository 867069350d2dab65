package siteops.invoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads the functions of a SAM template the way `sam local invoke` does: Globals merged into each function,
 * parameters from their defaults (or overrides), and the intrinsic functions that make sense locally resolved
 * (Ref, Fn::Sub, Fn::Join, Fn::GetAtt as a placeholder). CloudFormation's short tags (!Ref, !Sub) are kept
 * by composing YAML nodes rather than constructing Java objects.
 */
final class SamTemplate {
    static final String ACCOUNT_ID = "123456789012";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final Path directory;
    private final MappingNode root;
    private final Map<String, String> parameters;
    private final String region;

    private SamTemplate(Path directory, MappingNode root, Map<String, String> parameters, String region) {
        this.directory = directory;
        this.root = root;
        this.parameters = parameters;
        this.region = region;
    }

    static SamTemplate read(Path file, Map<String, String> parameterOverrides, String region) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw InvokeException.unreadable("template", file, e);
        }
        Node node;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setCodePointLimit(10 * 1024 * 1024).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            node = composer.getSingleNode().orElseThrow(() -> new InvokeException("template " + file + " is empty"));
        } catch (RuntimeException e) {
            if (e instanceof InvokeException invoke) {
                throw invoke;
            }
            throw new InvokeException("template " + file + " is not valid YAML: " + e.getMessage());
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new InvokeException("template " + file + " is not a YAML mapping");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        child(mapping, "Parameters").filter(MappingNode.class::isInstance).ifPresent(params -> {
            for (NodeTuple entry : ((MappingNode) params).getValue()) {
                String name = scalar(entry.getKeyNode());
                child(entry.getValueNode(), "Default").map(SamTemplate::scalarOrNull).ifPresent(value -> parameters.put(name, value));
            }
        });
        parameterOverrides.forEach((name, value) -> {
            if (!parameters.containsKey(name) && child(mapping, "Parameters").flatMap(p -> child(p, name)).isEmpty()) {
                throw new InvokeException("--parameter-overrides names '" + name + "', which is not a parameter of the template");
            }
            parameters.put(name, value);
        });
        return new SamTemplate(file.toAbsolutePath().getParent(), mapping, parameters, region);
    }

    /**
     * The function meant by a name that is not a logical id: the same id in other case, the id of the deployed
     * function name given (siteops-cdn-purge), or an id a few typos away.
     */
    Optional<String> closest(String given) {
        String wanted = given.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = 4; // more edits than this is another name, not a typo
        for (String id : functionIds()) {
            if (id.equalsIgnoreCase(given) || deployedName(id).equalsIgnoreCase(given)) {
                return Optional.of(id);
            }
            int distance = editDistance(id.toLowerCase(java.util.Locale.ROOT), wanted);
            if (distance < bestDistance) {
                best = id;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private String deployedName(String id) {
        try {
            return function(id).functionName();
        } catch (InvokeException e) {
            return "";
        }
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    List<String> functionIds() {
        List<String> ids = new ArrayList<>();
        child(root, "Resources").filter(MappingNode.class::isInstance).ifPresent(resources -> {
            for (NodeTuple entry : ((MappingNode) resources).getValue()) {
                if (child(entry.getValueNode(), "Type").map(SamTemplate::scalarOrNull).filter("AWS::Serverless::Function"::equals).isPresent()) {
                    ids.add(scalar(entry.getKeyNode()));
                }
            }
        });
        return ids;
    }

    FunctionSpec function(String logicalId) {
        Node resource = child(root, "Resources").flatMap(r -> child(r, logicalId))
                .filter(r -> child(r, "Type").map(SamTemplate::scalarOrNull).filter("AWS::Serverless::Function"::equals).isPresent())
                .orElseThrow(() -> new InvokeException("template has no function '" + logicalId + "'"
                        + closest(logicalId).map(id -> "; did you mean " + id + "? Its").orElse("; its")
                        + " functions are: " + String.join(", ", functionIds())));
        Node properties = child(resource, "Properties").orElseThrow(() -> new InvokeException(logicalId + " has no Properties"));
        Optional<Node> globals = child(root, "Globals").flatMap(g -> child(g, "Function"));

        String handler = property(properties, globals, "Handler")
                .orElseThrow(() -> new InvokeException(logicalId + " has no Handler"));
        String runtime = property(properties, globals, "Runtime")
                .orElseThrow(() -> new InvokeException(logicalId + " has no Runtime"));
        if (!runtime.startsWith("java")) {
            throw new InvokeException(logicalId + " uses runtime " + runtime + "; bin/invoke runs Java functions only");
        }
        int memory = Integer.parseInt(property(properties, globals, "MemorySize").orElse("128"));
        int timeout = Integer.parseInt(property(properties, globals, "Timeout").orElse("3"));
        String name = child(properties, "FunctionName").map(this::resolve).orElse(logicalId);
        String artifact = child(resource, "Metadata").flatMap(m -> child(m, "SiteopsArtifact")).map(SamTemplate::scalarOrNull)
                .orElseThrow(() -> new InvokeException(logicalId + " has no Metadata.SiteopsArtifact naming its built jar"));

        Map<String, String> environment = new LinkedHashMap<>();
        // Lambda passes LoggingConfig to the code: with the JSON format, the application log level.
        if (logging(properties, globals, "LogFormat").filter("JSON"::equals).isPresent()) {
            environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            environment.put("AWS_LAMBDA_LOG_LEVEL", logging(properties, globals, "ApplicationLogLevel").orElse("INFO"));
        }
        globals.ifPresent(g -> variables(g, environment));
        variables(properties, environment);
        return new FunctionSpec(logicalId, name, handler, runtime, memory, timeout, directory.resolve(artifact).normalize(), environment);
    }

    private void variables(Node properties, Map<String, String> into) {
        child(properties, "Environment").flatMap(e -> child(e, "Variables")).filter(MappingNode.class::isInstance).ifPresent(vars -> {
            for (NodeTuple entry : ((MappingNode) vars).getValue()) {
                String name = scalar(entry.getKeyNode());
                try {
                    into.put(name, resolve(entry.getValueNode()));
                } catch (InvokeException e) {
                    System.err.println("bin/invoke: environment variable " + name + " left unset: " + e.getMessage()
                            + " (set it with --env-vars)");
                    into.remove(name);
                }
            }
        });
    }

    /** A LoggingConfig setting: the function's own, else the one in Globals (SAM merges the two maps). */
    private Optional<String> logging(Node properties, Optional<Node> globals, String name) {
        return child(properties, "LoggingConfig").flatMap(c -> child(c, name))
                .or(() -> globals.flatMap(g -> child(g, "LoggingConfig")).flatMap(c -> child(c, name))).map(this::resolve);
    }

    private Optional<String> property(Node properties, Optional<Node> globals, String name) {
        return child(properties, name).or(() -> globals.flatMap(g -> child(g, name))).map(this::resolve);
    }

    /** The value of a node with the intrinsic functions bin/invoke understands resolved. */
    String resolve(Node node) {
        String tag = node.getTag().getValue();
        if (node instanceof ScalarNode scalar && !tag.startsWith("!")) {
            return scalar.getValue();
        }
        if (tag.equals("!Ref")) {
            return ref(scalar(node));
        }
        if (tag.equals("!Sub")) {
            return sub(node);
        }
        if (tag.equals("!GetAtt")) {
            return node instanceof ScalarNode s ? s.getValue() : String.join(".", list(node));
        }
        if (tag.equals("!Join")) {
            return join(node);
        }
        if (node instanceof MappingNode mapping && mapping.getValue().size() == 1) {
            NodeTuple only = mapping.getValue().get(0);
            String function = scalar(only.getKeyNode());
            switch (function) {
                case "Ref": return ref(scalar(only.getValueNode()));
                case "Fn::Sub": return sub(only.getValueNode());
                case "Fn::GetAtt": return String.join(".", list(only.getValueNode()));
                case "Fn::Join": return join(only.getValueNode());
                default: break;
            }
        }
        throw new InvokeException("the intrinsic " + (tag.startsWith("!") ? tag : "function") + " is not supported locally");
    }

    private String ref(String name) {
        return switch (name) {
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> ACCOUNT_ID;
            case "AWS::Partition" -> "aws";
            case "AWS::StackName" -> "local";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::NoValue" -> throw new InvokeException("AWS::NoValue");
            // Like sam local: a parameter gives its value, a resource its logical id.
            default -> parameters.getOrDefault(name, name);
        };
    }

    private String sub(Node node) {
        String text;
        Map<String, String> variables = new LinkedHashMap<>();
        if (node instanceof SequenceNode seq && seq.getValue().size() == 2) {
            text = scalar(seq.getValue().get(0));
            if (seq.getValue().get(1) instanceof MappingNode vars) {
                for (NodeTuple entry : vars.getValue()) {
                    variables.put(scalar(entry.getKeyNode()), resolve(entry.getValueNode()));
                }
            }
        } else {
            text = scalar(node);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String value = variables.containsKey(name) ? variables.get(name) : name.contains(".") && !name.startsWith("AWS::") ? name : ref(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private String join(Node node) {
        if (!(node instanceof SequenceNode seq) || seq.getValue().size() != 2 || !(seq.getValue().get(1) instanceof SequenceNode parts)) {
            throw new InvokeException("Fn::Join needs [separator, [values]]");
        }
        List<String> values = new ArrayList<>();
        for (Node part : parts.getValue()) {
            values.add(resolve(part));
        }
        return String.join(scalar(seq.getValue().get(0)), values);
    }

    static Optional<Node> child(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple entry : mapping.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return Optional.of(entry.getValueNode());
                }
            }
        }
        return Optional.empty();
    }

    private static String scalar(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new InvokeException("expected a single value at line " + node.getStartMark().map(m -> String.valueOf(m.getLine() + 1)).orElse("?"));
    }

    private static String scalarOrNull(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static List<String> list(Node node) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(SamTemplate::scalar).toList();
        }
        return List.of(scalar(node));
    }
}
