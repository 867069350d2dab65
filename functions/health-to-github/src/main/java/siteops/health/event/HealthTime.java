package siteops.health.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time as AWS Health sends it: an RFC 1123 string ({@code Thu, 26 Jan 2023 13:19:03 GMT}) whose day may have one
 * digit and whose weekday may not match the date (the documentation samples do both), so the weekday is ignored.
 * An ISO-8601 instant is accepted too. What cannot be parsed is kept as raw text rather than dropping the event.
 */
public record HealthTime(String raw, Instant instant) {
    private static final Pattern RFC_1123 = Pattern.compile(
            "(?:[A-Za-z]{3,9},?\\s+)?(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
                    + "\\s*(GMT|UTC|UT|Z|[+-]\\d{2}:?\\d{2})?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12));
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Null for a missing or blank value (missing times are normal: open events have no end time). */
    public static HealthTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String raw = text.trim();
        return new HealthTime(raw, toInstant(raw));
    }

    public static Instant toInstant(String raw) {
        Matcher m = RFC_1123.matcher(raw);
        if (m.matches()) {
            Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
            if (month == null) {
                return null;
            }
            try {
                LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                String zone = m.group(7);
                ZoneOffset offset = zone == null || zone.matches("GMT|UTC|UT|Z") ? ZoneOffset.UTC
                        : ZoneOffset.of(zone);
                return local.toInstant(offset);
            } catch (DateTimeException | NumberFormatException e) {
                return null;
            }
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** For people: {@code 2023-02-03 10:00:00 UTC}, or the raw text when it could not be parsed. */
    public String display() {
        return instant == null ? raw + " (as sent by AWS)" : SHOWN.format(instant);
    }
}
