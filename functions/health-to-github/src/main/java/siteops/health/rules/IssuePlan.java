package siteops.health.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import siteops.health.event.HealthEvent;
import siteops.health.event.HealthTime;

/**
 * What to do on GitHub for one delivery, given what the issue already shows (pure: no I/O).
 * <ul>
 *   <li>no issue yet: create it (and close it at once if AWS already closed the event);</li>
 *   <li>a new communication, or a changed status, description, start/end time or entity status: one comment
 *       listing the changes, the body refreshed, the issue closed or reopened with the event;</li>
 *   <li>another page of the communication already shown: the body refreshed with its entities, no comment
 *       (a page is not an update);</li>
 *   <li>a duplicate, a backup copy, a page seen before: nothing.</li>
 * </ul>
 * A delivery of an older communication that arrives late (one the issue showed before the current one, or one dated
 * before it) only adds entities the issue does not list yet: no comment, no close or reopen.
 */
public record IssuePlan(Action action, IssueState next, List<Change> changes, Transition transition) {
    public enum Action { CREATE, COMMENT_AND_REFRESH, REFRESH, NOTHING }

    public enum Transition { NONE, CLOSE, REOPEN }

    /** One change an update comment lists; {@link IssueText} words it. Times are as AWS sent them. */
    public sealed interface Change {
        record NewCommunication(String communicationId) implements Change {}

        record StatusChanged(String from, String to) implements Change {}

        /** A description in one language: {@code added} when the issue had descriptions but none in it. */
        record DescriptionChanged(String language, boolean added) implements Change {}

        record StartTimeChanged(String from, String to) implements Change {}

        record EndTimeChanged(String from, String to) implements Change {}

        record EntitiesAdded(int count) implements Change {}

        record EntityStatusesChanged(List<EntityStatus> changes) implements Change {
            public EntityStatusesChanged {
                changes = List.copyOf(changes);
            }
        }

        /** One entity's status before (null: none) and now. */
        record EntityStatus(String entity, String from, String to) {}
    }

    public IssuePlan {
        changes = List.copyOf(changes);
    }

    public static IssuePlan decide(IssueState stored, HealthEvent event) {
        if (stored == null) {
            IssueState next = IssueState.of(event);
            return new IssuePlan(Action.CREATE, next, List.of(), next.closed() ? Transition.CLOSE : Transition.NONE);
        }
        String communication = event.communication();
        boolean sameCommunication = communication != null && communication.equals(stored.communication());
        // Late: a communication the issue showed before the current one (lastUpdatedTime is often missing), or one
        // AWS dated before what the issue shows.
        if (!sameCommunication && (stored.seen(communication) || older(event.lastUpdatedTime(), stored.lastUpdatedTime()))) {
            return lateDelivery(stored, event);
        }

        List<Change> changes = new ArrayList<>();
        boolean newCommunication = communication != null && !sameCommunication;
        if (newCommunication) {
            changes.add(new Change.NewCommunication(event.communicationId()));
        }
        if (!stored.status().equals(event.status())) {
            changes.add(new Change.StatusChanged(stored.status(), event.status()));
        }

        TreeMap<String, String> descriptions = new TreeMap<>(stored.descriptions());
        for (Map.Entry<String, String> description : event.descriptions().entrySet()) {
            String before = descriptions.put(description.getKey(), description.getValue());
            if (!description.getValue().equals(before)) {
                changes.add(new Change.DescriptionChanged(description.getKey(), before == null && !stored.descriptions().isEmpty()));
            }
        }

        String start = orElse(IssueState.raw(event.startTime()), stored.startTime());
        boolean reopening = stored.closed() && !"closed".equals(event.status());
        String end = reopening ? IssueState.raw(event.endTime()) : orElse(IssueState.raw(event.endTime()), stored.endTime());
        if (!Objects.equals(start, stored.startTime())) {
            changes.add(new Change.StartTimeChanged(stored.startTime(), start));
        }
        if (!Objects.equals(end, stored.endTime())) {
            changes.add(new Change.EndTimeChanged(stored.endTime(), end));
        }

        TreeMap<String, IssueState.EntityState> entities = new TreeMap<>(stored.entities());
        int overflow = 0;
        int added = 0;
        List<Change.EntityStatus> statusChanges = new ArrayList<>();
        for (HealthEvent.Entity entity : event.entities()) {
            IssueState.EntityState before = entities.get(entity.value());
            if (before == null && entities.size() >= IssueState.MAX_ENTITIES) {
                overflow++;
                continue;
            }
            if (before == null) {
                added++;
            } else if (entity.status() != null && !entity.status().equals(before.status())) {
                statusChanges.add(new Change.EntityStatus(entity.value(), before.status(), entity.status()));
            }
            entities.put(entity.value(), new IssueState.EntityState(
                    orElse(entity.status(), before == null ? null : before.status()),
                    orElse(entity.lastUpdatedTime(), before == null ? null : before.lastUpdatedTime())));
        }
        boolean anotherPage = sameCommunication && !stored.pages().contains(event.page());
        int omitted = omitted(stored, overflow, anotherPage);
        if (added > 0 && !anotherPage) {
            changes.add(new Change.EntitiesAdded(added));
        }
        if (!statusChanges.isEmpty()) {
            changes.add(new Change.EntityStatusesChanged(statusChanges));
        }

        SortedSet<Integer> pages = sameCommunication ? new TreeSet<>(stored.pages()) : new TreeSet<>();
        pages.add(event.page());
        int totalPages = sameCommunication ? Math.max(stored.totalPages(), event.totalPages()) : event.totalPages();
        IssueState next = stored.with(event.status(), start, end,
                orElse(IssueState.raw(event.lastUpdatedTime()), stored.lastUpdatedTime()), descriptions, entities, omitted,
                orElse(communication, stored.communication()), pages, totalPages);

        Transition transition = !stored.closed() && next.closed() ? Transition.CLOSE
                : stored.closed() && !next.closed() ? Transition.REOPEN : Transition.NONE;
        Action action = !changes.isEmpty() ? Action.COMMENT_AND_REFRESH : next.equals(stored) ? Action.NOTHING : Action.REFRESH;
        return new IssuePlan(action, next, changes, transition);
    }

