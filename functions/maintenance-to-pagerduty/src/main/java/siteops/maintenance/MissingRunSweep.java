package siteops.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import siteops.common.Log;
import siteops.maintenance.event.ScheduledCheck;
import siteops.maintenance.pagerduty.AlertComposer;
import siteops.maintenance.pagerduty.PagerDutyEvent;
import siteops.maintenance.pagerduty.PagerDutyEvents;
import siteops.maintenance.pagerduty.RoutingKey;
import siteops.maintenance.pagerduty.RoutingKeys;
import siteops.maintenance.pagerduty.SentEvent;
import siteops.maintenance.rules.AlertKind;
import siteops.maintenance.rules.AlertState;
import siteops.maintenance.rules.MissingRunCheck;
import siteops.maintenance.rules.ScheduleException;
import siteops.maintenance.rules.SentAlert;
import siteops.maintenance.rules.WindowSchedule;
import siteops.maintenance.ssm.BackupWindow;
import siteops.maintenance.state.AlertStates;
import siteops.maintenance.ssm.WindowReadException;
import siteops.maintenance.ssm.WindowReader;

/**
 * The hourly sweep: looks at every backup window and triggers or resolves its missing-run and disabled alerts,
 * but only when what it finds differs from what PagerDuty was last told ({@link AlertStates}, written by the
 * sweep and by the window's events), so a healthy fleet costs no PagerDuty event and a restart pages nothing
 * again. A window that cannot be checked or paged is a problem; the others are still checked, and the problems
 * fail the run at the end so the errors alarm shows the blind spot. When the table cannot be read the sweep sends
 * nothing and fails at once: without it every open alert would be sent again every hour.
 */
public final class MissingRunSweep {
    /**
     * The sweep starts no new window after this long (on the injected clock); the windows left are reported as
     * not checked, so the run fails and the errors alarm fires. The function's timeout is 120 s, and one window
     * started just before the budget runs out may still take about a minute: the secret (5 s), up to three SSM
     * calls of 3 s (and more pages for a window with many runs), and a trigger with its full retries (5 attempts of
     * at most 5 s each plus 20 s of backoff). Without the budget a slow PagerDuty times the function out with the
     * later windows silently unchecked.
     */
    static final Duration TIME_BUDGET = Duration.ofSeconds(60);
    /** A sweep's claim on an alert outlives the function's 120 s timeout, so a live claim is a sweep still working. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(5);

    private final Duration missingRunGrace;
    private final WindowReader windows;
    private final RoutingKeys routing;
    private final PagerDutyEvents pagerDuty;
    private final PagerDutyEvents healthyResolves;
    private final AlertStates states;
    private final Clock clock;

    /** One window's findings: its outcome, what was sent for it and what went wrong. */
    private record WindowCheck(CheckResult.WindowOutcome outcome, List<SentEvent> sent, List<String> problems) {
        static WindowCheck of(BackupWindow window, WindowState state, String detail) {
            return new WindowCheck(new CheckResult.WindowOutcome(window.windowId(), window.name(), state, detail), List.of(), List.of());
        }

        static WindowCheck unchecked(BackupWindow window, String detail, String problem) {
            return new WindowCheck(new CheckResult.WindowOutcome(window.windowId(), window.name(), WindowState.UNCHECKED, detail),
                    List.of(), List.of(problem));
        }

        WindowCheck with(Delivery delivery) {
            List<SentEvent> allSent = new ArrayList<>(sent);
            allSent.addAll(delivery.sent());
            List<String> allProblems = new ArrayList<>(problems);
            if (delivery.problem() != null) {
                allProblems.add(delivery.problem());
            }
            return new WindowCheck(outcome, allSent, allProblems);
        }
    }

    /** The events sent for one alert of a window (none when nothing changed), or the problem that stopped them. */
    private record Delivery(List<SentEvent> sent, String problem) {
        static final Delivery NOTHING = new Delivery(List.of(), null);
    }

    /**
     * @param pagerDuty       sends the sweep's triggers
     * @param healthyResolves sends the resolves of windows found healthy again, with fewer attempts: a resolve that
     *                        fails leaves the remembered state as it was, so the next sweep sends it again
     * @param states          what PagerDuty was last told about each alert
     */
    public MissingRunSweep(Duration missingRunGrace, WindowReader windows, RoutingKeys routing, PagerDutyEvents pagerDuty,
                           PagerDutyEvents healthyResolves, AlertStates states, Clock clock) {
        this.missingRunGrace = missingRunGrace;
        this.windows = windows;
        this.routing = routing;
        this.pagerDuty = pagerDuty;
        this.healthyResolves = healthyResolves;
        this.states = states;
        this.clock = clock;
    }

