package siteops.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import siteops.common.Log;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The function's two jobs. For a maintenance window event: decide, enrich (best effort), route and send. For
 * the hourly schedule: look at every backup window and trigger or resolve its missing-run alert.
 */
public final class MaintenanceAlertService {
    /**
     * The hourly check starts no new window after this long (on the injected clock); the windows left are reported
     * as not checked, so the run fails and the errors alarm fires. The function's timeout is 120 s, and one window
     * started just before the budget runs out may still take about a minute: the secret (5 s), up to three SSM
     * calls of 3 s (and more pages for a window with many runs), and a trigger with its full retries (5 attempts of
     * at most 5 s each plus 20 s of backoff). Without the budget a slow PagerDuty times the function out with the
     * later windows silently unchecked.
     */
    static final Duration CHECK_TIME_BUDGET = Duration.ofSeconds(60);

    private final MaintenanceConfig config;
    private final WindowReader windows;
    private final RoutingKeys routing;
    private final PagerDutySender pagerDuty;
    private final PagerDutySender checkResolves;
    private final Clock clock;

    /**
     * @param pagerDuty     sends alerts: every event's trigger or resolve, and the check's triggers
     * @param checkResolves sends the hourly check's resolves of healthy windows, with fewer attempts: one per healthy
     *                      window every hour, almost always for an alert that is not open, repeated the next hour
     */
    public MaintenanceAlertService(MaintenanceConfig config, WindowReader windows, RoutingKeys routing,
                                   PagerDutySender pagerDuty, PagerDutySender checkResolves, Clock clock) {
        this.config = config;
        this.windows = windows;
        this.routing = routing;
        this.pagerDuty = pagerDuty;
        this.checkResolves = checkResolves;
        this.clock = clock;
    }

    public Object handle(JsonNode json) {
        return switch (Incoming.parse(json)) {
            case MaintenanceEvent event -> onEvent(event);
            case ScheduledCheck check -> check(check);
        };
    }

    EventResult onEvent(MaintenanceEvent event) {
        AlertDecision decision = AlertDecision.of(event);
        if (decision.action() == AlertDecision.Action.NOTHING) {
            if (decision.isUnknownStatus()) {
                Log.warn("unknown maintenance window status; nothing sent", "windowId", event.windowId(),
                        "detailType", event.kind().detailType(), "status", event.status());
            } else {
                Log.info("nothing to send", "windowId", event.windowId(), "status", event.status(), "reason", decision.reason());
            }
            return new EventResult("nothing-sent", event.windowId(), event.kind().detailType(), event.status(), decision.reason(),
                    List.of(), List.of(), "Nothing sent for " + event.windowId() + ": " + decision.reason() + ".");
        }
        WindowContext context = windows.enrich(event, decision);
        boolean resolving = decision.action() == AlertDecision.Action.RESOLVE;
        if (resolving && !context.tagsKnown()) {
            // The tags name the routing key the alert was opened with; a resolve through another key is dropped.
            throw new IllegalStateException("cannot read the tags of window " + event.windowId() + " (" + String.join("; ", context.notes())
                    + "): they name the routing key its alerts were opened with, and PagerDuty drops a resolve sent with another "
                    + "key; failing so Lambda retries the event");
        }
        RoutingKey key = routingKey(context.routingSecretId(), !resolving, context.notes(), event.windowId());
        List<PagerDutyEvent> events = AlertComposer.forEvent(event, decision, context);
        List<SentEvent> sent = send(events, key, pagerDuty);
        if (resolving && context.routingSecretId() != null) {
            // A trigger for this window went through the default key whenever its own key could not be used then
            // (its tags unreadable, its secret missing or malformed), and PagerDuty matches a resolve to the key of
            // its trigger. So the resolves go through the default key too; resolving a dedup_key with no open
            // alert is harmless: PagerDuty accepts it (202) and drops it.
            RoutingKey fallback = routing.defaultKey();
            if (!fallback.sameKeyAs(key)) {
                sent.addAll(send(events, fallback, pagerDuty));
            }
        }
        String message = (resolving ? "Resolved " : "Triggered ") + String.join(", ", sent.stream().map(SentEvent::dedupKey).distinct().toList())
                + " through " + String.join(" and ", sent.stream().map(SentEvent::routingKeySecret).distinct().toList())
                + (resolving ? "" : ": " + sent.get(0).summary());
        return new EventResult(resolving ? "resolved" : "triggered", event.windowId(), event.kind().detailType(), event.status(),
                decision.reason(), sent, context.notes(), message);
    }

