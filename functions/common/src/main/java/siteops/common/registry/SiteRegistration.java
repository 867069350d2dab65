package siteops.common.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import siteops.common.BadInputException;
import siteops.common.Json;
import siteops.common.Messages;

/**
 * A site's entry in the registry: SSM parameter {@code <prefix><site>} holding
 * {@code {"distributionId": "E...", "aliases": ["www.example.jp"], "notificationTopicArn": "arn:aws:sns:..."}},
 * written by the site's Terraform. {@code notificationTopicArn} (the SNS topic of the site's Slack channel) is
 * null when the entry names none.
 */
public record SiteRegistration(String site, String parameterName, String distributionId, List<String> aliases,
                               String notificationTopicArn) {
    private static final Pattern DISTRIBUTION_ID = Pattern.compile("[A-Z0-9]{6,32}");

    /** An entry without a notification topic. */
    public SiteRegistration(String site, String parameterName, String distributionId, List<String> aliases) {
        this(site, parameterName, distributionId, aliases, null);
    }

    /**
     * Parses the parameter's value; a broken entry is named with the parameter, as the calling function's own
     * bad-input error ({@code refusal}), so its caller sees the type it knows.
     */
    public static SiteRegistration parse(String site, String parameterName, String value,
                                         Function<String, ? extends BadInputException> refusal) {
        JsonNode json;
        try {
            json = Json.parse(value.getBytes(StandardCharsets.UTF_8));
        } catch (Json.InvalidJsonException e) {
            throw refusal.apply(Messages.entryNotJson(site, parameterName, e.getMessage()));
        }
        JsonNode id = json.get("distributionId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw refusal.apply(Messages.noDistribution(site, parameterName));
        }
        if (!DISTRIBUTION_ID.matcher(id.asText()).matches()) {
            throw refusal.apply(Messages.malformedDistribution(site, parameterName, id.asText()));
        }
        Set<String> aliases = new LinkedHashSet<>();
        JsonNode list = json.get("aliases");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw refusal.apply(Messages.aliasesNotAList(site, parameterName));
            }
            for (JsonNode alias : list) {
                if (alias.isTextual() && !alias.asText().isBlank()) {
                    aliases.add(alias.asText().trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        // Read leniently: a purge must not fail over the notification topic; the status function checks it.
        JsonNode topic = json.get("notificationTopicArn");
        String topicArn = topic != null && topic.isTextual() && !topic.asText().isBlank() ? topic.asText().trim() : null;
        return new SiteRegistration(site, parameterName, id.asText(), List.copyOf(aliases), topicArn);
    }

    public boolean servesHost(String host) {
        return aliases.contains(host.toLowerCase(Locale.ROOT));
    }

    /** The name shown to editors: the first alias (the site's main domain), or the site name. */
    public String displayName() {
        return aliases.isEmpty() ? site : aliases.get(0);
    }
}