    /**
     * The plan when an earlier attempt posted its comment, announcing {@code announced}, but failed before recording
     * it (the body update or the record failed, and this newer delivery came before Lambda's retry). The issue is
     * taken to show what that comment announced, so this comment lists only what is new since. The body and the
     * record still lag behind that comment, so they are brought up to date even when nothing else is new; and the
     * issue is closed or reopened with the event whether or not the earlier attempt got that far.
     */
    public static IssuePlan afterPostedComment(IssueState stored, IssueState announced, HealthEvent event) {
        IssuePlan plan = decide(announced, event);
        IssueState next = plan.next();
        boolean moves = stored.closed() != next.closed() || announced.closed() != next.closed();
        Transition transition = !moves ? Transition.NONE : next.closed() ? Transition.CLOSE : Transition.REOPEN;
        Action action = plan.action() == Action.NOTHING ? Action.REFRESH : plan.action();
        return new IssuePlan(action, next, plan.changes(), transition);
    }

    /** An older communication delivered after a newer one: its text is out of date, its entities may be new. */
    private static IssuePlan lateDelivery(IssueState stored, HealthEvent event) {
        TreeMap<String, IssueState.EntityState> entities = new TreeMap<>(stored.entities());
        int overflow = 0;
        for (HealthEvent.Entity entity : event.entities()) {
            if (!entities.containsKey(entity.value())) {
                if (entities.size() >= IssueState.MAX_ENTITIES) {
                    overflow++;
                } else {
                    entities.put(entity.value(), new IssueState.EntityState(entity.status(), entity.lastUpdatedTime()));
                }
            }
        }
        IssueState next = stored.with(stored.status(), stored.startTime(), stored.endTime(), stored.lastUpdatedTime(),
                stored.descriptions(), entities, omitted(stored, overflow, false), stored.communication(), stored.pages(), stored.totalPages());
        return new IssuePlan(next.equals(stored) ? Action.NOTHING : Action.REFRESH, next, List.of(), Transition.NONE);
    }

    /**
     * Entities beyond the cap are counted, not kept, so a redelivery cannot tell which it counted before: only a page
     * not seen yet adds its count; a repeat (backup copy, retry, the same list in a new communication) keeps the larger.
     */
    private static int omitted(IssueState stored, int overflow, boolean anotherPage) {
        return anotherPage ? stored.entitiesOmitted() + overflow : Math.max(stored.entitiesOmitted(), overflow);
    }

    private static boolean older(HealthTime event, String stored) {
        Instant storedAt = stored == null ? null : HealthTime.toInstant(stored);
        return event != null && event.instant() != null && storedAt != null && event.instant().isBefore(storedAt);
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
