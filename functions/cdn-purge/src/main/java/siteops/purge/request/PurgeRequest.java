package siteops.purge.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import siteops.common.JsonFields;
import siteops.purge.Messages;
import siteops.purge.PurgeRequestException;

/**
 * What an editor asked for: a registered site and the paths or URLs to purge, as typed. {@code paths} may be one
 * string with entries separated by whitespace, commas or newlines (what a Chatbot alias or a Slack form sends),
 * or a JSON array with one path or URL per item (so a path may contain a space there). {@code "dryRun": true}
 * asks what the purge would send without sending it (the Slack alias purge-check).
 */
public record PurgeRequest(String site, List<String> entries, boolean dryRun) {
    /** Site names as the site registry and the site generator use them. */
    static final Pattern SITE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    /** A real purge. */
    public PurgeRequest(String site, List<String> entries) {
        this(site, entries, false);
    }

    public static PurgeRequest parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new PurgeRequestException(Messages.notAnObject());
        }
        for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("site") && !name.equals("paths") && !name.equals("dryRun")) {
                throw new PurgeRequestException(Messages.unknownField(name));
            }
        }
        return new PurgeRequest(site(event.get("site")), entries(event.get("paths")), dryRun(event.get("dryRun")));
    }

    private static boolean dryRun(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new PurgeRequestException(Messages.dryRunNotBoolean(JsonFields.kind(node)));
        }
        return node.booleanValue();
    }

    private static String site(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new PurgeRequestException(Messages.siteMissing());
        }
        if (!node.isTextual()) {
            throw new PurgeRequestException(Messages.siteNotText());
        }
        String site = node.asText().trim().toLowerCase(Locale.ROOT);
        if (site.isEmpty()) {
            throw new PurgeRequestException(Messages.siteEmpty());
        }
        if (!SITE_NAME.matcher(site).matches()) {
            throw new PurgeRequestException(Messages.notASiteName(site));
        }
        return site;
    }

    private static List<String> entries(JsonNode node) {
        List<String> entries = new ArrayList<>();
        if (node == null || node.isNull()) {
            throw new PurgeRequestException(Messages.pathsMissing());
        }
        if (node.isTextual()) {
            split(node.asText(), entries);
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw new PurgeRequestException(Messages.pathNotText(JsonFields.kind(item)));
                }
                String entry = item.asText().strip();
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        } else {
            throw new PurgeRequestException(Messages.pathsNotAList());
        }
        if (entries.isEmpty()) {
            throw new PurgeRequestException(Messages.pathsEmpty());
        }
        return List.copyOf(entries);
    }

    private static void split(String text, List<String> into) {
        for (String part : SEPARATORS.split(text.strip())) {
            if (!part.isEmpty()) {
                into.add(part);
            }
        }
    }
}
