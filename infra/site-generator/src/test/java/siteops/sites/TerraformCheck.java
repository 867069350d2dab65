package siteops.sites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code terraform validate} would catch, offline: every resource and data source type, argument and block
 * name against the provider schema, every module argument against the module's variables, and every reference
 * ({@code var.}, {@code local.}, {@code module.}, {@code data.}, resource attributes) resolved. Follows local
 * module sources, so checking a generated root checks the modules it uses.
 */
final class TerraformCheck {

    private static final Set<String> RESOURCE_META = Set.of("count", "for_each", "provider", "depends_on");
    private static final Set<String> RESOURCE_META_BLOCKS = Set.of("lifecycle", "provisioner", "connection");
    private static final Set<String> MODULE_META = Set.of("source", "version", "providers", "count", "for_each", "depends_on");
    private static final Set<String> BUILT_IN_ROOTS = Set.of("each", "count", "path", "self", "terraform");

    /** A parsed module directory: its declarations, by kind. */
    record Module(Path dir, Map<Path, HclParser.Block> files, Map<String, Boolean> variablesRequired, Set<String> locals,
            Set<String> outputs, Set<String> resources, Set<String> dataSources, Map<String, Path> calls) {}

    private final ProviderSchema schema;
    private final Set<String> mayBeMissing;
    private final Map<Path, Module> modules = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** {@code mayBeMissing}: module directory names written elsewhere that may not exist yet (noted, not failed). */
    TerraformCheck(ProviderSchema schema, Set<String> mayBeMissing) {
        this.schema = schema;
        this.mayBeMissing = mayBeMissing;
    }

    List<String> problems() {
        return problems;
    }

    List<String> notes() {
        return notes;
    }

    /** Checks the module in {@code dir} and every local module it calls. */
    void check(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        if (modules.containsKey(key)) {
            return;
        }
        Module module = read(key);
        modules.put(key, module);
        for (Map.Entry<Path, HclParser.Block> file : module.files().entrySet()) {
            for (HclParser.Block block : file.getValue().blocks()) {
                checkTopLevel(module, file.getKey(), block);
            }
        }
    }

