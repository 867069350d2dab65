package siteops.purge.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import siteops.common.Json;
import siteops.common.Text;
import siteops.purge.PurgeRequestException;

/**
 * A site's entry in the registry: SSM parameter {@code <prefix><site>} holding
 * {@code {"distributionId": "E...", "aliases": ["www.example.jp"]}}, written by the site's Terraform.
 */
public record SiteRegistration(String site, String parameterName, String distributionId, List<String> aliases) {
    private static final Pattern DISTRIBUTION_ID = Pattern.compile("[A-Z0-9]{6,32}");

    /** Parses the parameter's value; a broken entry is a configuration problem, named with the parameter. */
    public static SiteRegistration parse(String site, String parameterName, String value) {
        String fix = "fix the parameter " + parameterName + " (the site's Terraform writes it)";
        JsonNode json;
        try {
            json = Json.parse(value.getBytes(StandardCharsets.UTF_8));
        } catch (Json.InvalidJsonException e) {
            throw new PurgeRequestException("site '" + site + "' has a broken registry entry: " + e.getMessage() + "; " + fix);
        }
        JsonNode id = json.get("distributionId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new PurgeRequestException("site '" + site + "' has no CloudFront distribution registered (no distributionId); " + fix);
        }
        if (!DISTRIBUTION_ID.matcher(id.asText()).matches()) {
            throw new PurgeRequestException("site '" + site + "' has a malformed distributionId '" + Text.abbreviate(id.asText()) + "'; " + fix);
        }
        Set<String> aliases = new LinkedHashSet<>();
        JsonNode list = json.get("aliases");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new PurgeRequestException("site '" + site + "' has 'aliases' that is not a list; " + fix);
            }
            for (JsonNode alias : list) {
                if (alias.isTextual() && !alias.asText().isBlank()) {
                    aliases.add(alias.asText().trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new SiteRegistration(site, parameterName, id.asText(), List.copyOf(aliases));
    }

    public boolean servesHost(String host) {
        return aliases.contains(host.toLowerCase(Locale.ROOT));
    }

    /** The name shown to editors: the first alias (the site's main domain), or the site name. */
    public String displayName() {
        return aliases.isEmpty() ? site : aliases.get(0);
    }
}
