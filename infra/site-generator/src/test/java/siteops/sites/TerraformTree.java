package siteops.sites;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A generated root and the local modules it calls, parsed, with the little evaluation the alerting tests need:
 * a resource's instances (one, or one per key of the {@code local} object its {@code for_each} names) and an
 * attribute's value with {@code each.value.x} and {@code local.x} taken from that object.
 */
final class TerraformTree {

    /** One module directory and the call that reached it (null for the root). */
    record Module(Path dir, TerraformCheck.Module parsed, HclParser.Block call) {

        List<HclParser.Block> blocks(String type, String label) {
            List<HclParser.Block> found = new ArrayList<>();
            parsed.files().values().forEach(file -> file.blocks(type).stream()
                    .filter(block -> label == null || block.labels().getFirst().equals(label)).forEach(found::add));
            return found;
        }

        /** The expression of {@code local.<name>}. */
        Optional<List<HclParser.Token>> local(String name) {
            return blocks("locals", null).stream().map(locals -> locals.attributes().get(name)).filter(java.util.Objects::nonNull)
                    .map(HclParser.Attribute::expression).findFirst();
        }
    }

    /**
     * One instance of a resource: the block, its for_each key (or null), the fields of its each.value when that is
     * an object literal, and each.value's own tokens otherwise (a reference such as {@code aws_x.y}).
     */
    record Instance(Module module, HclParser.Block block, String key, Map<String, List<HclParser.Token>> each, List<HclParser.Token> eachValue) {

        String where() {
            return module.dir().getFileName() + ": " + String.join(".", block.labels()) + (key == null ? "" : "[\"" + key + "\"]");
        }

        /** The attribute's tokens, with a lone {@code each.value.x} replaced by that field's tokens. */
        Optional<List<HclParser.Token>> attribute(String name) {
            HclParser.Attribute attribute = block.attributes().get(name);
            return attribute == null ? Optional.empty() : Optional.of(resolve(attribute.expression()));
        }

        /** The attribute as one literal string or number (after {@link #attribute}), or empty when it is an expression. */
        Optional<String> literal(String name) {
            return attribute(name).filter(tokens -> tokens.size() == 1).map(tokens -> tokens.getFirst().text());
        }

        List<HclParser.Token> resolve(List<HclParser.Token> tokens) {
            if (tokens.size() == 5 && tokens.get(0).is("each") && tokens.get(2).is("value")) {
                if (each.containsKey(tokens.get(4).text())) {
                    return each.get(tokens.get(4).text());
                }
                if (eachValue != null) {
                    List<HclParser.Token> attribute = new ArrayList<>(eachValue);
                    attribute.addAll(tokens.subList(3, 5));
                    return attribute;
                }
            }
            return tokens;
        }

        /** Every reference in the instance's attributes and nested blocks, with each.value fields followed. */
        List<String> references() {
            List<String> all = new ArrayList<>();
            collect(block, all);
            return all;
        }

        private void collect(HclParser.Block from, List<String> into) {
            for (HclParser.Attribute attribute : from.attributes().values()) {
                for (HclParser.Reference reference : HclParser.references(resolve(attribute.expression()), java.util.Set.of())) {
                    List<String> parts = reference.parts();
                    if (parts.size() >= 3 && parts.get(0).equals("each") && parts.get(1).equals("value") && each.containsKey(parts.get(2))) {
                        HclParser.references(each.get(parts.get(2)), java.util.Set.of()).forEach(inner -> into.add(String.join(".", inner.parts())));
                    } else {
                        into.add(String.join(".", parts));
                    }
                }
            }
            from.blocks().forEach(nested -> collect(nested, into));
        }
    }

    private final List<Module> modules = new ArrayList<>();

    private TerraformTree() {}

    static TerraformTree of(Path root) {
        TerraformTree tree = new TerraformTree();
        tree.add(root, null);
        return tree;
    }

    private void add(Path dir, HclParser.Block call) {
        TerraformCheck.Module parsed = TerraformCheck.read(dir);
        Module module = new Module(dir, parsed, call);
        modules.add(module);
        for (HclParser.Block file : parsed.files().values()) {
            for (HclParser.Block child : file.blocks("module")) {
                Path target = parsed.calls().get(child.labels().getFirst());
                if (target != null && Files.isDirectory(target)) {
                    add(target, child);
                }
            }
        }
    }