    public CheckResult run(ScheduledCheck check) {
        Instant now = clock.instant();
        Map<String, SentAlert> remembered;
        try {
            remembered = states.readAll();
        } catch (RuntimeException e) {
            Log.warn("the alert state table cannot be read; nothing sent", "table", states.name(), "reason", e.getMessage());
            throw new IllegalStateException(Messages.stateUnreadable(states.name(), e.getMessage()), e);
        }
        WindowReader.BackupWindows backups = windows.backupWindows();
        List<String> problems = new ArrayList<>(backups.unreadable().stream().map(Messages::tagsUnreadable).toList());
        List<CheckResult.WindowOutcome> outcomes = new ArrayList<>();
        List<SentEvent> sent = new ArrayList<>();
        for (BackupWindow window : backups.windows()) {
            Duration elapsed = Duration.between(now, clock.instant());
            WindowCheck found;
            if (elapsed.compareTo(TIME_BUDGET) >= 0) {
                String timeRanOut = Messages.timeRanOut(window, elapsed, TIME_BUDGET);
                found = WindowCheck.unchecked(window, timeRanOut, timeRanOut);
            } else {
                found = checkOne(check, window, now, remembered);
            }
            outcomes.add(found.outcome());
            sent.addAll(found.sent());
            problems.addAll(found.problems());
        }
        long missing = count(outcomes, WindowState.MISSING);
        long neverRan = count(outcomes, WindowState.NEVER_RAN);
        long disabled = count(outcomes, WindowState.DISABLED);
        String message = Messages.swept(backups.windows().size(), missing, neverRan, disabled, problems.size());
        Log.info("missing-run check done", "backupWindows", backups.windows().size(), "missing", missing, "neverRan", neverRan,
                "disabled", disabled, "problems", problems);
        if (!problems.isEmpty()) {
            // Events for the windows that could be checked are out; fail so the errors alarm shows the blind spot.
            throw new IllegalStateException(Messages.sweepIncomplete(message, problems));
        }
        return new CheckResult(CheckResult.Outcome.CHECKED, backups.windows().size(), outcomes, sent, problems, message);
    }

    private static long count(List<CheckResult.WindowOutcome> outcomes, WindowState state) {
        return outcomes.stream().filter(o -> o.state() == state).count();
    }

    private WindowCheck checkOne(ScheduledCheck check, BackupWindow window, Instant now, Map<String, SentAlert> remembered) {
        String id = window.windowId();
        if (!window.enabled()) {
            return WindowCheck.of(window, WindowState.DISABLED, Messages.disabled())
                    .with(change(window, AlertState.DISABLED, AlertComposer.disabledWindow(check, window, now), pagerDuty, remembered));
        }
        // Enabled: a disabled alert still open (its ENABLED event lost) is resolved once.
        PagerDutyEvent enabled = PagerDutyEvent.resolve(AlertKind.DISABLED.dedupKey(check.account(), check.region(), id));
        WindowCheck found = checkEnabled(check, window, now, remembered);
        return found.outcome().state() == WindowState.UNCHECKED ? found
                : found.with(change(window, AlertState.RESOLVED, enabled, healthyResolves, remembered));
    }

    private WindowCheck checkEnabled(ScheduledCheck check, BackupWindow window, Instant now, Map<String, SentAlert> remembered) {
        String id = window.windowId();
        WindowSchedule schedule;
        try {
            schedule = WindowSchedule.parse(window.schedule(), window.scheduleTimezone(), window.scheduleOffset());
        } catch (ScheduleException e) {
            return WindowCheck.unchecked(window, e.getMessage(), Messages.scheduleProblem(id, e.getMessage()));
        }
        Optional<Instant> dueSince = MissingRunCheck.dueSince(window, schedule, now, missingRunGrace);
        if (dueSince.isEmpty()) {
            return WindowCheck.of(window, WindowState.NOT_DUE, Messages.notDue());
        }
        MissingRunCheck.Verdict verdict;
        boolean everRan = true;
        Instant created = null;
        try {
            verdict = MissingRunCheck.judge(dueSince.get(), windows.runsSince(id, dueSince.get()));
            if (verdict.missing() && verdict.latest() == null) {
                // Nothing ran since the due run: a window that stopped, or one that has never run (see MissingRunCheck).
                everRan = windows.hasAnyRun(id);
                if (!everRan) {
                    created = windows.createdDate(id);
                }
            }
        } catch (WindowReadException e) {
            String problem = Messages.historyUnreadable(e);
            return WindowCheck.unchecked(window, problem, problem);
        }
        if (!everRan) {
            Optional<Instant> firstDue = MissingRunCheck.dueSince(window, schedule, now, missingRunGrace, created);
            if (firstDue.isEmpty()) {
                return WindowCheck.of(window, WindowState.NOT_DUE, Messages.notDueSinceCreated(created));
            }
            return WindowCheck.of(window, WindowState.NEVER_RAN, Messages.neverRan(firstDue.get()))
                    .with(change(window, AlertState.NEVER_RAN, AlertComposer.neverRan(check, window, firstDue.get(), now), pagerDuty,
                            remembered));
        }
        if (verdict.missing()) {
            return WindowCheck.of(window, WindowState.MISSING, Messages.missing(verdict.dueSince()))
                    .with(change(window, AlertState.MISSING, AlertComposer.missingRun(check, window, verdict, now), pagerDuty, remembered));
        }
        PagerDutyEvent resolve = PagerDutyEvent.resolve(AlertKind.MISSING_RUN.dedupKey(check.account(), check.region(), id));
        return WindowCheck.of(window, WindowState.FRESH, Messages.fresh(verdict.lastSuccess().startTime()))
                .with(change(window, AlertState.RESOLVED, resolve, healthyResolves, remembered));
    }

