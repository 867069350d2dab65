package siteops.common.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.BadInputException;

class SiteRegistrationTest {
    /** A function's own refusal type: what the registry throws must be the caller's, not a common one. */
    static final class Refused extends BadInputException {
        Refused(String message) {
            super(message);
        }
    }

    @Test
    void readsTheEntryTheSiteTerraformWrites() {
        SiteRegistration site = SiteRegistration.parse("news", "/siteops/sites/news",
                "{\"distributionId\": \"E2QWRUHAPOMQZL\", \"aliases\": [\"www.Example.jp\", \"example.jp\", \"www.example.jp\"],"
                        + " \"notificationTopicArn\": \"arn:aws:sns:ap-northeast-1:123456789012:siteops-news-chatbot\"}", Refused::new);
        assertEquals("E2QWRUHAPOMQZL", site.distributionId());
        assertEquals(List.of("www.example.jp", "example.jp"), site.aliases());
        assertEquals("www.example.jp", site.displayName());
        assertTrue(site.servesHost("EXAMPLE.JP"));
        assertEquals("arn:aws:sns:ap-northeast-1:123456789012:siteops-news-chatbot", site.notificationTopicArn());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"distributionId": "E2QWRUHAPOMQZL"}`
            `{"distributionId": "E2QWRUHAPOMQZL", "notificationTopicArn": ""}`
            `{"distributionId": "E2QWRUHAPOMQZL", "notificationTopicArn": 12}`
            """)
    void anEntryWithoutATopicStillServesPurges(String value) {
        SiteRegistration site = SiteRegistration.parse("news", "/siteops/sites/news", value, Refused::new);
        assertEquals("E2QWRUHAPOMQZL", site.distributionId());
        assertNull(site.notificationTopicArn());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `not json`                                      | broken registry entry
            `{"aliases": ["www.example.jp"]}`               | no CloudFront distribution registered
            `{"distributionId": ""}`                        | no CloudFront distribution registered
            `{"distributionId": "e2qw; rm -rf"}`            | malformed distributionId
            `{"distributionId": "E2QWRUHAPOMQZL", "aliases": "www.example.jp"}` | 'aliases' that is not a list
            """)
    void namesTheParameterToFixWhenTheEntryIsBroken(String value, String messagePart) {
        Refused error = assertThrows(Refused.class, () -> SiteRegistration.parse("news", "/siteops/sites/news", value, Refused::new));
        assertTrue(error.getMessage().contains(messagePart) && error.getMessage().contains("/siteops/sites/news"), error.getMessage());
    }
}
