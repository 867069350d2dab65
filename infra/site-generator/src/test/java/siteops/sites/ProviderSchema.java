package siteops.sites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hashicorp/aws provider schema as bound by the npm package {@code @cdktf/provider-aws} (and hashicorp/random's
 * from {@code @cdktf/provider-random}, for {@code random_*} types): for every resource, data source and the
 * provider itself, a generated {@code lib/<name>/index.js} lists the arguments and nested blocks
 * ({@code synthesizeHclAttributes}) and the readable attributes ({@code get...Attribute}).
 * Filled by {@code infra/tools/fetch-provider-schema}.
 */
final class ProviderSchema {

    static final String FETCH_SCRIPT = "infra/tools/fetch-provider-schema";

    /**
     * Arguments and nested blocks of a resource, data source or block; {@code readable} adds computed attributes.
     * {@code opaque}: names cdktf types as "any" because the provider nests them too deeply (WAF statements);
     * they may be written as blocks and their contents are not checked.
     */
    record Shape(Set<String> arguments, Map<String, Shape> blocks, Set<String> readable, Set<String> opaque) {}

    private static final Shape UNKNOWN = new Shape(Set.of(), Map.of(), Set.of(), Set.of());

    private static final Pattern ENTRY = Pattern.compile(
            "\\n\\s+(\\w+): \\{\\s*value: ([^\\n]*),\\s*isBlock: (true|false),\\s*type: \"\\w+\",\\s*storageClassType: \"(\\w+)\",\\s*\\}");
    private static final Pattern BLOCK_FUNCTION = Pattern.compile("(?<!cdktf\\.)\\b(\\w+)ToHclTerraform\\b");
    // Scalar getters, and the list/map wrappers that computed complex attributes get (domain_validation_options).
    private static final Pattern READABLE = Pattern.compile("get\\w*Attribute\\('(\\w+)'\\)|\\(this, \"(\\w+)\", (?:true|false)\\)");

    private final Path lib;
    private final Path randomLib;
    private final Map<String, Optional<Shape>> cache = new HashMap<>();

    private ProviderSchema(Path lib, Path randomLib) {
        this.lib = lib;
        this.randomLib = randomLib;
    }

    /** The schema from {@code $SITEOPS_CACHE} (default ~/.cache/siteops), or an error naming the script to run. */
    static ProviderSchema load() {
        Path base = Repository.cache();
        Path lib = base.resolve("cdktf-provider-aws-21.22.1/package/lib");
        Path randomLib = base.resolve("cdktf-provider-random-12.0.1/package/lib");
        for (Path dir : new Path[] {lib, randomLib}) {
            if (!Files.isRegularFile(dir.resolve("provider/index.js"))) {
                throw new IllegalStateException("A provider schema is not at " + dir + ": run " + FETCH_SCRIPT
                        + " (it downloads the pinned npm packages @cdktf/provider-aws and @cdktf/provider-random once) and run the tests again.");
            }
        }
        return new ProviderSchema(lib, randomLib);
    }

    Optional<Shape> resource(String type) {
        if (type.startsWith("random_")) {
            return shape(randomLib, type.substring("random_".length()).replace('_', '-'), type);
        }
        return shape(type.replaceFirst("^aws_", "").replace('_', '-'), type);
    }

    Optional<Shape> dataSource(String type) {
        return shape("data-aws-" + type.replaceFirst("^aws_", "").replace('_', '-'), type);
    }

    Shape provider() {
        return shape("provider", "aws").orElseThrow();
    }

    private Optional<Shape> shape(String directory, String terraformType) {
        return shape(lib, directory, terraformType);
    }

    private Optional<Shape> shape(Path providerLib, String directory, String terraformType) {
        return cache.computeIfAbsent(providerLib + ":" + directory, key -> {
            String dir = directory;
            Path file = providerLib.resolve(dir).resolve("index.js");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String js;
            try {
                js = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!dir.equals("provider") && !js.contains("terraformResourceType: '" + terraformType + "'")) {
                return Optional.empty();
            }
            Set<String> readable = new TreeSet<>();
            Matcher getters = READABLE.matcher(js);
            while (getters.find()) {
                readable.add(getters.group(1) != null ? getters.group(1) : getters.group(2));
            }
            int top = js.indexOf("    synthesizeHclAttributes() {");
            return Optional.of(parseAttributes(js, top, readable, new HashMap<>()));
        });
    }

    /** Parses the {@code const attrs = {...}} that follows {@code from}. */
    private static Shape parseAttributes(String js, int from, Set<String> readable, Map<String, Shape> functions) {
        int start = js.indexOf("const attrs = {", from);
        // The object closes with "};" at the indentation of a function body (4) or a method body (8).
        int end = Math.min(indexOrEnd(js, "\n    };", start), indexOrEnd(js, "\n        };", start));
        Set<String> arguments = new TreeSet<>();
        Set<String> opaque = new TreeSet<>();
        Map<String, Shape> blocks = new LinkedHashMap<>();
        Matcher entry = ENTRY.matcher(js.substring(start, end));
        while (entry.find()) {
            String name = entry.group(1);
            if (entry.group(3).equals("true")) {
                Matcher function = BLOCK_FUNCTION.matcher(entry.group(2));
                String functionName = function.find() ? function.group(1) : null;
                blocks.put(name, functionName == null ? UNKNOWN : blockShape(js, functionName, readable, functions));
            } else if (entry.group(4).equals("any")) {
                opaque.add(name);
            } else {
                arguments.add(name);
            }
        }
        return new Shape(arguments, blocks, readable, opaque);
    }

    private static int indexOrEnd(String text, String what, int from) {
        int at = text.indexOf(what, from);
        return at < 0 ? text.length() : at;
    }

    private static Shape blockShape(String js, String function, Set<String> readable, Map<String, Shape> functions) {
        Shape known = functions.get(function);
        if (known != null) {
            return known;
        }
        // Placeholder first: deeply nested WAF statements refer to their own kind.
        functions.put(function, UNKNOWN);
        int at = js.indexOf("function " + function + "ToHclTerraform(struct) {");
        Shape shape = parseAttributes(js, at, readable, functions);
        functions.put(function, shape);
        return shape;
    }
}
