package siteops.health.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import siteops.common.JsonFields;
import siteops.health.HealthEventException;
import siteops.health.Messages;

/**
 * One AWS Health event as EventBridge delivers it (one page of one communication), validated. The envelope's
 * delivery id and Region are kept for logs only: backup copies and redeliveries differ there and nowhere else.
 */
public record HealthEvent(
        String deliveryId,
        String deliveryRegion,
        boolean backupCopy,
        String eventArn,
        String affectedAccount,
        String service,
        String eventTypeCode,
        String category,
        String scope,
        String status,
        String eventRegion,
        String communicationId,
        HealthTime startTime,
        HealthTime endTime,
        HealthTime lastUpdatedTime,
        Map<String, String> descriptions,
        List<Entity> entities,
        int page,
        int totalPages) {

    /** An affected resource as this page reports it; status and time are optional. */
    public record Entity(String value, String status, String lastUpdatedTime) {}

    public static final String SOURCE = "aws.health";
    private static final Pattern PAGE_SUFFIX = Pattern.compile("-\\d+$");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public HealthEvent {
        descriptions = Map.copyOf(descriptions);
        entities = List.copyOf(entities);
    }

    public EventKey key() {
        return new EventKey(eventArn, affectedAccount);
    }

    /**
     * The communication this page belongs to: the communicationId without its page suffix ({@code ...c107-1} and
     * {@code ...c107-2} are pages of {@code ...c107}). Null when AWS sent none.
     */
    public String communication() {
        return communicationId == null ? null : PAGE_SUFFIX.matcher(communicationId).replaceFirst("");
    }

    public static HealthEvent parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new HealthEventException(Messages.notAnObject());
        }
        String source = text(event, "source");
        if (source == null) {
            throw new HealthEventException(Messages.sourceMissing());
        }
        if (!SOURCE.equals(source)) {
            throw new HealthEventException(Messages.otherSource(source));
        }
        JsonNode detail = event.get("detail");
        if (detail == null || detail.isNull()) {
            throw new HealthEventException(Messages.detailMissing());
        }
        if (!detail.isObject()) {
            throw new HealthEventException(Messages.detailNotAnObject());
        }
        String eventArn = text(detail, "eventArn");
        if (eventArn == null) {
            throw new HealthEventException(Messages.eventArnMissing());
        }
        // Organizational view sends one message per affected account; older payloads lack affectedAccount.
        String account = text(detail, "affectedAccount");
        if (account == null) {
            account = text(event, "account");
        }
        if (account == null) {
            throw new HealthEventException(Messages.accountMissing());
        }
        if (!ACCOUNT.matcher(account).matches()) {
            throw new HealthEventException(Messages.notAnAccount(account));
        }
        int page = positive(detail, "page");
        int totalPages = Math.max(positive(detail, "totalPages"), page);
        return new HealthEvent(
                text(event, "id"),
                text(event, "region"),
                flag(detail.get("backupEvent")),
                eventArn,
                account,
                orDefault(text(detail, "service"), "UNKNOWN"),
                orDefault(text(detail, "eventTypeCode"), "UNKNOWN"),
                orDefault(text(detail, "eventTypeCategory"), "unknown"),
                text(detail, "eventScopeCode"),
                orDefault(text(detail, "statusCode"), "open").toLowerCase(Locale.ROOT),
                orDefault(text(detail, "eventRegion"), regionOf(eventArn)),
                text(detail, "communicationId"),
                HealthTime.parse(text(detail, "startTime")),
                HealthTime.parse(text(detail, "endTime")),
                HealthTime.parse(text(detail, "lastUpdatedTime")),
                descriptions(detail.get("eventDescription")),
                entities(detail.get("affectedEntities")),
                page,
                totalPages);
    }

    private static Map<String, String> descriptions(JsonNode list) {
        Map<String, String> result = new LinkedHashMap<>();
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                String text = item.isObject() ? JsonFields.scalar(item, "latestDescription") : null;
                if (text != null && !text.isBlank()) {
                    result.put(orDefault(text(item, "language"), "en_US"), text);
                }
            }
        }
        return result;
    }

    private static List<Entity> entities(JsonNode list) {
        List<Entity> result = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                String value = item.isTextual() ? item.asText().trim() : item.isObject() ? text(item, "entityValue") : null;
                if (value == null) {
                    continue;
                }
                result.add(new Entity(value, item.isObject() ? text(item, "status") : null,
                        item.isObject() ? text(item, "lastUpdatedTime") : null));
            }
        }
        return result;
    }

    /** The Region part of an event ARN ({@code arn:aws:health:us-east-1::event/...}), or "global". */
    private static String regionOf(String eventArn) {
        String[] parts = eventArn.split(":", -1);
        return parts.length > 3 && !parts[3].isBlank() ? parts[3] : "global";
    }

    /** backupEvent: the docs show it as true/False without pinning the JSON type. */
    private static boolean flag(JsonNode node) {
        return node != null && "true".equalsIgnoreCase(node.asText().trim());
    }

    /** page and totalPages arrive as strings ("1", "2"); accept numbers as well. 1 when absent, unreadable or below 1. */
    private static int positive(JsonNode node, String field) {
        try {
            return Math.max(1, Integer.parseInt(text(node, field)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String text(JsonNode node, String field) {
        return JsonFields.trimmed(JsonFields.scalar(node, field));
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