    static Module read(Path dir) {
        Map<Path, HclParser.Block> files = new java.util.TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path file : listing.filter(path -> path.toString().endsWith(".tf")).sorted().toList()) {
                files.put(file, HclParser.parse(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Boolean> variables = new HashMap<>();
        Set<String> locals = new HashSet<>();
        Set<String> outputs = new HashSet<>();
        Set<String> resources = new HashSet<>();
        Set<String> dataSources = new HashSet<>();
        Map<String, Path> calls = new HashMap<>();
        for (HclParser.Block file : files.values()) {
            for (HclParser.Block block : file.blocks()) {
                switch (block.type()) {
                    case "variable" -> variables.put(block.labels().getFirst(), !block.attributes().containsKey("default"));
                    case "locals" -> locals.addAll(block.attributes().keySet());
                    case "output" -> outputs.add(block.labels().getFirst());
                    case "resource" -> resources.add(String.join(".", block.labels()));
                    case "data" -> dataSources.add(String.join(".", block.labels()));
                    case "module" -> calls.put(block.labels().getFirst(), literal(block.attributes().get("source"))
                            .filter(source -> source.startsWith("./") || source.startsWith("../"))
                            .map(source -> dir.resolve(source).normalize()).orElse(null));
                    default -> { }
                }
            }
        }
        return new Module(dir, files, variables, locals, outputs, resources, dataSources, calls);
    }

    /** The text of an attribute that is a plain string without interpolation. */
    static Optional<String> literal(HclParser.Attribute attribute) {
        if (attribute == null || attribute.expression().size() != 1) {
            return Optional.empty();
        }
        HclParser.Token token = attribute.expression().getFirst();
        return token.kind().equals("string") && token.interpolated().isEmpty() ? Optional.of(token.text()) : Optional.empty();
    }

    private void checkTopLevel(Module module, Path file, HclParser.Block block) {
        String where = file + ":" + block.line();
        switch (block.type()) {
            case "resource", "data" -> {
                String type = block.labels().getFirst();
                Optional<ProviderSchema.Shape> shape = block.type().equals("resource") ? schema.resource(type) : schema.dataSource(type);
                if (shape.isEmpty()) {
                    problems.add(where + ": unknown " + (block.type().equals("resource") ? "resource" : "data source") + " type '" + type + "'");
                } else {
                    checkBody(file, block, shape.get(), type, RESOURCE_META, true);
                }
                checkReferences(module, file, block, Set.of());
            }
            case "provider" -> {
                String name = block.labels().getFirst();
                Optional<ProviderSchema.Shape> shape = schema.provider(name);
                if (shape.isEmpty()) {
                    problems.add(where + ": provider '" + name + "' has no pinned schema (infra/tools/fetch-provider-schema)");
                } else {
                    checkBody(file, block, shape.get(), "provider " + name, Set.of("alias"), false);
                }
                checkReferences(module, file, block, Set.of());
            }
            case "module" -> {
                checkModuleCall(module, file, block);
                checkReferences(module, file, block, Set.of());
            }
            case "locals", "output" -> checkReferences(module, file, block, Set.of());
            case "variable" -> {
                HclParser.Attribute defaultValue = block.attributes().get("default");
                if (defaultValue != null) {
                    resolveAll(module, file, HclParser.references(defaultValue.expression(), Set.of()));
                }
            }
            case "terraform" -> { }
            default -> problems.add(where + ": unknown top-level block '" + block.type() + "'");
        }
    }

    private void checkModuleCall(Module module, Path file, HclParser.Block call) {
        String name = call.labels().getFirst();
        Path target = module.calls().get(name);
        if (target == null) {
            return;
        }
        if (!Files.isDirectory(target)) {
            String dirName = target.getFileName().toString();
            if (mayBeMissing.contains(dirName)) {
                notes.add(file + ":" + call.line() + ": module '" + name + "': " + target + " does not exist yet; its arguments are not checked");
            } else {
                problems.add(file + ":" + call.line() + ": module '" + name + "': source " + target + " does not exist");
            }
            return;
        }
        check(target);
        Module called = modules.get(target.toAbsolutePath().normalize());
        for (HclParser.Attribute argument : call.attributes().values()) {
            if (!MODULE_META.contains(argument.name()) && !called.variablesRequired().containsKey(argument.name())) {
                problems.add(file + ":" + argument.line() + ": module '" + name + "' has no variable '" + argument.name() + "'");
            }
        }
        called.variablesRequired().forEach((variable, required) -> {
            if (required && !call.attributes().containsKey(variable)) {
                problems.add(file + ":" + call.line() + ": module '" + name + "' needs '" + variable + "' (no default)");
            }
        });
    }

    private void checkBody(Path file, HclParser.Block block, ProviderSchema.Shape shape, String what, Set<String> meta, boolean topLevel) {
        for (HclParser.Attribute attribute : block.attributes().values()) {
            if (meta.contains(attribute.name()) || shape.arguments().contains(attribute.name()) || shape.opaque().contains(attribute.name())) {
                continue;
            }
            problems.add(file + ":" + attribute.line() + ": " + what + ": "
                    + (shape.blocks().containsKey(attribute.name()) ? "'" + attribute.name() + "' is a block: write " + attribute.name() + " { ... }"
                    : "unknown argument '" + attribute.name() + "'"));
        }
        for (HclParser.Block nested : block.blocks()) {
            if (topLevel && RESOURCE_META_BLOCKS.contains(nested.type()) || shape.opaque().contains(nested.type())) {
                continue;
            }
            if (nested.type().equals("dynamic")) {
                String name = nested.labels().getFirst();
                ProviderSchema.Shape dynamicShape = shape.blocks().get(name);
                if (dynamicShape == null) {
                    problems.add(file + ":" + nested.line() + ": " + what + ": unknown block '" + name + "' in dynamic");
                    continue;
                }
                for (HclParser.Block content : nested.blocks("content")) {
                    checkBody(file, content, dynamicShape, what + "." + name, Set.of(), false);
                }
                continue;
            }
            ProviderSchema.Shape nestedShape = shape.blocks().get(nested.type());
            if (nestedShape == null) {
                problems.add(file + ":" + nested.line() + ": " + what + ": "
                        + (shape.arguments().contains(nested.type()) ? "'" + nested.type() + "' is an argument: write " + nested.type() + " = ..."
                        : "unknown block '" + nested.type() + "'"));
                continue;
            }
            checkBody(file, nested, nestedShape, what + "." + nested.type(), Set.of(), false);
        }
    }

    /** Resolves the references of a block and its nested blocks; dynamic blocks add their iterator name. */
    private void checkReferences(Module module, Path file, HclParser.Block block, Set<String> localNames) {
        for (HclParser.Attribute attribute : block.attributes().values()) {
            if (attribute.name().equals("providers") || attribute.name().equals("provider")) {
                continue;
            }
            resolveAll(module, file, HclParser.references(attribute.expression(), localNames));
        }
        for (HclParser.Block nested : block.blocks()) {
            if (nested.type().equals("lifecycle")) {
                continue;
            }
            Set<String> names = localNames;
            if (nested.type().equals("dynamic")) {
                names = new HashSet<>(localNames);
                names.add(literal(nested.attributes().get("iterator")).orElse(nested.labels().getFirst()));
            }
            checkReferences(module, file, nested, names);
        }
    }

    private void resolveAll(Module module, Path file, List<HclParser.Reference> references) {
        for (HclParser.Reference reference : references) {
            String problem = resolve(module, reference.parts());
            if (problem != null) {
                problems.add(file + ":" + reference.line() + ": " + String.join(".", reference.parts()) + ": " + problem);
            }
        }
    }

    private String resolve(Module module, List<String> parts) {
        String root = parts.getFirst();
        String second = parts.size() > 1 ? parts.get(1) : null;
        if (BUILT_IN_ROOTS.contains(root)) {
            return null;
        }
        switch (root) {
            case "var" -> {
                return module.variablesRequired().containsKey(second) ? null : "no variable '" + second + "' in " + module.dir();
            }
            case "local" -> {
                return module.locals().contains(second) ? null : "no local value '" + second + "'";
            }
            case "module" -> {
                if (!module.calls().containsKey(second) && module.files().values().stream()
                        .flatMap(file -> file.blocks("module").stream()).noneMatch(call -> call.labels().getFirst().equals(second))) {
                    return "no module '" + second + "'";
                }
                Path target = module.calls().get(second);
                Module called = target == null ? null : modules.get(target.toAbsolutePath().normalize());
                if (called != null && parts.size() > 2 && !called.outputs().contains(parts.get(2))) {
                    return "module '" + second + "' has no output '" + parts.get(2) + "'";
                }
                return null;
            }
            case "data" -> {
                if (parts.size() < 3 || !module.dataSources().contains(parts.get(1) + "." + parts.get(2))) {
                    return "no data source declared";
                }
                return parts.size() > 3 ? attributeProblem(schema.dataSource(parts.get(1)), parts.get(3)) : null;
            }
            default -> {
                if (second == null || !module.resources().contains(root + "." + second)) {
                    return "unknown reference (no resource, variable, local, module or data source of that name)";
                }
                return parts.size() > 2 ? attributeProblem(schema.resource(root), parts.get(2)) : null;
            }
        }
    }

    private static String attributeProblem(Optional<ProviderSchema.Shape> shape, String attribute) {
        if (shape.isEmpty() || attribute.equals("*")) {
            return null;
        }
        ProviderSchema.Shape known = shape.get();
        boolean exists = known.arguments().contains(attribute) || known.blocks().containsKey(attribute) || known.readable().contains(attribute);
        return exists ? null : "no attribute '" + attribute + "'";
    }
}
