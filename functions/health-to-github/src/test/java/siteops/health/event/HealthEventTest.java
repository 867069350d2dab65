package siteops.health.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.Json;
import siteops.health.HealthEventException;
import siteops.health.HealthTestbed;

public class HealthEventTest {
    @Test
    void readsTheSampleEvent() {
        HealthEvent event = HealthEvent.parse(sample("scheduled-change-entities.json"));
        assertEquals("EC2", event.service());
        assertEquals("scheduledChange", event.category());
        assertEquals("upcoming", event.status());
        assertEquals("2b6f3c9d1e0a4f7b8c5d2e9f1a3b6c8d0e7f4a2b", event.communication());
        assertEquals(3, event.entities().size());
        assertEquals(1, event.page());
        assertEquals(1, event.totalPages());
        assertFalse(event.backupCopy());
    }

    @Test
    void backupCopyIsTheSameEventKey() {
        HealthEvent original = HealthEvent.parse(sample("issue-open.json"));
        HealthEvent backup = HealthEvent.parse(sample("issue-open-backup-copy.json"));
        assertTrue(backup.backupCopy());
        assertEquals(original.key(), backup.key());
        assertEquals(original.communicationId(), backup.communicationId());
    }

    @ParameterizedTest(name = "backupEvent {0} -> {1}")
    @CsvSource({"true, true", "'\"True\"', true", "'\"False\"', false", "false, false"})
    void backupFlagAsBooleanOrString(String json, boolean expected) throws IOException {
        ObjectNode event = (ObjectNode) sample("issue-open.json");
        ((ObjectNode) event.get("detail")).set("backupEvent", Json.MAPPER.readTree(json));
        assertEquals(expected, HealthEvent.parse(event).backupCopy());
    }

    @Test
    void pagesArriveAsStrings() {
        HealthEvent page = HealthEvent.parse(sample("two-page-2.json"));
        assertEquals(2, page.page());
        assertEquals(2, page.totalPages());
        assertEquals("9b1d3f5a7c9e2b4d6f8a0c2e4b6d8f0a1c3e5b7d", page.communication());
    }

    @Test
    void affectedAccountFallsBackToTheEnvelope() {
        assertEquals("123456789012", HealthEvent.parse(sample("missing-last-updated.json")).affectedAccount());
        assertEquals("444455556666", HealthEvent.parse(sample("two-accounts-a.json")).affectedAccount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "malformed-no-detail.json; field 'detail' is missing",
            "malformed-no-event-arn.json; field 'detail.eventArn' is missing",
            "not-health.json; field 'source' is 'aws.ec2', not 'aws.health'"})
    void refusesWhatIsNotAHealthEvent(String file, String message) {
        HealthEventException e = assertThrows(HealthEventException.class, () -> HealthEvent.parse(sample(file)));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void anEmptyInvocationIsRefusedAsNotAnEvent() {
        HealthEventException e = assertThrows(HealthEventException.class, () -> HealthEvent.parse(null));
        assertTrue(e.getMessage().startsWith("the event must be a JSON object"), e.getMessage());
        HealthEventException list = assertThrows(HealthEventException.class,
                () -> HealthEvent.parse(JsonNodeFactory.instance.arrayNode()));
        assertTrue(list.getMessage().startsWith("the event must be a JSON object"), list.getMessage());
    }

    @Test
    void refusesAnAccountThatIsNotAnAccount() {
        ObjectNode event = (ObjectNode) sample("issue-open.json");
        ((ObjectNode) event.get("detail")).put("affectedAccount", "not-an-account");
        HealthEventException e = assertThrows(HealthEventException.class, () -> HealthEvent.parse(event));
        assertTrue(e.getMessage().contains("12-digit"), e.getMessage());
    }

    public static JsonNode sample(String name) {
        try {
            return Json.MAPPER.readTree(HealthTestbed.event(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