    CheckResult check(ScheduledCheck check) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        List<BackupWindow> backups = windows.backupWindows(problems);
        List<CheckResult.WindowOutcome> outcomes = new ArrayList<>();
        List<SentEvent> sent = new ArrayList<>();
        for (BackupWindow window : backups) {
            Duration elapsed = Duration.between(now, clock.instant());
            if (elapsed.compareTo(CHECK_TIME_BUDGET) >= 0) {
                String problem = describe(window) + ": not checked: time ran out (" + elapsed.toSeconds() + " s spent, budget "
                        + CHECK_TIME_BUDGET.toSeconds() + " s)";
                problems.add(problem);
                outcomes.add(new CheckResult.WindowOutcome(window.windowId(), window.name(), "unchecked", problem));
                continue;
            }
            outcomes.add(checkOne(check, window, now, problems, sent));
        }
        long missing = outcomes.stream().filter(o -> o.state().equals("missing")).count();
        long neverRan = outcomes.stream().filter(o -> o.state().equals("never-ran")).count();
        long disabled = outcomes.stream().filter(o -> o.state().equals("disabled")).count();
        String message = "Checked " + backups.size() + " backup window" + (backups.size() == 1 ? "" : "s") + ": " + missing
                + " missing a run, " + neverRan + " never ran, " + disabled + " disabled"
                + (problems.isEmpty() ? "" : ", " + problems.size() + " could not be checked");
        Log.info("missing-run check done", "backupWindows", backups.size(), "missing", missing, "neverRan", neverRan,
                "disabled", disabled, "problems", problems);
        CheckResult result = new CheckResult(problems.isEmpty() ? "checked" : "incomplete", backups.size(), outcomes, sent, problems, message);
        if (!problems.isEmpty()) {
            // Events for the windows that could be checked are out; fail so the errors alarm shows the blind spot.
            throw new IllegalStateException(message + ": " + String.join("; ", problems));
        }
        return result;
    }

    private CheckResult.WindowOutcome checkOne(ScheduledCheck check, BackupWindow window, Instant now, List<String> problems,
                                               List<SentEvent> sent) {
        String id = window.windowId();
        if (!window.enabled()) {
            deliver(window, AlertComposer.disabledWindow(check, window, now), pagerDuty, problems, sent);
            return new CheckResult.WindowOutcome(id, window.name(), "disabled", "the window is disabled: its backups do not run");
        }
        WindowSchedule schedule;
        try {
            schedule = WindowSchedule.parse(window.schedule(), window.scheduleTimezone(), window.scheduleOffset());
        } catch (ScheduleException e) {
            problems.add(id + ": " + e.getMessage());
            return new CheckResult.WindowOutcome(id, window.name(), "unchecked", e.getMessage());
        }
        Optional<Instant> dueSince = MissingRunCheck.dueSince(window, schedule, now, config.missingRunGrace());
        if (dueSince.isEmpty()) {
            return new CheckResult.WindowOutcome(id, window.name(), "not-due", "no scheduled run is due yet");
        }
        MissingRunCheck.Verdict verdict;
        boolean everRan = true;
        Instant created = null;
        String operation = "DescribeMaintenanceWindowExecutions";
        try {
            verdict = MissingRunCheck.judge(dueSince.get(), windows.runsSince(id, dueSince.get()));
            if (verdict.missing() && verdict.latest() == null) {
                // Nothing ran since the due run: a window that stopped, or one that has never run (see MissingRunCheck).
                everRan = windows.hasAnyRun(id);
                if (!everRan) {
                    operation = "GetMaintenanceWindow";
                    created = windows.createdDate(id);
                }
            }
        } catch (SdkException e) {
            String problem = id + ": cannot read its run history (" + operation + ": " + WindowReader.code(e) + ")";
            problems.add(problem);
            return new CheckResult.WindowOutcome(id, window.name(), "unchecked", problem);
        }
        if (!everRan) {
            Optional<Instant> firstDue = MissingRunCheck.dueSince(window, schedule, now, config.missingRunGrace(), created);
            if (firstDue.isEmpty()) {
                return new CheckResult.WindowOutcome(id, window.name(), "not-due",
                        "no run yet, and none was due since the window was created" + (created == null ? "" : " (" + created + ")"));
            }
            deliver(window, AlertComposer.neverRan(check, window, firstDue.get(), now), pagerDuty, problems, sent);
            return new CheckResult.WindowOutcome(id, window.name(), "never-ran", "no run in its history; a run was due since " + firstDue.get());
        }
        if (verdict.missing()) {
            deliver(window, AlertComposer.missingRun(check, window, verdict, now), pagerDuty, problems, sent);
            return new CheckResult.WindowOutcome(id, window.name(), "missing", "no successful run since " + verdict.dueSince());
        }
        deliver(window, PagerDutyEvent.resolve(AlertKind.MISSING_RUN.dedupKey(check.account(), check.region(), id)), checkResolves,
                problems, sent);
        return new CheckResult.WindowOutcome(id, window.name(), "fresh", "last success started " + verdict.lastSuccess().startTime());
    }

    /**
     * Sends one event of the check through the window's routing key (a trigger falls back to the default key, see
     * {@link #routingKey}). A failure (the window's secret missing, unreadable or malformed, PagerDuty refusing the
     * event or still failing after the retries) is recorded in {@code problems}, naming the window and the secret,
     * never a key, and the check goes on with the next window; the problems fail the run at the end.
     */
    private void deliver(BackupWindow window, PagerDutyEvent event, PagerDutySender sender, List<String> problems, List<SentEvent> sent) {
        boolean trigger = event.eventAction().equals("trigger");
        String secretId = window.context().routingSecretId() == null ? routing.defaultSecretId() : window.context().routingSecretId();
        try {
            RoutingKey key = routingKey(window.context().routingSecretId(), trigger, new ArrayList<>(), window.windowId());
            secretId = key.secretId();
            sent.addAll(send(List.of(event), key, sender));
        } catch (RuntimeException e) {
            String problem = describe(window) + ": the " + event.eventAction() + " of " + event.dedupKey() + " through secret '"
                    + secretId + "' failed: " + e.getMessage();
            Log.warn("the check could not send an event for a window; checking the others", "windowId", window.windowId(),
                    "secretId", secretId, "action", event.eventAction(), "reason", e.getMessage());
            problems.add(problem);
        }
    }

    private static String describe(BackupWindow window) {
        return window.windowId() + (window.name() == null ? "" : " (" + window.name() + ")");
    }

    /**
     * The window's routing key, or the default. When the window's own secret cannot be used, a trigger still
     * goes out through the default key (someone is paged, and the note says why); a resolve fails instead, since
     * PagerDuty drops a resolve sent through another key than the trigger's.
     */
    private RoutingKey routingKey(String windowSecretId, boolean fallBackToDefault, List<String> notes, String windowId) {
        if (windowSecretId == null) {
            return routing.defaultKey();
        }
        try {
            return routing.forSecret(windowSecretId);
        } catch (RuntimeException e) {
            if (!fallBackToDefault) {
                throw e;
            }
            Log.warn("the window's routing key cannot be used; paging through the default key", "windowId", windowId,
                    "secretId", windowSecretId, "reason", e.getMessage());
            notes.add("routing key secret " + windowSecretId + " unusable (" + e.getMessage() + "): sent through " + routing.defaultSecretId());
            return routing.defaultKey();
        }
    }

    private static List<SentEvent> send(List<PagerDutyEvent> events, RoutingKey key, PagerDutySender sender) {
        List<SentEvent> sent = new ArrayList<>();
        for (PagerDutyEvent event : events) {
            sender.send(key, event);
            SentEvent done = SentEvent.of(event, key);
            Log.info("pagerduty event accepted", "action", done.action(), "dedupKey", done.dedupKey(), "severity", done.severity(),
                    "routingKeySecret", key.secretId());
            sent.add(done);
        }
        return sent;
    }
}
