package siteops.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads secrets from AWS Secrets Manager and keeps them for a few minutes per container, so warm invocations
 * do not call Secrets Manager each time while a rotated secret is still picked up soon.
 * Error messages name the secret id, never its value.
 */
public final class SecretStore {
    private record Cached(SecretValue value, Instant readAt) {}

    private final SecretsManagerClient client;
    private final Duration maxAge;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretStore(SecretsManagerClient client, Duration maxAge, Clock clock) {
        this.client = client;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public SecretStore(SecretsManagerClient client) {
        this(client, Duration.ofMinutes(5), Clock.systemUTC());
    }

    public SecretValue get(String secretId) {
        Cached cached = cache.get(secretId);
        Instant now = clock.instant();
        if (cached != null && cached.readAt().plus(maxAge).isAfter(now)) {
            return cached.value();
        }
        SecretValue value = read(secretId);
        cache.put(secretId, new Cached(value, now));
        return value;
    }

    /** Forgets cached values, e.g. after the downstream API said the credential is wrong. */
    public void invalidate(String secretId) {
        cache.remove(secretId);
    }

    private SecretValue read(String secretId) {
        try {
            String text = client.getSecretValue(r -> r.secretId(secretId)).secretString();
            if (text == null || text.isBlank()) {
                throw new ConfigurationException(Messages.secretNotText(secretId));
            }
            return new SecretValue(secretId, text.trim());
        } catch (ResourceNotFoundException e) {
            throw new ConfigurationException(Messages.secretMissing(secretId));
        } catch (SecretsManagerException e) {
            String code = e.awsErrorDetails() == null ? String.valueOf(e.statusCode()) : e.awsErrorDetails().errorCode();
            throw new IllegalStateException(Messages.secretUnreadable(secretId, code), e);
        }
    }
}
