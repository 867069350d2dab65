package siteops.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
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
    private final MaintenanceConfig config;
    private final WindowReader windows;
    private final RoutingKeys routing;
    private final PagerDutySender pagerDuty;
    private final Clock clock;

    public MaintenanceAlertService(MaintenanceConfig config, WindowReader windows, RoutingKeys routing,
                                   PagerDutySender pagerDuty, Clock clock) {
        this.config = config;
        this.windows = windows;
        this.routing = routing;
        this.pagerDuty = pagerDuty;
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
        List<SentEvent> sent = send(events, key);
        String message = (resolving ? "Resolved " : "Triggered ") + String.join(", ", sent.stream().map(SentEvent::dedupKey).toList())
                + " through " + key.secretId() + (resolving ? "" : ": " + sent.get(0).summary());
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
            outcomes.add(checkOne(check, window, now, problems, sent));
        }
        long missing = outcomes.stream().filter(o -> o.state().equals("missing")).count();
        long disabled = outcomes.stream().filter(o -> o.state().equals("disabled")).count();
        String message = "Checked " + backups.size() + " backup window" + (backups.size() == 1 ? "" : "s") + ": " + missing
                + " missing a run, " + disabled + " disabled" + (problems.isEmpty() ? "" : ", " + problems.size() + " could not be checked");
        Log.info("missing-run check done", "backupWindows", backups.size(), "missing", missing, "disabled", disabled,
                "problems", problems);
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
            RoutingKey key = routingKey(window.context().routingSecretId(), true, new ArrayList<>(), id);
            sent.addAll(send(List.of(AlertComposer.disabledWindow(check, window, now)), key));
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
        List<MissingRunCheck.Execution> runs;
        try {
            runs = windows.runsSince(id, dueSince.get());
        } catch (SdkException e) {
            String problem = id + ": cannot list its runs (DescribeMaintenanceWindowExecutions: " + WindowReader.code(e) + ")";
            problems.add(problem);
            return new CheckResult.WindowOutcome(id, window.name(), "unchecked", problem);
        }
        MissingRunCheck.Verdict verdict = MissingRunCheck.judge(dueSince.get(), runs);
        if (verdict.missing()) {
            RoutingKey key = routingKey(window.context().routingSecretId(), true, new ArrayList<>(), id);
            sent.addAll(send(List.of(AlertComposer.missingRun(check, window, verdict, now)), key));
            return new CheckResult.WindowOutcome(id, window.name(), "missing", "no successful run since " + verdict.dueSince());
        }
        RoutingKey key = routingKey(window.context().routingSecretId(), false, new ArrayList<>(), id);
        sent.addAll(send(List.of(PagerDutyEvent.resolve(AlertKind.MISSING_RUN.dedupKey(check.account(), check.region(), id))), key));
        return new CheckResult.WindowOutcome(id, window.name(), "fresh", "last success started " + verdict.lastSuccess().startTime());
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

    private List<SentEvent> send(List<PagerDutyEvent> events, RoutingKey key) {
        List<SentEvent> sent = new ArrayList<>();
        for (PagerDutyEvent event : events) {
            pagerDuty.send(key, event);
            SentEvent done = SentEvent.of(event, key);
            Log.info("pagerduty event accepted", "action", done.action(), "dedupKey", done.dedupKey(), "severity", done.severity(),
                    "routingKeySecret", key.secretId());
            sent.add(done);
        }
        return sent;
    }
}
