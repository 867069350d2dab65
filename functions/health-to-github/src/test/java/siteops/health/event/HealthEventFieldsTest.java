package siteops.health.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.health.HealthEventException;

/** What the issue shows when AWS sends less, or other types, than the documented payload. */
class HealthEventFieldsTest {
    private static HealthEvent parsed(Consumer<ObjectNode> detail) {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        detail.accept((ObjectNode) json.get("detail"));
        return HealthEvent.parse(json);
    }

    @Test
    void missingFieldsGetTheDefaultsTheIssueShows() {
        HealthEvent event = parsed(d -> {
            d.remove(List.of("service", "eventTypeCode", "eventTypeCategory", "statusCode", "eventRegion", "communicationId"));
            d.put("eventArn", "arn:aws:health:us-east-1::event/EC2/X/X_1");
        });
        assertEquals("UNKNOWN", event.service());
        assertEquals("UNKNOWN", event.eventTypeCode());
        assertEquals("unknown", event.category());
        assertEquals("open", event.status());
        assertEquals("us-east-1", event.eventRegion(), "taken from the event ARN");
        assertNull(event.communication());
        assertEquals("global", parsed(d -> d.put("eventArn", "arn:aws:health:::event/X").remove("eventRegion")).eventRegion());
        assertEquals("global", parsed(d -> d.put("eventArn", "event-1").remove("eventRegion")).eventRegion());
        assertEquals("global", parsed(d -> d.put("eventArn", "arn:aws:health").remove("eventRegion")).eventRegion());
        assertEquals("closed", parsed(d -> d.put("statusCode", "CLOSED")).status());
        assertEquals(new EventKey(event.eventArn(), "123456789012"), event.key());
    }

    @Test
    void entitiesAsTextOrObjectsAndDescriptionsPerLanguage() {
        HealthEvent event = parsed(d -> {
            ArrayNode entities = d.putArray("affectedEntities");
            entities.add(" i-1 ").add(7).addObject().put("status", "PENDING");
            entities.addObject().put("entityValue", "i-2").put("status", "RESOLVED").put("lastUpdatedTime", "Sat, 1 Apr 2023 00:00:00 GMT");
            ArrayNode descriptions = d.putArray("eventDescription");
            descriptions.addObject().put("latestDescription", "no language");
            descriptions.addObject().put("language", "ja_JP").put("latestDescription", " ");
            descriptions.add("not an object");
        });
        assertEquals(List.of(new HealthEvent.Entity("i-1", null, null),
                new HealthEvent.Entity("i-2", "RESOLVED", "Sat, 1 Apr 2023 00:00:00 GMT")), event.entities());
        assertEquals(Map.of("en_US", "no language"), event.descriptions());
    }

    @ParameterizedTest(name = "page {0} of {1} -> {2} of {3}")
    @CsvSource(nullValues = "-", textBlock = """
            -,  -,  1, 1
            2,  3,  2, 3
            0,  2,  1, 2
            x,  2,  1, 2
            3,  2,  3, 3
            -1, -,  1, 1
            """)
    void pagesAreReadAsAwsSendsThem(String page, String total, int expectedPage, int expectedTotal) {
        HealthEvent event = parsed(d -> {
            if (page != null) {
                d.put("page", page);
            }
            if (total != null) {
                d.put("totalPages", total);
            }
        });
        assertEquals(expectedPage, event.page());
        assertEquals(expectedTotal, event.totalPages());
    }

    @ParameterizedTest(name = "backupEvent {0}")
    @CsvSource(textBlock = """
            'true',   true
            ' TRUE ', true
            'False',  false
            'yes',    false
            """)
    void aBackupCopyIsRecognisedWhateverTheJsonType(String text, boolean backup) {
        assertEquals(backup, parsed(d -> d.put("backupEvent", text)).backupCopy());
        assertTrue(parsed(d -> d.put("backupEvent", true)).backupCopy());
        assertFalse(parsed(d -> d.putNull("backupEvent")).backupCopy());
        assertFalse(parsed(d -> d.remove("backupEvent")).backupCopy());
    }

    @Test
    void theAccountComesFromTheDetailElseTheEnvelope() {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        ((ObjectNode) json.get("detail")).remove("affectedAccount");
        json.put("account", "210987654321");
        assertEquals("210987654321", HealthEvent.parse(json).affectedAccount());
        json.remove("account");
        HealthEventException error = assertThrows(HealthEventException.class, () -> HealthEvent.parse(json));
        assertTrue(error.getMessage().startsWith("field 'detail.affectedAccount' is missing and so is the envelope's 'account'"), error.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            source           | field 'source' is missing
            detail           | field 'detail' is missing
            detail-null      | field 'detail' is missing
            detail-text      | field 'detail' must be an object
            source-other     | field 'source' is 'aws.ec2', not 'aws.health'
            """)
    void refusesWhatIsNotAHealthEvent(String change, String expected) {
        ObjectNode json = (ObjectNode) HealthEventTest.sample("issue-open.json");
        switch (change) {
            case "source", "detail" -> json.remove(change);
            case "detail-null" -> json.putNull("detail");
            case "detail-text" -> json.put("detail", "x");
            default -> json.put("source", "aws.ec2");
        }
        HealthEventException error = assertThrows(HealthEventException.class, () -> HealthEvent.parse(json));
        assertTrue(error.getMessage().startsWith(expected), error.getMessage());
    }
}
