package siteops.purgestatus.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import siteops.common.JsonFields;
import siteops.common.registry.SiteRegistry;
import siteops.purgestatus.Messages;
import siteops.purgestatus.PurgeStatusException;

/**
 * One check, as the purge-completion state machine sends it: the site and its invalidation, the paths as the
 * editor typed them (at most the first 20, with their total), and whether this is the last check before giving up.
 * Only {@code site} and {@code invalidationId} are required (an operator may run a check by hand).
 */
public record StatusCheck(String site, String invalidationId, List<String> typedPaths, int pathCount, boolean lastCheck) {
    private static final Pattern INVALIDATION_ID = Pattern.compile("[A-Za-z0-9]{1,128}");
    private static final Set<String> FIELDS = Set.of("site", "invalidationId", "paths", "pathCount", "lastCheck");

    public static StatusCheck parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new PurgeStatusException(Messages.notAnObject());
        }
        for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new PurgeStatusException(Messages.unknownField(name));
            }
        }
        String site = JsonFields.text(event, "site");
        if (site == null || !SiteRegistry.SITE_NAME.matcher(site).matches()) {
            throw new PurgeStatusException(Messages.notASiteName(JsonFields.kind(event.get("site")), site));
        }
        String invalidationId = JsonFields.text(event, "invalidationId");
        if (invalidationId == null || !INVALIDATION_ID.matcher(invalidationId).matches()) {
            throw new PurgeStatusException(Messages.notAnInvalidationId(JsonFields.kind(event.get("invalidationId")), invalidationId));
        }
        List<String> paths = paths(event.get("paths"));
        JsonNode count = event.get("pathCount");
        if (count != null && !count.isNull() && (!count.canConvertToInt() || !count.isIntegralNumber() || count.asInt() < paths.size())) {
            throw new PurgeStatusException(Messages.pathCountTooSmall(paths.size()));
        }
        JsonNode last = event.get("lastCheck");
        if (last != null && !last.isNull() && !last.isBoolean()) {
            throw new PurgeStatusException(Messages.lastCheckNotBoolean());
        }
        return new StatusCheck(site, invalidationId, paths, count == null || count.isNull() ? paths.size() : count.asInt(),
                last != null && last.asBoolean());
    }

    private static List<String> paths(JsonNode node) {
        if (node != null && !node.isNull() && !node.isArray()) {
            throw new PurgeStatusException(Messages.pathsNotAList());
        }
        List<String> paths = new ArrayList<>();
        // Absent or null: no paths (a null node has no elements).
        for (JsonNode item : node == null ? List.<JsonNode>of() : node) {
            if (!item.isTextual()) {
                throw new PurgeStatusException(Messages.pathNotText(JsonFields.kind(item)));
            }
            paths.add(item.asText());
        }
        return List.copyOf(paths);
    }
}
