package siteops.maintenance.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The days and times a maintenance window's cron fires on: the days the missing-run check expects a backup. */
class CronExpressionTest {
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    @Test
    void theNthWeekdayOfTheMonthOnEveryDayOfAYear() {
        for (int cronDay = 1; cronDay <= 7; cronDay++) {
            DayOfWeek weekday = DayOfWeek.SUNDAY.plus(cronDay - 1);
            for (int nth = 1; nth <= 5; nth++) {
                CronExpression byNumber = CronExpression.parse("0 2 ? * " + cronDay + "#" + nth + " *");
                CronExpression byName = CronExpression.parse("0 2 ? * " + DAYS.get(cronDay - 1) + "#" + nth + " *");
                for (LocalDate date = LocalDate.of(2026, 1, 1); date.getYear() == 2026; date = date.plusDays(1)) {
                    boolean expected = date.getDayOfWeek() == weekday && occurrenceInMonth(date) == nth;
                    assertEquals(expected, byNumber.firesOn(date), cronDay + "#" + nth + " on " + date);
                    assertEquals(expected, byName.firesOn(date), DAYS.get(cronDay - 1) + "#" + nth + " on " + date);
                }
            }
        }
    }

    /** Counted the slow way: how many of this weekday the month has up to and including the date. */
    private static int occurrenceInMonth(LocalDate date) {
        int count = 0;
        for (LocalDate day = date.withDayOfMonth(1); !day.isAfter(date); day = day.plusDays(1)) {
            count += day.getDayOfWeek() == date.getDayOfWeek() ? 1 : 0;
        }
        return count;
    }

    @ParameterizedTest(name = "cron({0}) in March 2026 -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0 2 ? MAR FRI-MON 2026  | 1 2 6 7 8 9 13 14 15 16 20 21 22 23 27 28 29 30
            0 2 ? MAR 6-2/2 2026    | 1 6 8 13 15 20 22 27 29
            0 2 ? MAR L 2026        | 7 14 21 28
            0 2 ? MAR 2L 2026       | 30
            0 2 31W MAR ? 2026      | 31
            0 2 1W MAR ? 2026       | 2
            0 2 LW MAR ? 2026       | 31
            0 2 L MAR ? 2026        | 31
            0 2 28-3 MAR ? 2026     | 1 2 3 28 29 30 31
            0 2 1/10 MAR ? 2026     | 1 11 21 31
            0 2 * MAR MON 2026      | 2 9 16 23 30
            0 2 10 MAR * 2026       | 10
            0 2 10 MAR TUE 2026     | 10
            0 2 10 MAR WED 2026     | ''
            0 2 * MAR * 2027        | ''
            """)
    void firesOnTheDaysSsmDocuments(String fields, String days) {
        List<Integer> fired = new ArrayList<>();
        CronExpression cron = CronExpression.parse(fields);
        for (LocalDate date = LocalDate.of(2026, 3, 1); date.getMonthValue() == 3; date = date.plusDays(1)) {
            if (cron.firesOn(date)) {
                fired.add(date.getDayOfMonth());
            }
        }
        assertEquals(days.isBlank() ? List.of() : Arrays.stream(days.split(" ")).map(Integer::valueOf).toList(), fired);
    }

    @Test
    void theNearestWeekdayNeverLeavesTheMonthAndAMissingDayNeverFires() {
        // 31W in February: the month has no 31st, so the window does not run (SSM does the same).
        CronExpression lastW = CronExpression.parse("0 2 31W * ? 2026");
        assertTrue(LocalDate.of(2026, 2, 1).datesUntil(LocalDate.of(2026, 3, 1)).noneMatch(lastW::firesOn));
        // 31 January 2026 is a Saturday: Friday the 30th.
        assertTrue(lastW.firesOn(LocalDate.of(2026, 1, 30)));
        // 1 August 2026 is a Saturday: Monday the 3rd, not Friday 31 July.
        CronExpression firstW = CronExpression.parse("0 2 1W * ? 2026");
        assertTrue(firstW.firesOn(LocalDate.of(2026, 8, 3)));
        assertEquals(false, firstW.firesOn(LocalDate.of(2026, 7, 31)));
        // 31 May 2026 is a Sunday: Friday the 29th.
        assertTrue(CronExpression.parse("0 2 LW * ? 2026").firesOn(LocalDate.of(2026, 5, 29)));
    }

    @ParameterizedTest(name = "cron({0}) not after {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0/59 * ? * * *     | 10:58 | 10:00
            0/59 * ? * * *     | 10:59 | 10:59
            30 22-2/2 ? * * *  | 23:59 | 22:30
            30 22-2/2 ? * * *  | 01:59 | 00:30
            30 22-2/2 ? * * *  | 02:30 | 02:30
            15,45 3 ? * * *    | 03:44 | 03:15
            15,45 3 ? * * *    | 03:14 | -
            """)
    void latestFiringTimeOfTheDay(String fields, LocalTime notAfter, String expected) {
        Optional<LocalTime> latest = CronExpression.parse(fields).latestTimeNotAfter(notAfter);
        assertEquals(expected.equals("-") ? Optional.empty() : Optional.of(LocalTime.parse(expected)), latest);
    }

    @ParameterizedTest(name = "cron({0})")
    @CsvSource(delimiter = '|', textBlock = """
            0 2 1/32 * ? *   | day-of-month value 32 is outside 1-31
            0/61 2 ? * * *   | minutes value 61 is outside 1-60
            0 2 ? * 2#6 *    | day-of-week occurrence (#) value 6 is outside 1-5
            0 2 ? * 8L *     | day-of-week value 8 is outside 1-7
            0 2 32W * ? *    | day-of-month value 32 is outside 1-31
            """)
    void refusesValuesOutsideTheirField(String fields, String expected) {
        ScheduleException error = assertThrows(ScheduleException.class, () -> CronExpression.parse(fields));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().startsWith("cron(" + fields + ")"), error.getMessage());
    }

    @Test
    void showsItselfAsSsmWritesIt() {
        assertEquals("cron(0 2 ? * TUE#3 *)", CronExpression.parse(" 0 2 ? * TUE#3 * ").toString());
    }
}
