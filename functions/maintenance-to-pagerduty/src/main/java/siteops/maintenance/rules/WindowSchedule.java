package siteops.maintenance.rules;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import siteops.maintenance.Messages;

/**
 * A maintenance window's schedule as Systems Manager accepts it: {@code cron(...)} (six fields, in the window's
 * ScheduleTimezone, shifted by ScheduleOffset days), {@code rate(N minutes|hours|days)} or a one-time
 * {@code at(yyyy-MM-ddTHH:mm:ss)} (UTC).
 */
public sealed interface WindowSchedule {
    /** How far back a cron schedule is searched for its last run: covers yearly schedules with a margin. */
    int SEARCH_DAYS = 800;

    /** Runs at cron times: the last due run can be computed exactly. */
    record Cron(CronExpression cron, ZoneId zone, int offsetDays) implements WindowSchedule {
        /** The latest scheduled start that is not after {@code limit}; empty if none in the last {@value #SEARCH_DAYS} days. */
        public Optional<Instant> latestRunNotAfter(Instant limit) {
            LocalDateTime last = LocalDateTime.ofInstant(limit, zone);
            LocalDate runDay = last.toLocalDate();
            for (int i = 0; i < SEARCH_DAYS; i++, runDay = runDay.minusDays(1)) {
                // With an offset the window runs offsetDays after the day the cron names, at the cron's time.
                if (!cron.firesOn(runDay.minusDays(offsetDays))) {
                    continue;
                }
                LocalTime notAfter = i == 0 ? last.toLocalTime() : LocalTime.MAX;
                Optional<LocalTime> time = cron.latestTimeNotAfter(notAfter);
                if (time.isPresent()) {
                    Instant run = startOf(LocalDateTime.of(runDay, time.get()));
                    if (!run.isAfter(limit)) {
                        return Optional.of(run);
                    }
                }
            }
            return Optional.empty();
        }

        /**
         * The instant a run scheduled at this wall-clock time is due. A time skipped by a daylight-saving gap
         * (02:30 on the night New York springs forward) does not exist: Systems Manager can start that run no
         * earlier than the end of the gap, so the due time is the transition itself (03:00 EDT), never later than
         * any real start; {@code ZonedDateTime.of} would move it forward by the gap's length (03:30), and a run
         * started at 03:00 would then look early and not count. In an overlap the earlier offset is used, again
         * the earlier instant.
         */
        Instant startOf(LocalDateTime local) {
            ZoneOffsetTransition transition = zone.getRules().getTransition(local);
            if (transition != null && transition.isGap()) {
                return transition.getInstant();
            }
            return ZonedDateTime.of(local, zone).toInstant();
        }
    }

    /** Runs every interval, counted from when the window was created or enabled, which the API does not tell. */
    record Rate(Duration interval) implements WindowSchedule {}

    /** Runs once. */
    record At(Instant when) implements WindowSchedule {}

    Pattern CRON = Pattern.compile("cron\\((.*)\\)", Pattern.CASE_INSENSITIVE);
    Pattern RATE = Pattern.compile("rate\\(\\s*([0-9]{1,5})\\s+(minute|minutes|hour|hours|day|days)\\s*\\)", Pattern.CASE_INSENSITIVE);
    Pattern AT = Pattern.compile("at\\(\\s*([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})\\s*\\)", Pattern.CASE_INSENSITIVE);

    /**
     * @param expression the window's Schedule
     * @param timezone   its ScheduleTimezone (IANA name), or null/blank for UTC
     * @param offsetDays its ScheduleOffset, or null
     */
    static WindowSchedule parse(String expression, String timezone, Integer offsetDays) {
        if (expression == null || expression.isBlank()) {
            throw new ScheduleException(Messages.noSchedule());
        }
        String text = expression.trim();
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            ZoneId zone;
            try {
                zone = timezone == null || timezone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timezone.trim());
            } catch (DateTimeException e) {
                throw new ScheduleException(Messages.notATimeZone(timezone));
            }
            int offset = offsetDays == null ? 0 : offsetDays;
            if (offset < 0 || offset > 6) {
                throw new ScheduleException(Messages.offsetOutOfRange(offset));
            }
            return new Cron(CronExpression.parse(cron.group(1)), zone, offset);
        }
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            if (value < 1) {
                throw new ScheduleException(Messages.rateBelowOne(text));
            }
            String unit = rate.group(2).toLowerCase(Locale.ROOT);
            Duration interval = unit.startsWith("minute") ? Duration.ofMinutes(value)
                    : unit.startsWith("hour") ? Duration.ofHours(value) : Duration.ofDays(value);
            return new Rate(interval);
        }
        Matcher at = AT.matcher(text);
        if (at.matches()) {
            try {
                return new At(LocalDateTime.parse(at.group(1)).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException e) {
                throw new ScheduleException(Messages.notADateTime(text));
            }
        }
        throw new ScheduleException(Messages.notASchedule(text));
    }
}