    List<Module> modules() {
        return modules;
    }

    Module root() {
        return modules.getFirst();
    }

    /** The module called {@code name} from anywhere in the tree (its directory name, such as site-monitoring). */
    Optional<Module> module(String directoryName) {
        return modules.stream().filter(module -> module.dir().getFileName().toString().equals(directoryName)).findFirst();
    }

    /** Every instance of every resource of {@code type} in the tree. */
    List<Instance> instances(String type) {
        List<Instance> instances = new ArrayList<>();
        for (Module module : modules) {
            for (HclParser.Block resource : module.blocks("resource", type)) {
                HclParser.Attribute forEach = resource.attributes().get("for_each");
                List<HclParser.Token> source = forEach == null ? null : forEach.expression();
                if (source != null && source.size() == 3 && source.get(0).is("local")) {
                    Map<String, Object> entries = object(module.local(source.get(2).text()).orElseThrow());
                    entries.forEach((key, value) -> instances.add(new Instance(module, resource, key, fields(value), tokens(value))));
                } else {
                    instances.add(new Instance(module, resource, null, Map.of(), null));
                }
            }
        }
        return instances;
    }

    @SuppressWarnings("unchecked")
    private static List<HclParser.Token> tokens(Object value) {
        return value instanceof List<?> tokens ? (List<HclParser.Token>) tokens : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<HclParser.Token>> fields(Object value) {
        Map<String, List<HclParser.Token>> fields = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, field) -> fields.put((String) key, field instanceof List<?> tokens ? (List<HclParser.Token>) tokens : List.of()));
        }
        return fields;
    }

    /**
     * An object literal {@code { key = value, ... }} as a map: a value that is itself an object literal becomes a
     * nested map, any other value its tokens.
     */
    static Map<String, Object> object(List<HclParser.Token> tokens) {
        List<HclParser.Token> body = tokens.stream().filter(token -> !token.kind().equals("newline")).collect(Collectors.toList());
        if (body.isEmpty() || !body.getFirst().is("{") || !body.getLast().is("}")) {
            throw new IllegalArgumentException("not an object literal: " + tokens);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        int i = 1;
        while (i < body.size() - 1) {
            String key = body.get(i).text();
            if (!body.get(i + 1).is("=") && !body.get(i + 1).is(":")) {
                throw new IllegalArgumentException("expected '=' after " + key + " on line " + body.get(i).line());
            }
            int start = i + 2;
            int end = start;
            int depth = 0;
            while (end < body.size() - 1 && !(depth == 0 && body.get(end).is(",") )
                    && !(depth == 0 && end > start && isKeyStart(body, end))) {
                HclParser.Token token = body.get(end);
                if (token.is("{") || token.is("[") || token.is("(")) {
                    depth++;
                } else if (token.is("}") || token.is("]") || token.is(")")) {
                    depth--;
                }
                end++;
            }
            List<HclParser.Token> value = body.subList(start, end);
            object.put(key, !value.isEmpty() && value.getFirst().is("{") && value.getLast().is("}") ? object(value) : List.copyOf(value));
            i = end < body.size() - 1 && body.get(end).is(",") ? end + 1 : end;
        }
        return object;
    }

    /** Newlines are dropped, so a new "key =" at depth 0 also ends the previous value. */
    private static boolean isKeyStart(List<HclParser.Token> body, int at) {
        return (body.get(at).kind().equals("ident") || body.get(at).kind().equals("string"))
                && at + 1 < body.size() && (body.get(at + 1).is("=") && !body.get(at - 1).is("."));
    }

    /** Tokens as HCL-ish text (strings quoted, no spaces), enough to compare simple expressions. */
    static String text(List<HclParser.Token> tokens) {
        return tokens.stream().filter(token -> !token.kind().equals("newline"))
                .map(token -> token.kind().equals("string") ? "\"" + token.text() + "\"" : token.text()).collect(Collectors.joining());
    }
}
