package siteops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonInvocationTest {
    static final class BadInput extends BadInputException {
        BadInput(String message) {
            super(message);
        }
    }

    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream previous;

    @BeforeEach
    void capture() {
        previous = Log.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Log.redirect(previous);
    }

    String run(String event, JsonInvocation.Body body) throws Exception {
        var output = new ByteArrayOutputStream();
        JsonInvocation.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null,
                BadInput::new, body);
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheResultAsJson() throws Exception {
        assertEquals("{\"echo\":\"x\"}", run("{\"a\": \"x\"}", event -> Map.of("echo", event.get("a").asText())));
    }

    @Test
    void anEventThatIsNotJsonIsTheFunctionsBadInputNamingWhere() {
        BadInput error = assertThrows(BadInput.class, () -> run("{\"a\": ", event -> "never"));
        assertTrue(error.getMessage().startsWith("the event is not valid JSON at line 1"), error.getMessage());
        assertTrue(assertThrows(BadInput.class, () -> run("", event -> "never")).getMessage().contains("empty"));
        assertTrue(assertThrows(BadInput.class, () -> run("{} {}", event -> "never")).getMessage().contains("not valid JSON"));
    }

    @Test
    void badInputIsAWarningOtherFailuresAnErrorWithStackTrace() {
        assertThrows(BadInput.class, () -> run("{}", event -> {
            throw new BadInput("missing field");
        }));
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> run("{}", event -> {
            throw new TimeoutException("downstream slow");
        }));
        assertEquals("downstream slow", failure.getMessage());
        String text = logs.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"level\":\"WARN\"") && text.contains("missing field"), text);
        assertTrue(text.contains("\"level\":\"ERROR\"") && text.contains("stackTrace"), text);
        assertEquals(1, text.lines().filter(line -> line.contains("\"BadInput\":1")).count(), "only bad input is counted: " + text);
    }
}
