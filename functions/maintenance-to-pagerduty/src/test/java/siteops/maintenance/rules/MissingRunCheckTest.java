package siteops.maintenance.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import siteops.maintenance.ssm.BackupWindow;
import siteops.maintenance.ssm.WindowRun;

class MissingRunCheckTest {
    private static final Duration GRACE = Duration.ofMinutes(60);

    private static BackupWindow window(String schedule, String zone, int durationHours, String start, String end) {
        return new BackupWindow("mw-0ed7251d3fcf6e0c2", "news-backup", true, schedule, zone, null, durationHours, start, end,
                Map.of("siteops:backup", "true"));
    }

    private static Optional<Instant> dueSince(BackupWindow w, String now) {
        return MissingRunCheck.dueSince(w, WindowSchedule.parse(w.schedule(), w.scheduleTimezone(), w.scheduleOffset()),
                Instant.parse(now), GRACE);
    }

    @Test
    void aNightlyRunIsDueOnceItsDurationAndGraceHavePassed() {
        BackupWindow nightly = window("cron(0 2 ? * * *)", "Asia/Tokyo", 2, null, null);
        // 02:00 JST = 17:00Z; due from 17:00 + 2 h + 1 h = 20:00Z
        assertEquals(Optional.of(Instant.parse("2026-11-28T16:59:00Z")), dueSince(nightly, "2026-11-29T19:59:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-11-29T16:59:00Z")), dueSince(nightly, "2026-11-29T20:00:00Z"));
    }

    @Test
    void startAndEndDatesLimitWhatIsDue() {
        assertEquals(Optional.empty(), dueSince(window("cron(0 2 ? * * *)", "Asia/Tokyo", 2, "2026-11-29T12:00:00+09:00", null),
                "2026-11-29T19:00:00Z"), "no run since the start date is due yet");
        assertEquals(Optional.of(Instant.parse("2026-11-09T16:59:00Z")),
                dueSince(window("cron(0 2 ? * * *)", "Asia/Tokyo", 2, null, "2026-11-10T12:00:00+09:00"), "2026-11-29T19:00:00Z"),
                "after the end date the last run before it is the last one due");
    }

    @Test
    void aWindowCreatedAfterItsLastDueRunOwesNoneYetWithOrWithoutAStartDate() {
        BackupWindow nightly = window("cron(0 2 ? * * *)", "Asia/Tokyo", 2, null, null);
        Instant now = Instant.parse("2026-11-29T20:00:00Z");
        WindowSchedule schedule = WindowSchedule.parse(nightly.schedule(), nightly.scheduleTimezone(), nightly.scheduleOffset());
        assertEquals(Optional.empty(), MissingRunCheck.dueSince(nightly, schedule, now, GRACE, Instant.parse("2026-11-29T17:30:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-11-29T16:59:00Z")),
                MissingRunCheck.dueSince(nightly, schedule, now, GRACE, Instant.parse("2026-11-20T00:00:00Z")));
        BackupWindow started = window("cron(0 2 ? * * *)", "Asia/Tokyo", 2, "2026-11-01T00:00:00+09:00", null);
        assertEquals(Optional.empty(), MissingRunCheck.dueSince(started, schedule, now, GRACE, Instant.parse("2026-11-29T17:30:00Z")),
                "the later of creation and start date counts");
    }

    @Test
    void aRateScheduleIsJudgedConservatively() {
        assertEquals(Optional.of(Instant.parse("2026-11-29T05:59:00Z")),
                dueSince(window("rate(12 hours)", null, 1, null, null), "2026-11-29T20:00:00Z"));
    }

    @Test
    void aOneTimeRunStillAheadIsNotDue() {
        assertEquals(Optional.empty(), dueSince(window("at(2026-12-24T02:00:00)", null, 1, null, null), "2026-11-29T20:00:00Z"));
    }

    @Test
    void onlyASuccessSinceTheDueRunMakesTheWindowFresh() {
        Instant due = Instant.parse("2026-11-29T16:59:00Z");
        var failedTonight = new WindowRun("e-2", "FAILED", Instant.parse("2026-11-29T17:00:02Z"));
        var succeededYesterday = new WindowRun("e-1", "SUCCESS", Instant.parse("2026-11-28T17:00:02Z"));
        var verdict = MissingRunCheck.judge(due, List.of(failedTonight, succeededYesterday));
        assertTrue(verdict.missing());
        assertEquals(failedTonight, verdict.latest());

        var succeededTonight = new WindowRun("e-3", "SUCCESS", Instant.parse("2026-11-29T17:00:01Z"));
        var fresh = MissingRunCheck.judge(due, List.of(succeededTonight, succeededYesterday));
        assertFalse(fresh.missing());
        assertEquals(succeededTonight, fresh.lastSuccess());
        assertTrue(MissingRunCheck.judge(due, List.of()).missing(), "no run at all");
    }

    @Test
    void aWindowThatNeverRanIsDueOnlyFromItsCreation() {
        BackupWindow nightly = window("cron(0 2 ? * * *)", "Asia/Tokyo", 2, null, null);
        WindowSchedule schedule = WindowSchedule.parse(nightly.schedule(), nightly.scheduleTimezone(), null);
        Instant created = Instant.parse("2026-11-30T01:00:00Z"); // 10:00 JST; first run 02:00 JST on the 1st = 17:00Z
        assertEquals(Optional.empty(), MissingRunCheck.dueSince(nightly, schedule, Instant.parse("2026-11-30T19:59:00Z"), GRACE, created));
        assertEquals(Optional.of(Instant.parse("2026-11-30T16:59:00Z")),
                MissingRunCheck.dueSince(nightly, schedule, Instant.parse("2026-11-30T20:00:00Z"), GRACE, created));
        assertEquals(Optional.of(Instant.parse("2026-11-29T16:59:00Z")),
                MissingRunCheck.dueSince(nightly, schedule, Instant.parse("2026-11-30T19:59:00Z"), GRACE, null),
                "without a creation date the schedule alone decides");
        BackupWindow startsLater = window("cron(0 2 ? * * *)", "Asia/Tokyo", 2, "2026-12-05T00:00:00+09:00", null);
        assertEquals(Optional.empty(), MissingRunCheck.dueSince(startsLater, schedule, Instant.parse("2026-12-03T00:00:00Z"), GRACE, created),
                "the later of StartDate and CreatedDate counts");
    }

    @Test
    void aRunScheduledInTheSpringForwardGapCountsWhenItStartsAtTheEndOfTheGap() {
        // 02:30 New York does not exist on 2026-03-08 (02:00 EST -> 03:00 EDT = 07:00Z); the run starts at 03:00 EDT.
        BackupWindow window = window("cron(30 2 ? * * *)", "America/New_York", 1, null, null);
        Optional<Instant> due = dueSince(window, "2026-03-08T12:00:00Z");
        assertEquals(Optional.of(Instant.parse("2026-03-08T06:59:00Z")), due);
        var startedAtTheEndOfTheGap = new WindowRun("e-1", "SUCCESS", Instant.parse("2026-03-08T07:00:04Z"));
        assertFalse(MissingRunCheck.judge(due.get(), List.of(startedAtTheEndOfTheGap)).missing());
    }
}
