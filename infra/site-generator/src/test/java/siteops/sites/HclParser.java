package siteops.sites;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of HCL's native syntax to check Terraform files offline: blocks with labels, attributes, and the
 * references (traversals such as {@code var.x} or {@code aws_lb.site.arn}) inside their expressions,
 * including string interpolations. Expressions are kept as token lists, not evaluated.
 */
final class HclParser {

    record Token(String kind, String text, int line, List<Token> interpolated) {
        boolean is(String value) {
            return !kind.equals("string") && text.equals(value);
        }
    }

    record Attribute(String name, int line, List<Token> expression) {}

    record Block(String type, List<String> labels, int line, Map<String, Attribute> attributes, List<Block> blocks) {
        List<Block> blocks(String blockType) {
            return blocks.stream().filter(block -> block.type().equals(blockType)).toList();
        }
    }

    /** A reference: its dotted parts (index brackets skipped) and the line it is on. */
    record Reference(List<String> parts, int line) {}

    static class SyntaxError extends RuntimeException {
        SyntaxError(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private final List<Token> tokens;
    private int position;

    private HclParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The file as a block of type "file" holding its top-level attributes and blocks. */
    static Block parse(String text) {
        HclParser parser = new HclParser(new Lexer(text).tokens(0, text.length()));
        Block file = new Block("file", List.of(), 1, new LinkedHashMap<>(), new ArrayList<>());
        parser.body(file, true);
        return file;
    }

    private void body(Block into, boolean topLevel) {
        while (position < tokens.size()) {
            Token token = tokens.get(position);
            if (token.kind().equals("newline")) {
                position++;
                continue;
            }
            if (token.is("}")) {
                if (topLevel) {
                    throw new SyntaxError(token.line(), "unexpected '}'");
                }
                position++;
                return;
            }
            if (!token.kind().equals("ident")) {
                throw new SyntaxError(token.line(), "expected an argument or block name, got '" + token.text() + "'");
            }
            position++;
            if (tokens.get(position).is("=")) {
                position++;
                if (into.attributes().containsKey(token.text())) {
                    throw new SyntaxError(token.line(), "argument '" + token.text() + "' set twice");
                }
                into.attributes().put(token.text(), new Attribute(token.text(), token.line(), expression()));
                continue;
            }
            List<String> labels = new ArrayList<>();
            while (tokens.get(position).kind().equals("string") || tokens.get(position).kind().equals("ident")) {
                labels.add(tokens.get(position++).text());
            }
            if (!tokens.get(position).is("{")) {
                throw new SyntaxError(token.line(), "expected '=' or '{' after '" + token.text() + "'");
            }
            position++;
            Block block = new Block(token.text(), labels, token.line(), new LinkedHashMap<>(), new ArrayList<>());
            body(block, false);
            into.blocks().add(block);
        }
        if (!topLevel) {
            throw new SyntaxError(tokens.isEmpty() ? 1 : tokens.getLast().line(), "unclosed block");
        }
    }

    /** Tokens up to the newline that ends the expression (newlines inside brackets do not). */
    private List<Token> expression() {
        List<Token> expression = new ArrayList<>();
        int depth = 0;
        while (position < tokens.size()) {
            Token token = tokens.get(position);
            if (depth == 0 && (token.kind().equals("newline") || token.is("}"))) {
                break;
            }
            if (token.is("{") || token.is("[") || token.is("(")) {
                depth++;
            } else if (token.is("}") || token.is("]") || token.is(")")) {
                depth--;
            }
            expression.add(token);
            position++;
        }
        if (expression.isEmpty()) {
            throw new SyntaxError(tokens.get(position - 1).line(), "missing value");
        }
        return expression;
    }

    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("true", "false", "null", "for", "in", "if");

    /** References in an expression; {@code localNames} (for-expression and iterator names) are not references. */
    static List<Reference> references(List<Token> expression, java.util.Set<String> localNames) {
        List<Reference> references = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>(localNames);
        for (int i = 0; i < expression.size(); i++) {
            Token token = expression.get(i);
            if (token.kind().equals("string")) {
                references.addAll(references(token.interpolated(), names));
                continue;
            }
            if (token.is("for") && opensForExpression(expression, i)) {
                for (int j = i + 1; j < expression.size() && !expression.get(j).is("in"); j++) {
                    if (expression.get(j).kind().equals("ident")) {
                        names.add(expression.get(j).text());
                    }
                }
                continue;
            }
            if (!token.kind().equals("ident") || KEYWORDS.contains(token.text()) || names.contains(token.text())) {
                continue;
            }
            Token before = i > 0 ? expression.get(i - 1) : null;
            Token after = i + 1 < expression.size() ? expression.get(i + 1) : null;
            boolean attributeOfSomething = before != null && before.is(".");
            boolean functionCall = after != null && after.is("(");
            boolean objectKey = after != null && (after.is("=") || after.is(":"))
                    && (before == null || before.is("{") || before.is(",") || before.kind().equals("newline"));
            if (attributeOfSomething || functionCall || objectKey) {
                continue;
            }
            List<String> parts = new ArrayList<>(List.of(token.text()));
            int j = i + 1;
            while (j < expression.size()) {
                Token next = expression.get(j);
                if (next.is(".") && j + 1 < expression.size() && (expression.get(j + 1).kind().equals("ident") || expression.get(j + 1).is("*"))) {
                    parts.add(expression.get(j + 1).text());
                    j += 2;
                } else if (next.is("[")) {
                    int depth = 0;
                    do {
                        if (expression.get(j).is("[")) {
                            depth++;
                        } else if (expression.get(j).is("]")) {
                            depth--;
                        }
                        j++;
                    } while (depth > 0 && j < expression.size());
                } else {
                    break;
                }
            }
            references.add(new Reference(parts, token.line()));
        }
        return references;
    }

    /** A "for" right after "[" or "{" (new lines between them allowed) starts a for-expression. */
    private static boolean opensForExpression(List<Token> expression, int at) {
        int before = at - 1;
        while (before >= 0 && expression.get(before).kind().equals("newline")) {
            before--;
        }
        return before >= 0 && (expression.get(before).is("[") || expression.get(before).is("{"));
    }

    /** Splits text into tokens; string and heredoc tokens carry the tokens of their interpolations. */
    private static final class Lexer {
        private final String text;
        private int line = 1;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens(int from, int to) {
            List<Token> out = new ArrayList<>();
            int i = from;
            while (i < to) {
                char c = text.charAt(i);
                if (c == '\n') {
                    out.add(new Token("newline", "\n", line++, List.of()));
                    i++;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    i++;
                } else if (c == '#' || (c == '/' && i + 1 < to && text.charAt(i + 1) == '/')) {
                    while (i < to && text.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < to && text.charAt(i + 1) == '*') {
                    int end = text.indexOf("*/", i + 2);
                    line += count(text.substring(i, end), '\n');
                    i = end + 2;
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < to && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '-')) {
                        i++;
                    }
                    out.add(new Token("ident", text.substring(start, i), line, List.of()));
                } else if (Character.isDigit(c)) {
                    int start = i;
                    while (i < to && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                        i++;
                    }
                    out.add(new Token("number", text.substring(start, i), line, List.of()));
                } else if (c == '"') {
                    i = string(i, out);
                } else if (c == '<' && text.startsWith("<<", i) && i + 2 < to && (text.charAt(i + 2) == '-' || Character.isLetter(text.charAt(i + 2)))) {
                    i = heredoc(i, out);
                } else {
                    String two = i + 1 < to ? text.substring(i, i + 2) : "";
                    if (List.of("==", "!=", "<=", ">=", "&&", "||", "=>").contains(two)) {
                        out.add(new Token("punct", two, line, List.of()));
                        i += 2;
                    } else if (text.startsWith("...", i)) {
                        out.add(new Token("punct", "...", line, List.of()));
                        i += 3;
                    } else {
                        out.add(new Token("punct", String.valueOf(c), line, List.of()));
                        i++;
                    }
                }
            }
            return out;
        }

        private int string(int start, List<Token> out) {
            int startLine = line;
            List<Token> interpolated = new ArrayList<>();
            int i = start + 1;
            while (text.charAt(i) != '"') {
                if (text.charAt(i) == '\\') {
                    i += 2;
                } else if ((text.startsWith("${", i) || text.startsWith("%{", i)) && !text.startsWith("$${", i - 1) && !text.startsWith("%%{", i - 1)) {
                    i = interpolation(i + 2, interpolated);
                } else if (text.charAt(i) == '\n') {
                    throw new SyntaxError(line, "unterminated string");
                } else {
                    i++;
                }
            }
            out.add(new Token("string", text.substring(start + 1, i), startLine, interpolated));
            return i + 1;
        }

        private int heredoc(int start, List<Token> out) {
            int startLine = line;
            int nameStart = start + (text.charAt(start + 2) == '-' ? 3 : 2);
            int lineEnd = text.indexOf('\n', nameStart);
            String marker = text.substring(nameStart, lineEnd).trim();
            List<Token> interpolated = new ArrayList<>();
            int i = lineEnd + 1;
            line++;
            while (true) {
                int end = text.indexOf('\n', i);
                if (end < 0) {
                    throw new SyntaxError(startLine, "heredoc " + marker + " not closed");
                }
                String content = text.substring(i, end);
                if (content.trim().equals(marker)) {
                    out.add(new Token("string", marker, startLine, interpolated));
                    return end;
                }
                int dollar = content.indexOf("${");
                if (dollar >= 0) {
                    interpolation(i + dollar + 2, interpolated);
                }
                line++;
                i = end + 1;
            }
        }

        /** Lexes an interpolation starting after its "${"; returns the index after its closing brace. */
        private int interpolation(int from, List<Token> into) {
            int depth = 1;
            int i = from;
            while (depth > 0) {
                char c = text.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                } else if (c == '"') {
                    i = skipString(i);
                    continue;
                }
                i++;
            }
            into.addAll(tokens(from, i - 1));
            return i;
        }

        private int skipString(int start) {
            int i = start + 1;
            while (text.charAt(i) != '"') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }

        private static int count(String s, char c) {
            return (int) s.chars().filter(ch -> ch == c).count();
        }
    }
}
