package siteops.sites;

import java.util.ArrayList;
import java.util.List;

/**
 * A Mermaid flowchart of a site's resources: nodes declared first, one per line ({@code id["label"]}), then
 * one edge per line ({@code a -->|"label"| b} or {@code a --> b}), so the output is stable and easy to check.
 */
final class Diagram {

    record Node(String id, String label) {}

    /** {@code label} may be null for a plain arrow. */
    record Edge(String from, String label, String to) {}

    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    Diagram node(String id, String label) {
        if (nodes.stream().anyMatch(node -> node.id().equals(id))) {
            throw new IllegalStateException("diagram node '" + id + "' declared twice");
        }
        nodes.add(new Node(id, label));
        return this;
    }

    Diagram edge(String from, String label, String to) {
        edges.add(new Edge(from, label, to));
        return this;
    }

    Diagram edge(String from, String to) {
        return edge(from, null, to);
    }

    /** The fenced {@code mermaid} block; every edge must join declared nodes. */
    String render() {
        StringBuilder text = new StringBuilder("```mermaid\nflowchart LR\n");
        for (Node node : nodes) {
            text.append("  ").append(node.id()).append("[\"").append(escape(node.label())).append("\"]\n");
        }
        for (Edge edge : edges) {
            for (String end : List.of(edge.from(), edge.to())) {
                if (nodes.stream().noneMatch(node -> node.id().equals(end))) {
                    throw new IllegalStateException("diagram edge " + edge.from() + " --> " + edge.to() + ": no node '" + end + "'");
                }
            }
            text.append("  ").append(edge.from()).append(" -->")
                    .append(edge.label() == null ? "" : "|\"" + escape(edge.label()) + "\"|")
                    .append(" ").append(edge.to()).append("\n");
        }
        return text.append("```\n").toString();
    }

    /** Mermaid's entity code for a double quote; new lines become {@code <br/>}. */
    private static String escape(String label) {
        return label.replace("\"", "#quot;").replace("\n", "<br/>");
    }
}
