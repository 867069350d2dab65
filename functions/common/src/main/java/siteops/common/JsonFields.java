package siteops.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Reading the fields of an event's JSON the same way in every function. */
public final class JsonFields {
    private JsonFields() {}

    /** A text field, or null when absent or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** Any scalar field (text, number, boolean) as text, or null when absent, null, an object or an array. */
    public static String scalar(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** The value trimmed, or null when null or blank. */
    public static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** What a node is, for a message: "nothing", "string", "array"... */
    public static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
