package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusWordsTest {
    /** Each row: SSM Status, StatusDetails, the words shown, whether it is terminal. */
    @ParameterizedTest
    @CsvSource({
        "Success, Success, Success, true",
        "Failed, Failed, Failed, true",
        "Failed, Undeliverable, Undeliverable, true",
        "Failed, InvalidPlatform, InvalidPlatform, true",
        "Failed, AccessDenied, AccessDenied, true",
        "TimedOut, ExecutionTimedOut, timed out, true",
        "TimedOut, DeliveryTimedOut, delivery timed out, true",
        "TimedOut, , timed out, true",
        "Cancelled, Cancelled, Cancelled, true",
        "Cancelled, Terminated, Terminated, true",
        "Pending, Pending, Pending, false",
        "InProgress, InProgress, InProgress, false",
        "Delayed, Delayed, Delayed, false",
        "Cancelling, Cancelling, Cancelling, false",
    })
    void statusesReadInSsmsMostSpecificWords(String status, String details, String words, boolean terminal) {
        assertEquals(words, StatusWords.of(status, details));
        assertEquals(terminal, StatusWords.terminal(status));
    }
}
