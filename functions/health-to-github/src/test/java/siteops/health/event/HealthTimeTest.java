package siteops.health.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HealthTimeTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "Thu, 26 Jan 2023 13:19:03 GMT; 2023-01-26T13:19:03Z",
            // one-digit day
            "Fri, 3 Feb 2023 08:05:11 GMT; 2023-02-03T08:05:11Z",
            // weekday that does not match the date (27 Jan 2023 was a Friday): ignored
            "Thu, 27 Jan 2023 10:00:00 GMT; 2023-01-27T10:00:00Z",
            "27 Jan 2023 10:00 UTC; 2023-01-27T10:00:00Z",
            "Mon, 6 Mar 2023 09:00:00 +0900; 2023-03-06T00:00:00Z",
            "2023-04-01T00:00:00Z; 2023-04-01T00:00:00Z"})
    void parsesWhatAwsSends(String raw, String expected) {
        HealthTime time = HealthTime.parse(raw);
        assertEquals(Instant.parse(expected), time.instant());
        assertEquals(raw, time.raw());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sometime next week", "Thu, 31 Feb 2023 10:00:00 GMT", "Thu, 26 Foo 2023 13:19:03 GMT"})
    void keepsTheRawTextWhenItCannotBeParsed(String raw) {
        HealthTime time = HealthTime.parse(raw);
        assertNull(time.instant());
        assertEquals(raw + " (as sent by AWS)", time.display());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void missingIsNull(String raw) {
        assertNull(HealthTime.parse(raw));
        assertNull(HealthTime.parse(null));
    }
}
