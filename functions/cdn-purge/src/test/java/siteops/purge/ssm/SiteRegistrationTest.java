package siteops.purge.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.purge.PurgeRequestException;

class SiteRegistrationTest {
    @Test
    void readsTheEntryTheSiteTerraformWrites() {
        SiteRegistration site = SiteRegistration.parse("news", "/siteops/sites/news",
                "{\"distributionId\": \"E2QWRUHAPOMQZL\", \"aliases\": [\"www.Example.jp\", \"example.jp\", \"www.example.jp\"]}");
        assertEquals("E2QWRUHAPOMQZL", site.distributionId());
        assertEquals(List.of("www.example.jp", "example.jp"), site.aliases());
        assertEquals("www.example.jp", site.displayName());
        assertTrue(site.servesHost("EXAMPLE.JP"));
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
        PurgeRequestException error = assertThrows(PurgeRequestException.class,
                () -> SiteRegistration.parse("news", "/siteops/sites/news", value));
        assertTrue(error.getMessage().contains(messagePart) && error.getMessage().contains("/siteops/sites/news"), error.getMessage());
    }
}
