package siteops.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** The one JSON mapper every function uses: strict on input, no nulls on output. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Json() {}

    /** Parses a JSON document; the exception message names line and column but never echoes the input. */
    public static JsonNode parse(byte[] json) throws InvalidJsonException {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new InvalidJsonException(Messages.inputEmpty());
            }
            return node;
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new InvalidJsonException(where == null ? Messages.notJson(e.getOriginalMessage())
                    : Messages.notJson(where.getLineNr(), where.getColumnNr(), e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidJsonException(Messages.unreadable(e.getMessage()));
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(Messages.notSerialisable(value), e);
        }
    }

    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(Messages.notSerialisable(value), e);
        }
    }

    /** Thrown when an event or document is not JSON at all; functions turn it into their own bad-input error. */
    public static final class InvalidJsonException extends Exception {
        public InvalidJsonException(String message) {
            super(message);
        }
    }
}
