package siteops.purge.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.Json;
import siteops.purge.PurgeRequestException;

class PurgeRequestTest {
    static JsonNode json(String text) throws Exception {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsOneStringOnWhitespaceCommasAndNewlines() throws Exception {
        PurgeRequest request = PurgeRequest.parse(json("{\"site\": \"News\", \"paths\": \" /a, /b\\n/c\\t/d,,/e \"}"));
        assertEquals("news", request.site());
        assertEquals(List.of("/a", "/b", "/c", "/d", "/e"), request.entries());
    }

    @Test
    void takesEachArrayItemAsOnePath() throws Exception {
        PurgeRequest request = PurgeRequest.parse(json("{\"site\": \"news\", \"paths\": [\"/a b.html\", \" /c \", \"\"]}"));
        assertEquals(List.of("/a b.html", "/c"), request.entries());
    }

    @Test
    void dryRunIsAnOptionalBoolean() throws Exception {
        assertTrue(PurgeRequest.parse(json("{\"site\": \"news\", \"paths\": \"/a\", \"dryRun\": true}")).dryRun());
        assertEquals(false, PurgeRequest.parse(json("{\"site\": \"news\", \"paths\": \"/a\", \"dryRun\": false}")).dryRun());
        assertEquals(false, PurgeRequest.parse(json("{\"site\": \"news\", \"paths\": \"/a\"}")).dryRun());
        // A template that leaves the flag empty (null) purges for real, like one that leaves it out.
        assertEquals(false, PurgeRequest.parse(json("{\"site\": \"news\", \"paths\": \"/a\", \"dryRun\": null}")).dryRun());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `[]`                                              | must be a JSON object
            `"news /a"`                                       | must be a JSON object
            `{"paths": "/a"}`                                 | 'site' is missing
            `{"site": null, "paths": "/a"}`                   | 'site' is missing
            `{"site": 7, "paths": "/a"}`                      | 'site' must be a text value
            `{"site": " ", "paths": "/a"}`                    | 'site' is empty
            `{"site": "../admin", "paths": "/a"}`             | is not a site name
            `{"site": "news"}`                                | 'paths' is missing
            `{"site": "news", "paths": null}`                 | 'paths' is missing
            `{"site": "news", "paths": " , \\n"}`             | 'paths' is empty
            `{"site": "news", "paths": []}`                   | 'paths' is empty
            `{"site": "news", "paths": 3}`                    | 'paths' must be a list
            `{"site": "news", "paths": ["/a", 3]}`            | only text values
            `{"site": "news", "path": "/a"}`                  | unknown field 'path'
            `{"site": "news", "paths": "/a", "distributionId": "E1"}` | unknown field 'distributionId'
            `{"site": "news", "paths": "/a", "dryRun": "true"}` | 'dryRun' must be true or false
            `{"site": "news", "paths": "/a", "dryRun": 1}`    | 'dryRun' must be true or false
            `{"site": "news", "paths": "/a", "dry_run": true}` | unknown field 'dry_run'
            """)
    void refusesMalformedRequestsWithAMessageThatNamesTheField(String event, String messagePart) throws Exception {
        PurgeRequestException error = assertThrows(PurgeRequestException.class, () -> PurgeRequest.parse(json(event)));
        assertTrue(error.getMessage().contains(messagePart), error.getMessage());
    }
}
