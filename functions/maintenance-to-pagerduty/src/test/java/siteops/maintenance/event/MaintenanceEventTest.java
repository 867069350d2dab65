package siteops.maintenance.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import siteops.common.Json;
import siteops.maintenance.MaintenanceEventException;

class MaintenanceEventTest {
    @Test
    void readsKebabCaseDetailOfATargetInvocation() {
        var event = (MaintenanceEvent) Incoming.parse(SsmEvents.targetInvocation("mw-0ed7251d3fcf6e0c2",
                "b60fb56e-776c-4e5c-84ee-123456789012", "3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11", "e32eecb2-646c-4f4b-8ed1-205fbEXAMPLE", "timed_out"));
        assertEquals(MaintenanceEvent.Kind.TARGET_INVOCATION, event.kind());
        assertEquals("mw-0ed7251d3fcf6e0c2", event.windowId());
        assertEquals("b60fb56e-776c-4e5c-84ee-123456789012", event.windowExecutionId());
        assertEquals("3bd66e8f-1c55-4d4c-8d49-0e4a2b1f0a11", event.taskExecutionId());
        assertEquals("e32eecb2-646c-4f4b-8ed1-205fbEXAMPLE", event.windowTargetId());
        assertEquals("web-team", event.ownerInformation());
        assertEquals("TIMED_OUT", event.status(), "status is normalised to upper case");
        assertEquals("123456789012", event.account());
    }

    @Test
    void acceptsTheShortWindowIdOfAwsOwnSample() {
        var event = (MaintenanceEvent) Incoming.parse(SsmEvents.windowState("mw-123456789012", "DISABLED"));
        assertEquals("mw-123456789012", event.windowId());
        assertNull(event.windowExecutionId());
    }

    @Test
    void takesTheWindowIdFromDetailNotFromResources() {
        ObjectNode json = SsmEvents.windowExecution("mw-0ed7251d3fcf6e0c2", "b60fb56e-776c-4e5c-84ee-123456789012", "FAILED");
        json.putArray("resources").add("arn:aws:ssm:us-east-2:123456789012:maintenancewindow/mw-123456789012345678");
        assertEquals("mw-0ed7251d3fcf6e0c2", ((MaintenanceEvent) Incoming.parse(json)).windowId());
    }

    @Test
    void registrationEventsParseWithoutStatus() {
        ObjectNode json = SsmEvents.envelope(MaintenanceEvent.Kind.TASK_REGISTRATION, Map.of("window-id", "mw-0ed7251d3fcf6e0c2"));
        assertTrue(((MaintenanceEvent) Incoming.parse(json)).kind().isRegistration());
    }

