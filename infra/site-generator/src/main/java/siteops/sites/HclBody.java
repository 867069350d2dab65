package siteops.sites;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Builds Terraform text already in {@code terraform fmt} layout: two-space indents, and the {@code =} of
 * consecutive one-line attributes aligned (a blank line, a comment, a block or a multi-line value ends a run,
 * and a multi-line value is never aligned, as fmt does).
 */
final class HclBody {

    private sealed interface Item permits Attribute, Block, Blank, Comment {}

    private record Attribute(String name, String value, HclBody object) implements Item {}

    private record Block(String header, HclBody body) implements Item {}

    private record Blank() implements Item {}

    private record Comment(String text) implements Item {}

    private final List<Item> items = new ArrayList<>();

    /** An attribute whose value is an expression written as HCL (use {@link #quote} for strings). */
    HclBody attribute(String name, String expression) {
        items.add(new Attribute(name, expression, null));
        return this;
    }

    HclBody string(String name, String value) {
        return attribute(name, quote(value));
    }

    /** An attribute whose value is an object written over several lines. */
    HclBody object(String name, Consumer<HclBody> fields) {
        HclBody object = new HclBody();
        fields.accept(object);
        items.add(new Attribute(name, null, object));
        return this;
    }

    HclBody block(String type, List<String> labels, Consumer<HclBody> content) {
        HclBody body = new HclBody();
        content.accept(body);
        String header = type + labels.stream().map(label -> " " + quote(label)).collect(Collectors.joining());
        items.add(new Block(header, body));
        return this;
    }

    HclBody blank() {
        items.add(new Blank());
        return this;
    }

    HclBody comment(String text) {
        items.add(new Comment(text));
        return this;
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '$', '%' -> {
                    // "${" and "%{" start template sequences; doubling the sign makes it literal.
                    out.append(c);
                    if (i + 1 < value.length() && value.charAt(i + 1) == '{') {
                        out.append(c);
                    }
                }
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String list(List<String> values) {
        return values.stream().map(HclBody::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The whole text of a file made of this body's items. */
    String render() {
        StringBuilder out = new StringBuilder();
        render(out, "");
        return out.toString();
    }

    private void render(StringBuilder out, String indent) {
        int i = 0;
        while (i < items.size()) {
            Item item = items.get(i);
            if (item instanceof Attribute) {
                i = renderAttributeRun(out, indent, i);
                continue;
            }
            switch (item) {
                case Block block -> {
                    out.append(indent).append(block.header()).append(" {\n");
                    block.body().render(out, indent + "  ");
                    out.append(indent).append("}\n");
                }
                case Blank blank -> out.append('\n');
                case Comment comment -> out.append(indent).append("# ").append(comment.text()).append('\n');
                default -> throw new IllegalStateException(item.toString());
            }
            i++;
        }
    }

    /** Writes the run of attributes starting at {@code start}, aligned; returns the index after it. */
    private int renderAttributeRun(StringBuilder out, String indent, int start) {
        int end = start;
        while (end < items.size() && items.get(end) instanceof Attribute attribute && (attribute.object() == null || end == start)) {
            end++;
            if (attribute.object() != null) {
                break;
            }
        }
        int width = 0;
        for (int i = start; i < end; i++) {
            width = Math.max(width, ((Attribute) items.get(i)).name().length());
        }
        for (int i = start; i < end; i++) {
            Attribute attribute = (Attribute) items.get(i);
            out.append(indent).append(attribute.name()).append(" ".repeat(width - attribute.name().length())).append(" = ");
            if (attribute.object() == null) {
                out.append(attribute.value()).append('\n');
            } else {
                out.append("{\n");
                attribute.object().render(out, indent + "  ");
                out.append(indent).append("}\n");
            }
        }
        return end;
    }
}
