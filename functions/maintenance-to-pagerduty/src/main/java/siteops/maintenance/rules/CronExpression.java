package siteops.maintenance.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import siteops.maintenance.Messages;

/**
 * The six-field cron of Systems Manager maintenance windows, {@code cron(Minutes Hours Day-of-month Month
 * Day-of-week Year)}, as SSM documents it: {@code , - * /} in every field; {@code ?} in day-of-month or
 * day-of-week; {@code L} (last day) and {@code W} / {@code LW} (nearest weekday) in day-of-month; {@code L}
 * (Saturday), {@code nL} (last such weekday of the month) and {@code n#k} (k-th such weekday) in day-of-week;
 * months JAN-DEC, days SUN-SAT with 1 = Sunday. When both day fields are restricted, a day must match both.
 * Times are wall-clock times of the window's time zone; the caller turns them into instants.
 */
public final class CronExpression {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5),
            Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10),
            Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS = Map.of(
            "SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final Predicate<LocalDate> dayOfMonth;
    private final BitSet months;
    private final Predicate<LocalDate> dayOfWeek;
    private final BitSet years;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = values(fields[0], "minutes", 0, 59, Map.of());
        this.hours = values(fields[1], "hours", 0, 23, Map.of());
        this.dayOfMonth = dayOfMonth(fields[2]);
        this.months = values(fields[3], "month", 1, 12, MONTHS);
        this.dayOfWeek = dayOfWeek(fields[4]);
        this.years = values(fields[5], "year", 1970, 2199, Map.of());
    }

    /** Parses the inside of {@code cron(...)}. */
    public static CronExpression parse(String fields) {
        String[] parts = fields.trim().split("\\s+");
        if (parts.length != 6) {
            throw new ScheduleException(Messages.cronFieldCount(fields, parts.length));
        }
        if (parts[2].equals("?") && parts[4].equals("?")) {
            throw new ScheduleException(Messages.cronBothDaysUnset(fields));
        }
        return new CronExpression(fields.trim(), parts);
    }

    /** Whether the schedule fires on this date (in the schedule's own calendar). */
    public boolean firesOn(LocalDate date) {
        return years.get(date.getYear() - 1970) && months.get(date.getMonthValue() - 1)
                && dayOfMonth.test(date) && dayOfWeek.test(date);
    }

    /** The latest firing time of the day that is not after {@code notAfter}; empty when there is none. */
    public Optional<LocalTime> latestTimeNotAfter(LocalTime notAfter) {
        for (int hour = notAfter.getHour(); hour >= 0; hour--) {
            if (!hours.get(hour)) {
                continue;
            }
            int fromMinute = hour == notAfter.getHour() ? notAfter.getMinute() : 59;
            for (int minute = fromMinute; minute >= 0; minute--) {
                if (minutes.get(minute)) {
                    return Optional.of(LocalTime.of(hour, minute));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "cron(" + text + ")";
    }

    // Bit i of the set stands for value min + i.
    private BitSet values(String field, String name, int min, int max, Map<String, Integer> names) {
        BitSet set = new BitSet();
        for (String part : field.split(",")) {
            String[] rangeAndStep = part.split("/", 2);
            String range = rangeAndStep[0];
            boolean stepped = rangeAndStep.length > 1;
            int step = stepped ? number(rangeAndStep[1], name, 1, max - min + 1, Map.of()) : 1;
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], name, min, max, names);
                to = number(ends[1], name, min, max, names);
            } else {
                from = number(range, name, min, max, names);
                to = stepped ? max : from;
            }
            if (from <= to) {
                for (int v = from; v <= to; v += step) {
                    set.set(v - min);
                }
            } else {
                // A wrapping range such as FRI-MON or 22-2: from..max then min..to, stepping across the wrap.
                int span = max - min + 1;
                for (int i = 0; i <= (to + span - from); i += step) {
                    set.set((from - min + i) % span);
                }
            }
        }
        return set;
    }

    private int number(String value, String name, int min, int max, Map<String, Integer> names) {
        String upper = value.trim().toUpperCase(Locale.ROOT);
        Integer named = names.get(upper);
        if (named != null) {
            return named;
        }
        try {
            int parsed = Integer.parseInt(upper);
            if (parsed < min || parsed > max) {
                throw new ScheduleException(Messages.cronValueOutOfRange(text, name, parsed, min, max));
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ScheduleException(Messages.cronValueInvalid(text, name, value));
        }
    }

    private Predicate<LocalDate> dayOfMonth(String field) {
        if (field.equals("?")) {
            return date -> true;
        }
        if (field.equals("L")) {
            return date -> date.getDayOfMonth() == date.lengthOfMonth();
        }
        if (field.equals("LW")) {
            return date -> date.equals(nearestWeekday(date.withDayOfMonth(date.lengthOfMonth())));
        }
        if (field.endsWith("W")) {
            int day = number(field.substring(0, field.length() - 1), "day-of-month", 1, 31, Map.of());
            return date -> day <= date.lengthOfMonth() && date.equals(nearestWeekday(date.withDayOfMonth(day)));
        }
        BitSet days = values(field, "day-of-month", 1, 31, Map.of());
        return date -> days.get(date.getDayOfMonth() - 1);
    }

    /** The weekday nearest to the date within its month (Saturday → Friday, Sunday → Monday). */
    private static LocalDate nearestWeekday(LocalDate date) {
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> date.getDayOfMonth() == 1 ? date.plusDays(2) : date.minusDays(1);
            case SUNDAY -> date.getDayOfMonth() == date.lengthOfMonth() ? date.minusDays(2) : date.plusDays(1);
            default -> date;
        };
    }

    private Predicate<LocalDate> dayOfWeek(String field) {
        if (field.equals("?")) {
            return date -> true;
        }
        if (field.equals("L")) {
            return date -> date.getDayOfWeek() == DayOfWeek.SATURDAY;
        }
        if (field.contains("#")) {
            String[] parts = field.split("#", 2);
            DayOfWeek day = cronDay(number(parts[0], "day-of-week", 1, 7, DAYS));
            int nth = number(parts[1], "day-of-week occurrence (#)", 1, 5, Map.of());
            return date -> date.getDayOfWeek() == day && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
        if (field.endsWith("L")) {
            DayOfWeek day = cronDay(number(field.substring(0, field.length() - 1), "day-of-week", 1, 7, DAYS));
            return date -> date.equals(date.with(TemporalAdjusters.lastInMonth(day)));
        }
        BitSet days = values(field, "day-of-week", 1, 7, DAYS);
        return date -> days.get(cronNumber(date.getDayOfWeek()) - 1);
    }

    /** Cron numbers days 1 = Sunday ... 7 = Saturday. */
    private static DayOfWeek cronDay(int number) {
        return DayOfWeek.SUNDAY.plus(number - 1);
    }

    private static int cronNumber(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }
}
