package siteops.health.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import siteops.health.event.HealthEvent;

/**
 * Which events become issues. The template's EventBridge rule applies the category, service and account lists
 * already; this applies them again (a rule may be widened by hand, or events forwarded from another bus) plus what
 * a rule cannot take from a template parameter: eventTypeCode patterns with '*' wildcards. Empty lists mean all.
 */
public record EventFilter(Set<String> categories, Set<String> services, List<String> eventTypeCodes, Set<String> accounts) {
    public static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), List.of(), Set.of());

    /** The filter that skips an event, and the event's value it does not list. */
    public record Rejection(Filter filter, String value) {}

    /** The four filters, in the order they are applied. */
    public enum Filter { CATEGORY, SERVICE, EVENT_TYPE_CODE, ACCOUNT }

    public EventFilter {
        categories = lower(categories);
        services = Set.copyOf(services.stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet()));
        eventTypeCodes = List.copyOf(eventTypeCodes);
        accounts = Set.copyOf(accounts);
    }

    /** From comma-separated lists (as template parameters pass them). */
    public static EventFilter of(String categories, String services, String eventTypeCodes, String accounts) {
        return new EventFilter(Set.copyOf(split(categories)), Set.copyOf(split(services)), split(eventTypeCodes),
                Set.copyOf(split(accounts)));
    }

    /** Empty when the event passes; otherwise the first filter that skips it. */
    public Optional<Rejection> rejection(HealthEvent event) {
        if (!categories.isEmpty() && !categories.contains(event.category().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Rejection(Filter.CATEGORY, event.category()));
        }
        if (!services.isEmpty() && !services.contains(event.service().toUpperCase(Locale.ROOT))) {
            return Optional.of(new Rejection(Filter.SERVICE, event.service()));
        }
        if (!eventTypeCodes.isEmpty() && eventTypeCodes.stream().noneMatch(p -> glob(p).matcher(event.eventTypeCode()).matches())) {
            return Optional.of(new Rejection(Filter.EVENT_TYPE_CODE, event.eventTypeCode()));
        }
        if (!accounts.isEmpty() && !accounts.contains(event.affectedAccount())) {
            return Optional.of(new Rejection(Filter.ACCOUNT, event.affectedAccount()));
        }
        return Optional.empty();
    }

    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static List<String> split(String list) {
        if (list == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(result::add);
        return result;
    }

    private static Set<String> lower(Set<String> values) {
        return Set.copyOf(values.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }
}
