package siteops.health.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import siteops.common.ConfigurationException;
import siteops.common.Json;
import siteops.common.SecretValue;
import siteops.health.Messages;

/**
 * The Authorization header from the token secret. The SecretString is the token itself, or JSON with a "token"
 * field ({"token": "github_pat_..."}). Errors name the secret, never its content.
 */
public final class GitHubToken {
    private GitHubToken() {}

    public static String authorization(SecretValue secret) {
        String text = secret.reveal().trim();
        String token = text;
        if (text.startsWith("{")) {
            JsonNode json;
            try {
                json = Json.parse(text.getBytes(StandardCharsets.UTF_8));
            } catch (Json.InvalidJsonException e) {
                throw new ConfigurationException(Messages.tokenNotJson(secret.secretId()));
            }
            JsonNode field = json.get("token");
            if (field == null || !field.isTextual() || field.asText().isBlank()) {
                throw new ConfigurationException(Messages.tokenFieldMissing(secret.secretId()));
            }
            token = field.asText().trim();
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new ConfigurationException(Messages.tokenCharacters(secret.secretId()));
        }
        return "Bearer " + token;
    }
}
