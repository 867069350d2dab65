package siteops.purgestatus.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.Json;
import siteops.purgestatus.PurgeStatusException;

class StatusCheckTest {
    static StatusCheck parse(String json) throws Exception {
        return StatusCheck.parse(Json.parse(json.getBytes()));
    }

    @Test
    void readsWhatTheStateMachineSends() throws Exception {
        StatusCheck check = parse("""
                {"site": "news", "invalidationId": "I2J0I21PCUYOIK", "paths": ["/ニュース/*"], "pathCount": 3, "lastCheck": true}""");
        assertEquals(new StatusCheck("news", "I2J0I21PCUYOIK", List.of("/ニュース/*"), 3, true), check);
    }

    @Test
    void siteAndInvalidationAloneAreEnough() throws Exception {
        assertEquals(new StatusCheck("news", "I1", List.of(), 0, false), parse("{\"site\": \"news\", \"invalidationId\": \"I1\"}"));
        // The state machine passes on what the purge returned: empty (null) fields read as absent.
        assertEquals(new StatusCheck("news", "I1", List.of("/a"), 1, false),
                parse("{\"site\": \"news\", \"invalidationId\": \"I1\", \"paths\": [\"/a\"], \"pathCount\": null, \"lastCheck\": null}"));
        assertEquals(new StatusCheck("news", "I1", List.of(), 0, false),
                parse("{\"site\": \"news\", \"invalidationId\": \"I1\", \"paths\": null}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `[]`                                                                  | must be a JSON object
            `{"invalidationId": "I1"}`                                            | 'site' must be a registered site's name
            `{"site": "News Site", "invalidationId": "I1"}`                       | 'News Site'
            `{"site": "news"}`                                                    | 'invalidationId' must be a CloudFront invalidation id
            `{"site": "news", "invalidationId": "../x"}`                          | '../x'
            `{"site": "news", "invalidationId": "I1", "paths": "/a"}`             | 'paths' must be a list
            `{"site": "news", "invalidationId": "I1", "paths": [1]}`              | only text values
            `{"site": "news", "invalidationId": "I1", "paths": ["/a", "/b"], "pathCount": 1}` | at least the number of paths given (2)
            `{"site": "news", "invalidationId": "I1", "lastCheck": "yes"}`        | 'lastCheck' must be true or false
            `{"site": "news", "invalidationId": "I1", "distributionId": "E1"}`    | unknown field 'distributionId'
            """)
    void badEventsAreRefusedNamingTheField(String json, String messagePart) {
        PurgeStatusException error = assertThrows(PurgeStatusException.class, () -> parse(json));
        assertTrue(error.getMessage().contains(messagePart), error.getMessage());
    }
}