    @Test
    void recognisesTheScheduledCheck() {
        var check = assertInstanceOf(ScheduledCheck.class, Incoming.parse(SsmEvents.scheduled()));
        assertEquals("123456789012", check.account());
        assertEquals("ap-northeast-1", check.region());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not SSM", (Consumer<ObjectNode>) e -> e.put("source", "aws.health"), "not aws.ssm"),
                Arguments.of("no source", (Consumer<ObjectNode>) e -> e.remove("source"), "'source' is missing"),
                Arguments.of("unknown detail-type", (Consumer<ObjectNode>) e -> e.put("detail-type", "EC2 Command Status-change Notification"),
                        "is not a maintenance window event"),
                Arguments.of("no detail-type", (Consumer<ObjectNode>) e -> e.remove("detail-type"), "'detail-type' is missing"),
                Arguments.of("no window-id", (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("detail")).remove("window-id"),
                        "'detail.window-id' is missing"),
                Arguments.of("window-id not text", (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("detail")).put("window-id", 42),
                        "'detail.window-id' is missing"),
                Arguments.of("window-id with a slash", (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("detail")).put("window-id", "mw-1/../x"),
                        "is not a maintenance window id"),
                Arguments.of("no status", (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("detail")).remove("status"), "'detail.status' is missing"),
                Arguments.of("no detail", (Consumer<ObjectNode>) e -> e.remove("detail"), "'detail' is missing"),
                Arguments.of("detail not an object", (Consumer<ObjectNode>) e -> e.put("detail", "FAILED"), "'detail' is missing or not an object"),
                Arguments.of("execution id that would break the console link",
                        (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("detail")).put("window-execution-id", "b60f?region=x#y"),
                        "'detail.window-execution-id' 'b60f?region=x#y' is not an id"),
                Arguments.of("task id with a space", (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("detail")).put("task-execution-id", "t 1"),
                        "'detail.task-execution-id' 't 1' is not an id"),
                Arguments.of("target id too long", (Consumer<ObjectNode>) e -> ((ObjectNode) e.get("detail")).put("window-target-id", "t".repeat(257)),
                        "'detail.window-target-id'"),
                Arguments.of("bad account", (Consumer<ObjectNode>) e -> e.put("account", "12345"), "'account' must be"),
                Arguments.of("no region", (Consumer<ObjectNode>) e -> e.remove("region"), "'region' must be"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedEventsWithAMessageNamingTheField(String name, Consumer<ObjectNode> breakIt, String expected) {
        ObjectNode json = SsmEvents.windowExecution("mw-0ed7251d3fcf6e0c2", "b60fb56e-776c-4e5c-84ee-123456789012", "FAILED");
        breakIt.accept(json);
        var error = assertThrows(MaintenanceEventException.class, () -> Incoming.parse(json));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void anUnknownDetailTypeIsRefusedWithTheOnesThisFunctionHandles() {
        ObjectNode json = SsmEvents.windowExecution("mw-0ed7251d3fcf6e0c2", "b60fb56e-776c-4e5c-84ee-123456789012", "FAILED");
        json.put("detail-type", "EC2 Command Status-change Notification");
        var error = assertThrows(MaintenanceEventException.class, () -> Incoming.parse(json));
        for (MaintenanceEvent.Kind kind : MaintenanceEvent.Kind.values()) {
            assertTrue(error.getMessage().contains("'" + kind.detailType() + "'"), error.getMessage());
        }
    }

    @Test
    void idsUpTo256SafeCharactersAreKeptAndLongTextIsCutAt1024() {
        ObjectNode json = SsmEvents.targetInvocation("mw-0ed7251d3fcf6e0c2", "b60fb56e-776c-4e5c-84ee-123456789012", "t-1", "target-1", "FAILED");
        String target = "arn:aws:ssm:ap-northeast-1:123456789012:windowtarget/" + "a_b.c-d".repeat(29);
        ((ObjectNode) json.get("detail")).put("window-target-id", target.substring(0, 256)).put("owner-information", "o".repeat(1025))
                .put("start-time", "s".repeat(1024));
        MaintenanceEvent event = (MaintenanceEvent) Incoming.parse(json);
        assertEquals(target.substring(0, 256), event.windowTargetId());
        assertEquals("o".repeat(1024), event.ownerInformation());
        assertEquals("s".repeat(1024), event.startTime());
    }

    @ParameterizedTest(name = "account={0} region={1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -            | ap-northeast-1 | 'account' of the scheduled event must be the 12-digit account id, got nothing
            12345        | ap-northeast-1 | 'account' of the scheduled event must be the 12-digit account id, got '12345'
            123456789012 | -              | 'region' of the scheduled event must be a Region name such as ap-northeast-1, got nothing
            123456789012 | Tokyo          | 'region' of the scheduled event must be a Region name such as ap-northeast-1, got 'Tokyo'
            """)
    void refusesAScheduledCheckWithoutItsAccountAndRegion(String account, String region, String expected) {
        ObjectNode json = (ObjectNode) SsmEvents.scheduled();
        if (account == null) {
            json.remove("account");
        } else {
            json.put("account", account);
        }
        if (region == null) {
            json.remove("region");
        } else {
            json.put("region", region);
        }
        var error = assertThrows(MaintenanceEventException.class, () -> Incoming.parse(json));
        assertEquals(expected, error.getMessage());
    }

    @Test
    void refusesAnArray() {
        var error = assertThrows(MaintenanceEventException.class, () -> Incoming.parse(Json.MAPPER.createArrayNode()));
        assertTrue(error.getMessage().contains("must be a JSON object"), error.getMessage());
    }
}
