package siteops.health.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import siteops.health.event.HealthEvent;
import siteops.health.event.HealthTime;

/**
 * What the issue for one (event, account) shows, merged from every page and communication seen so far. Stored in
 * the DynamoDB table after each successful post, so the next delivery can tell what is new. The issue body is
 * rendered from it alone ({@link IssueText}), so equal states mean an equal body. {@code communicationsSeen} lists the
 * communications shown so far, oldest first and bounded, so that a late redelivery of an earlier one is recognised
 * even when AWS sends no {@code lastUpdatedTime}. {@code replaces} is the number of an earlier issue of the event that
 * vanished from the repository (deleted or transferred), which this one replaces; null for the first issue.
 */
public record IssueState(
        String eventArn,
        String affectedAccount,
        String service,
        String eventTypeCode,
        String category,
        String scope,
        String eventRegion,
        String status,
        String startTime,
        String endTime,
        String lastUpdatedTime,
        SortedMap<String, String> descriptions,
        SortedMap<String, EntityState> entities,
        int entitiesOmitted,
        String communication,
        SortedSet<Integer> pages,
        int totalPages,
        List<String> communicationsSeen,
        Integer replaces) {

    /** One affected entity as last reported; both fields are optional in AWS's payload. */
    public record EntityState(String status, String lastUpdatedTime) {}

    /** Entities kept in the table (DynamoDB items hold 400 KB); the body shows fewer still. */
    public static final int MAX_ENTITIES = 3000;

    /**
     * Communications remembered in {@link #communicationsSeen}: enough to recognise any late redelivery in practice,
     * small in the table (ids are about 40 characters).
     */
    static final int COMMUNICATIONS_REMEMBERED = 50;

    public IssueState {
        descriptions = descriptions == null ? new TreeMap<>() : new TreeMap<>(descriptions);
        entities = entities == null ? new TreeMap<>() : new TreeMap<>(entities);
        pages = pages == null ? new TreeSet<>() : new TreeSet<>(pages);
        // null in states stored before the field existed
        communicationsSeen = communicationsSeen == null ? List.of() : List.copyOf(communicationsSeen);
    }

    public boolean closed() {
        return "closed".equals(status);
    }

    /**
     * Whether the issue has already shown this communication (base id, without the page suffix): the current one or
     * one of the last {@value #COMMUNICATIONS_REMEMBERED} before it.
     */
    boolean seen(String communication) {
        return communication != null && (communication.equals(this.communication) || communicationsSeen.contains(communication));
    }

    /** The state of an issue seen for the first time: exactly what this page says. */
    public static IssueState of(HealthEvent event) {
        TreeMap<String, EntityState> entities = new TreeMap<>();
        int omitted = 0;
        for (HealthEvent.Entity entity : event.entities()) {
            if (entities.size() < MAX_ENTITIES || entities.containsKey(entity.value())) {
                entities.put(entity.value(), new EntityState(entity.status(), entity.lastUpdatedTime()));
            } else {
                omitted++;
            }
        }
        return new IssueState(event.eventArn(), event.affectedAccount(), event.service(), event.eventTypeCode(),
                event.category(), event.scope(), event.eventRegion(), event.status(), raw(event.startTime()),
                raw(event.endTime()), raw(event.lastUpdatedTime()), new TreeMap<>(event.descriptions()), entities, omitted,
                event.communication(), new TreeSet<>(List.of(event.page())), event.totalPages(),
                remember(List.of(), event.communication()), null);
    }

    IssueState with(String status, String startTime, String endTime, String lastUpdatedTime, Map<String, String> descriptions,
                    Map<String, EntityState> entities, int entitiesOmitted, String communication, SortedSet<Integer> pages,
                    int totalPages) {
        return new IssueState(eventArn, affectedAccount, service, eventTypeCode, category, scope, eventRegion, status,
                startTime, endTime, lastUpdatedTime, new TreeMap<>(descriptions), new TreeMap<>(entities), entitiesOmitted,
                communication, pages, totalPages, remember(remember(communicationsSeen, this.communication), communication), replaces);
    }

    /** The same state, shown on a new issue that replaces issue {@code vanished}. */
    public IssueState replacing(int vanished) {
        return new IssueState(eventArn, affectedAccount, service, eventTypeCode, category, scope, eventRegion, status, startTime,
                endTime, lastUpdatedTime, descriptions, entities, entitiesOmitted, communication, pages, totalPages, communicationsSeen,
                vanished);
    }

    /** The list with the communication appended (once), oldest ones dropped beyond {@link #COMMUNICATIONS_REMEMBERED}. */
    static List<String> remember(List<String> seen, String communication) {
        if (communication == null || seen.contains(communication)) {
            return seen;
        }
        List<String> next = new ArrayList<>(seen);
        next.add(communication);
        return List.copyOf(next.subList(Math.max(0, next.size() - COMMUNICATIONS_REMEMBERED), next.size()));
    }

    static String raw(HealthTime time) {
        return time == null ? null : time.raw();
    }
}