    /**
     * Sends the event for one alert of a window only if the alert's state changed: claims the alert in the table
     * (no other sweep may send the same change), sends, then records what PagerDuty accepted. A claim that fails
     * because someone else wrote since the table was read sends nothing: that writer took care of it.
     */
    private Delivery change(BackupWindow window, AlertState found, PagerDutyEvent event, PagerDutyEvents sender,
                            Map<String, SentAlert> remembered) {
        String alertKey = event.dedupKey();
        SentAlert seen = remembered.getOrDefault(alertKey, SentAlert.NEVER_SENT);
        SentAlert.Change change = seen.change(found, clock.instant());
        if (change != SentAlert.Change.SEND) {
            if (change == SentAlert.Change.CLAIMED_ELSEWHERE) {
                Log.info("another sweep is sending this alert's change; leaving it to that one", "dedupKey", alertKey);
            }
            return Delivery.NOTHING;
        }
        String claimId = UUID.randomUUID().toString();
        try {
            if (!states.claim(alertKey, seen, found, claimId, clock.instant(), CLAIM_LEASE)) {
                Log.info("the alert changed since the sweep read it (another sweep or an event); nothing sent", "dedupKey", alertKey);
                return Delivery.NOTHING;
            }
        } catch (RuntimeException e) {
            return new Delivery(List.of(), Messages.stateNotWritable(window, alertKey, states.name(), e.getMessage()));
        }
        Delivery delivery = deliver(window, event, sender);
        try {
            if (delivery.problem() != null) {
                states.release(alertKey, claimId, false);
            } else if (!states.confirm(alertKey, seen, found, claimId, clock.instant())) {
                Log.warn("an event changed the alert while the sweep sent; the next sweep sends what it finds again", "dedupKey", alertKey);
                states.release(alertKey, claimId, true);
            }
        } catch (RuntimeException e) {
            // The claim expires, and the next sweep sends what it finds again (a repeated event lands on the same alert).
            String problem = Messages.notRecorded(window, alertKey, states.name(), e.getMessage());
            return new Delivery(delivery.sent(), delivery.problem() == null ? problem : delivery.problem() + "; " + problem);
        }
        return delivery;
    }

    /**
     * Sends one event of the sweep through the window's routing key (a trigger falls back to the default key, see
     * {@link RoutingKeys#forWindow}). A failure (the window's secret missing, unreadable or malformed, PagerDuty
     * refusing the event or still failing after the retries) becomes the window's problem, naming the window and
     * the secret, never a key, and the sweep goes on with the next window.
     */
    private Delivery deliver(BackupWindow window, PagerDutyEvent event, PagerDutyEvents sender) {
        boolean trigger = event.eventAction().equals("trigger");
        String windowSecretId = window.context().routingSecretId();
        String secretId = windowSecretId == null ? routing.defaultSecretId() : windowSecretId;
        try {
            RoutingKey key = routing.forWindow(window.windowId(), windowSecretId, trigger).key();
            secretId = key.secretId();
            return new Delivery(sender.sendAll(List.of(event), key), null);
        } catch (RuntimeException e) {
            Log.warn("the check could not send an event for a window; checking the others", "windowId", window.windowId(),
                    "secretId", secretId, "action", event.eventAction(), "reason", e.getMessage());
            return new Delivery(List.of(), Messages.deliveryFailed(window, event, secretId, e.getMessage()));
        }
    }
}
