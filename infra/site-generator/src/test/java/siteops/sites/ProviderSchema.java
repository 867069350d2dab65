package siteops.sites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider schemas as bound by the npm packages {@code @cdktf/provider-<name>}: hashicorp/aws (aws_*),
 * hashicorp/random (random_*) and PagerDuty/pagerduty (pagerduty_*). For every resource, data source and the
 * provider itself, a generated {@code lib/<name>/index.js} lists the arguments and nested blocks
 * ({@code synthesizeHclAttributes}) and the readable attributes ({@code get...Attribute}).
 * Filled by {@code infra/tools/fetch-provider-schema}.
 */
final class ProviderSchema {

    static final String FETCH_SCRIPT = "infra/tools/fetch-provider-schema";

    /** A provider's local name (the prefix of its types) and the pinned npm package that binds it. */
    private record Package(String name, String version) {
        String directory() {
            return "cdktf-provider-" + name + "-" + version + "/package/lib";
        }
    }

    /** Pinned in {@value #FETCH_SCRIPT}; the first is assumed for a type without a known prefix. */
    private static final List<Package> PACKAGES = List.of(
            new Package("aws", "21.22.1"), new Package("random", "12.0.1"), new Package("pagerduty", "14.3.9"));

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

    private final Map<String, Path> libs;
    private final Map<String, Optional<Shape>> cache = new HashMap<>();

    private ProviderSchema(Map<String, Path> libs) {
        this.libs = libs;
    }

    /** The schemas from {@code $SITEOPS_CACHE} (default ~/.cache/siteops), or an error naming the script to run. */
    static ProviderSchema load() {
        Path base = Repository.cache();
        Map<String, Path> libs = new LinkedHashMap<>();
        for (Package npm : PACKAGES) {
            Path dir = base.resolve(npm.directory());
            if (!Files.isRegularFile(dir.resolve("provider/index.js"))) {
                throw new IllegalStateException("A provider schema is not at " + dir + ": run " + FETCH_SCRIPT
                        + " (it downloads the pinned npm packages @cdktf/provider-aws, -random and -pagerduty once) and run the tests again.");
            }
            libs.put(npm.name(), dir);
        }
        return new ProviderSchema(libs);
    }

    /** The local name of the provider serving {@code type} ({@code pagerduty_service} -> pagerduty). */
    private String providerOf(String type) {
        return libs.keySet().stream().filter(name -> type.startsWith(name + "_")).findFirst().orElse(PACKAGES.getFirst().name());
    }

    Optional<Shape> resource(String type) {
        String provider = providerOf(type);
        return shape(libs.get(provider), type.substring(type.startsWith(provider + "_") ? provider.length() + 1 : 0).replace('_', '-'), type);
    }

    Optional<Shape> dataSource(String type) {
        String provider = providerOf(type);
        return shape(libs.get(provider), "data-" + provider + "-" + type.replaceFirst("^" + provider + "_", "").replace('_', '-'), type);
    }

    /** The arguments of {@code provider "<name>"}, or empty for a provider whose schema is not pinned. */
    Optional<Shape> provider(String name) {
        return libs.containsKey(name) ? shape(libs.get(name), "provider", name) : Optional.empty();
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
