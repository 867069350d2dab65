package siteops.maintenance.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowScheduleTest {
    @ParameterizedTest(name = "{0} {1} +{2}d, limit {3} -> {4}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            // daily 02:00 Tokyo = 17:00 UTC the day before
            "cron(0 2 ? * * *)            | Asia/Tokyo       | - | 2026-11-30T03:00:00Z | 2026-11-29T17:00:00Z",
            "cron(0 2 ? * * *)            | Asia/Tokyo       | - | 2026-11-29T16:59:59Z | 2026-11-28T17:00:00Z",
            "cron(0 2 ? * * *)            | -                | - | 2026-11-30T02:00:00Z | 2026-11-30T02:00:00Z",
            // every 15 minutes between 01:00 and 03:59
            "cron(0/15 1-3 ? * * *)       | -                | - | 2026-11-30T12:00:00Z | 2026-11-30T03:45:00Z",
            "cron(*/15 1-3 ? * * *)       | -                | - | 2026-11-30T02:31:00Z | 2026-11-30T02:30:00Z",
            // weekly on Sunday (1 = SUN); 2026-11-29 is a Sunday
            "cron(30 3 ? * SUN *)         | -                | - | 2026-12-02T00:00:00Z | 2026-11-29T03:30:00Z",
            "cron(30 3 ? * 1 *)           | -                | - | 2026-12-02T00:00:00Z | 2026-11-29T03:30:00Z",
            "cron(0 4 ? * MON-FRI *)      | -                | - | 2026-11-29T12:00:00Z | 2026-11-27T04:00:00Z",
            "cron(0 4 ? * FRI-MON *)      | -                | - | 2026-11-26T12:00:00Z | 2026-11-23T04:00:00Z",
            // third Tuesday of the month at 23:30, run two days later (AWS's own example); 3rd Tue of Nov 2026 = 17th
            "cron(30 23 ? * TUE#3 *)      | -                | 2 | 2026-11-30T00:00:00Z | 2026-11-19T23:30:00Z",
            "cron(30 23 ? * TUE#3 *)      | -                | - | 2026-11-30T00:00:00Z | 2026-11-17T23:30:00Z",
            // last day, last weekday, nearest weekday, last Friday
            "cron(0 1 L * ? *)            | -                | - | 2026-12-15T00:00:00Z | 2026-11-30T01:00:00Z",
            "cron(0 1 LW * ? *)           | -                | - | 2026-09-15T00:00:00Z | 2026-08-31T01:00:00Z",
            "cron(0 1 LW * ? *)           | -                | - | 2026-06-15T00:00:00Z | 2026-05-29T01:00:00Z",
            "cron(0 1 15W * ? *)          | -                | - | 2026-11-20T00:00:00Z | 2026-11-16T01:00:00Z",
            "cron(0 1 1W * ? *)           | -                | - | 2026-08-20T00:00:00Z | 2026-08-03T01:00:00Z",
            "cron(0 1 ? * 6L *)           | -                | - | 2026-12-15T00:00:00Z | 2026-11-27T01:00:00Z",
            // monthly on the 1st, named months, a year list
            "cron(0 0 1 JAN,JUL ? *)      | -                | - | 2026-11-30T00:00:00Z | 2026-07-01T00:00:00Z",
            // every third month from November across the year end: November, then February
            "cron(0 0 1 NOV-FEB/3 ? *)    | -                | - | 2027-03-15T00:00:00Z | 2027-02-01T00:00:00Z",
            "cron(0 0 1 NOV-FEB/3 ? *)    | -                | - | 2027-01-15T00:00:00Z | 2026-11-01T00:00:00Z",
            "cron(0 0 1 1 ? 2025)         | -                | - | 2026-11-30T00:00:00Z | 2025-01-01T00:00:00Z",
            "cron(0 0 1 1 ? 2030)         | -                | - | 2026-11-30T00:00:00Z | -",
            // the last run is looked for up to 799 days back (a yearly schedule with a margin), not further
            "cron(0 0 1 1 ? 2025)         | -                | - | 2027-03-11T12:00:00Z | 2025-01-01T00:00:00Z",
            "cron(0 0 1 1 ? 2025)         | -                | - | 2027-03-12T12:00:00Z | -",
            // daylight saving: 02:30 New York does not exist on 2026-03-08; the run is due from the end of the gap,
            // 03:00 EDT (07:00Z), the earliest it can start, not 03:30 EDT
            "cron(30 2 ? * * *)           | America/New_York | - | 2026-03-08T12:00:00Z | 2026-03-08T07:00:00Z",
            "cron(30 2 ? * * *)           | America/New_York | - | 2026-03-08T07:00:00Z | 2026-03-08T07:00:00Z",
            "cron(30 2 ? * * *)           | America/New_York | - | 2026-03-08T06:59:59Z | 2026-03-07T07:30:00Z",
            // in the autumn overlap 01:30 happens twice: the first (EDT, 05:30Z) is the due time
            "cron(30 1 ? * * *)           | America/New_York | - | 2026-11-01T12:00:00Z | 2026-11-01T05:30:00Z",
            "cron(30 2 ? * * *)           | America/New_York | - | 2026-03-09T12:00:00Z | 2026-03-09T06:30:00Z",
            "at(2026-11-01T10:00:00)      | -                | - | 2026-11-30T00:00:00Z | -"})
    void findsTheLatestRunNotAfterTheLimit(String expression, String zone, Integer offset, String limit, String expected) {
        WindowSchedule schedule = WindowSchedule.parse(expression, zone, offset);
        if (schedule instanceof WindowSchedule.Cron cron) {
            Optional<Instant> run = cron.latestRunNotAfter(Instant.parse(limit));
            assertEquals(Optional.ofNullable(expected).map(Instant::parse), run);
        } else {
            assertInstanceOf(WindowSchedule.At.class, schedule);
        }
    }

    @Test
    void readsRateAndAtForms() {
        assertEquals(Duration.ofHours(12), ((WindowSchedule.Rate) WindowSchedule.parse("rate(12 hours)", null, null)).interval());
        assertEquals(Duration.ofDays(1), ((WindowSchedule.Rate) WindowSchedule.parse("rate(1 day)", null, null)).interval());
        assertEquals(Duration.ofMinutes(30), ((WindowSchedule.Rate) WindowSchedule.parse("rate(30 minutes)", null, null)).interval());
        assertEquals(Instant.parse("2026-07-07T15:55:00Z"), ((WindowSchedule.At) WindowSchedule.parse("at(2026-07-07T15:55:00)", null, null)).when());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cron(0 2 * * ?)               | has 5 fields",
            "cron(0 2 ? * ? *)             | cannot both be '?'",
            "cron(61 2 ? * * *)            | outside 0-59",
            "cron(0 2 ? * FUNDAY *)        | not a valid day-of-week",
            "rate(0 hours)                 | at least 1",
            "every day at two              | is not a cron(...)",
            "cron(0 2 ? * * *)             | time zone"})
    void refusesWhatSsmWouldNotAccept(String expression, String expected) {
        String zone = expected.equals("time zone") ? "Mars/Olympus" : null;
        var error = assertThrows(ScheduleException.class, () -> WindowSchedule.parse(expression, zone, null));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void aWindowWithABlankScheduleIsSaidToHaveNone() {
        var error = assertThrows(ScheduleException.class, () -> WindowSchedule.parse("  ", null, null));
        assertEquals("the window has no schedule", error.getMessage());
    }

    @Test
    void aBlankTimeZoneIsUtcAndTheOffsetIsZeroToSixDays() {
        assertEquals(ZoneOffset.UTC, ((WindowSchedule.Cron) WindowSchedule.parse("cron(0 2 ? * * *)", " ", null)).zone());
        assertEquals(0, ((WindowSchedule.Cron) WindowSchedule.parse("cron(0 2 ? * * *)", null, null)).offsetDays());
        assertEquals(6, ((WindowSchedule.Cron) WindowSchedule.parse("cron(0 2 ? * * *)", null, 6)).offsetDays());
        for (int outside : new int[] {-1, 7}) {
            var error = assertThrows(ScheduleException.class, () -> WindowSchedule.parse("cron(0 2 ? * * *)", null, outside));
            assertEquals("schedule offset " + outside + " is outside 0-6 days", error.getMessage());
        }
    }

    @Test
    void aDedupKeyOfExactly255CharactersIsSentAndALongerOneRefused() {
        String base = AlertKind.RUN_FAILURE.dedupKey("123456789012", "ap-northeast-1", "");
        String fits = "w".repeat(AlertKind.MAX_DEDUP_KEY - base.length());
        assertEquals(AlertKind.MAX_DEDUP_KEY, AlertKind.RUN_FAILURE.dedupKey("123456789012", "ap-northeast-1", fits).length());
        assertThrows(IllegalArgumentException.class, () -> AlertKind.RUN_FAILURE.dedupKey("123456789012", "ap-northeast-1", fits + "w"));
    }
}
