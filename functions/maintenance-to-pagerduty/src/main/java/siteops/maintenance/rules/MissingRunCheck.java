package siteops.maintenance.rules;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import siteops.maintenance.ssm.BackupWindow;
import siteops.maintenance.ssm.WindowRun;

/**
 * Decides whether a backup window missed its run: pure, from the window's schedule, the current time and the
 * runs Systems Manager lists. A run scheduled at {@code t} may take the window's Duration and then some
 * (the grace), so it counts as due once {@code t + duration + grace} has passed; the window is fresh when a run
 * that started at or after the last due {@code t} succeeded.
 * <ul>
 *   <li>cron: {@code t} is computed exactly (time zone, offset, start and end dates).</li>
 *   <li>rate: the API does not say when the rate started counting, so the check is conservative: a success must
 *       have started within the last {@code interval + duration + grace}.</li>
 *   <li>at (one run): due once its time + duration + grace has passed.</li>
 * </ul>
 * Runs scheduled before the window's StartDate are never due. A window with no run at all in its history
 * (DescribeMaintenanceWindowExecutions lists none) is new, was replaced by a new window id, or has never worked:
 * runs scheduled before it existed cannot be missing, so the due time is computed again with the later of
 * StartDate and its CreatedDate (GetMaintenanceWindow) as the start ({@link #dueSince(BackupWindow, WindowSchedule,
 * Instant, Duration, Instant)}). If no run is due since then it is not due yet (a site created at 10:00 with a
 * 02:00 backup is not paged before its first night has passed). If one is, the window is reported as
 * {@code never-ran}: a {@code warning} on the missing-run alert, not the {@code critical} page of a backup that
 * used to run and stopped, since no backup that existed was lost; its first success resolves it. Without a
 * CreatedDate (Systems Manager always returns one) only StartDate limits.
 */
public final class MissingRunCheck {
    /** Runs start a little after their scheduled minute; this margin keeps a punctual run from counting as early. */
    static final Duration START_MARGIN = Duration.ofMinutes(1);

    /** The outcome for one window. {@code lastSuccess} and {@code latest} are among the runs since {@code dueSince}. */
    public record Verdict(boolean missing, Instant dueSince, WindowRun lastSuccess, WindowRun latest) {}

    private MissingRunCheck() {}

    /**
     * The time since which a successful run must exist, or empty when no run is due yet (a new window, a start
     * date in the future, a one-time run still ahead).
     */
    public static Optional<Instant> dueSince(BackupWindow window, WindowSchedule schedule, Instant now, Duration grace) {
        return dueSince(window, schedule, now, grace, null);
    }

    /**
     * As {@link #dueSince(BackupWindow, WindowSchedule, Instant, Duration)}, but no run scheduled before
     * {@code created} (the window's CreatedDate; null when unknown) is due either: for a window that never ran.
     */
    public static Optional<Instant> dueSince(BackupWindow window, WindowSchedule schedule, Instant now, Duration grace, Instant created) {
        Duration lag = Duration.ofHours(Math.max(1, window.durationHours())).plus(grace);
        Instant limit = now.minus(lag);
        Instant start = instant(window.startDate());
        if (created != null && (start == null || created.isAfter(start))) {
            start = created;
        }
        Instant end = instant(window.endDate());
        if (end != null && end.isBefore(limit)) {
            limit = end;
        }
        Optional<Instant> due = switch (schedule) {
            case WindowSchedule.Cron cron -> cron.latestRunNotAfter(limit);
            case WindowSchedule.At at -> at.when().isAfter(limit) ? Optional.empty() : Optional.of(at.when());
            case WindowSchedule.Rate rate -> Optional.of(limit.minus(rate.interval()));
        };
        if (due.isEmpty() || (start != null && due.get().isBefore(start))) {
            return Optional.empty();
        }
        return Optional.of(due.get().minus(START_MARGIN));
    }

    /** Judges the runs that started since {@code dueSince}. */
    public static Verdict judge(Instant dueSince, List<WindowRun> runs) {
        List<WindowRun> since = runs.stream()
                .filter(r -> r.startTime() != null && !r.startTime().isBefore(dueSince))
                .toList();
        Optional<WindowRun> success = since.stream().filter(r -> "SUCCESS".equals(r.status()))
                .max(Comparator.comparing(WindowRun::startTime));
        Optional<WindowRun> latest = since.stream().max(Comparator.comparing(WindowRun::startTime));
        return new Verdict(success.isEmpty(), dueSince, success.orElse(null), latest.orElse(null));
    }

    /** ISO-8601 with offset as the API returns dates; null when absent or unreadable (then it does not limit). */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
