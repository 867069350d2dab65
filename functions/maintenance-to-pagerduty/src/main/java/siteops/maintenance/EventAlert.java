package siteops.maintenance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import siteops.common.Log;
import siteops.maintenance.event.MaintenanceEvent;
import siteops.maintenance.pagerduty.AlertComposer;
import siteops.maintenance.pagerduty.PagerDutyEvent;
import siteops.maintenance.pagerduty.PagerDutyEvents;
import siteops.maintenance.pagerduty.RoutingKey;
import siteops.maintenance.pagerduty.RoutingKeys;
import siteops.maintenance.pagerduty.SentEvent;
import siteops.maintenance.rules.AlertDecision;
import siteops.maintenance.rules.AlertKind;
import siteops.maintenance.rules.AlertState;
import siteops.maintenance.state.AlertStates;
import siteops.maintenance.ssm.WindowContext;
import siteops.maintenance.ssm.WindowReader;

/**
 * One maintenance window event: decide, enrich (best effort), route and send to PagerDuty, then record in the
 * alert state table what it told PagerDuty about the alerts the hourly sweep keeps (see
 * {@link AlertDecision#sweepStates}), so the sweep never acts on a state the event has changed. If that record
 * cannot be written the invocation fails and Lambda retries the event: a repeated event lands on the same alert,
 * while a sweep that believed an alert still open would not page when the backup goes missing again.
 */
public final class EventAlert {
    private final WindowReader windows;
    private final RoutingKeys routing;
    private final PagerDutyEvents pagerDuty;
    private final AlertStates states;
    private final Clock clock;

    public EventAlert(WindowReader windows, RoutingKeys routing, PagerDutyEvents pagerDuty, AlertStates states, Clock clock) {
        this.windows = windows;
        this.routing = routing;
        this.pagerDuty = pagerDuty;
        this.states = states;
        this.clock = clock;
    }

    public EventResult handle(MaintenanceEvent event) {
        AlertDecision decision = AlertDecision.of(event);
        String reason = Messages.reason(event, decision);
        if (decision.action() == AlertDecision.Action.NOTHING) {
            if (decision.isUnknownStatus()) {
                Log.warn("unknown maintenance window status; nothing sent", "windowId", event.windowId(),
                        "detailType", event.kind().detailType(), "status", event.status());
            } else {
                Log.info("nothing to send", "windowId", event.windowId(), "status", event.status(), "reason", reason);
            }
            return new EventResult(EventResult.Outcome.NOTHING_SENT, event.windowId(), event.kind().detailType(), event.status(),
                    reason, List.of(), List.of(), Messages.nothingSent(event.windowId(), reason));
        }
        boolean resolving = decision.action() == AlertDecision.Action.RESOLVE;
        WindowContext context = windows.enrich(event, !resolving);
        if (resolving && !context.tagsKnown()) {
            // The tags name the routing key the alert was opened with; a resolve through another key is dropped.
            throw new IllegalStateException(Messages.resolveWithoutTags(event.windowId(), context.notes()));
        }
        RoutingKeys.Route route = routing.forWindow(event.windowId(), context.routingSecretId(), !resolving);
        List<String> notes = new ArrayList<>(context.notes());
        if (route.unusable() != null) {
            notes.add(Messages.unusableKey(route.unusable(), routing.defaultSecretId()));
        }
        List<PagerDutyEvent> events = AlertComposer.forEvent(event, decision, context);
        List<SentEvent> sent = new ArrayList<>(pagerDuty.sendAll(events, route.key()));
        if (resolving && context.routingSecretId() != null) {
            // A trigger for this window went through the default key whenever its own key could not be used then
            // (its tags unreadable, its secret missing or malformed), and PagerDuty matches a resolve to the key of
            // its trigger. So the resolves go through the default key too; resolving a dedup_key with no open
            // alert is harmless: PagerDuty accepts it (202) and drops it.
            RoutingKey fallback = routing.defaultKey();
            if (!fallback.sameKeyAs(route.key())) {
                sent.addAll(pagerDuty.sendAll(events, fallback));
            }
        }
        recordForSweep(event, decision);
        return new EventResult(resolving ? EventResult.Outcome.RESOLVED : EventResult.Outcome.TRIGGERED, event.windowId(),
                event.kind().detailType(), event.status(), reason, sent, notes, Messages.sent(resolving, sent));
    }

    private void recordForSweep(MaintenanceEvent event, AlertDecision decision) {
        for (Map.Entry<AlertKind, AlertState> sent : decision.sweepStates().entrySet()) {
            String alertKey = sent.getKey().dedupKey(event.account(), event.region(), event.windowId());
            try {
                states.recordSent(alertKey, sent.getValue(), clock.instant());
            } catch (RuntimeException e) {
                throw new IllegalStateException(Messages.stateNotRecorded(event.windowId(), states.name(), e.getMessage()), e);
            }
        }
    }
}
