package siteops.maintenance.pagerduty;

import java.util.regex.Pattern;
import siteops.common.ConfigurationException;
import siteops.common.SecretValue;
import siteops.maintenance.Messages;

/**
 * A PagerDuty Events v2 routing key read from Secrets Manager, checked before use (PagerDuty answers 400 to
 * anything but 32 letters and digits). Like {@link SecretValue}, its toString names only the secret.
 */
public final class RoutingKey {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{32}");

    private final SecretValue secret;

    private RoutingKey(SecretValue secret) {
        this.secret = secret;
    }

    public static RoutingKey of(SecretValue secret) {
        String value = secret.reveal();
        if (!FORMAT.matcher(value).matches()) {
            // Say what is wrong with the shape, never the value.
            String problem = value.length() != 32 ? Messages.routingKeyLength(value.length()) : Messages.routingKeyCharacters();
            throw new ConfigurationException(Messages.notARoutingKey(secret.secretId(), problem));
        }
        return new RoutingKey(secret);
    }

    public String secretId() {
        return secret.secretId();
    }

    /** Whether both hold the same key (two secret ids may name one secret, or two secrets one integration). */
    public boolean sameKeyAs(RoutingKey other) {
        return secret.reveal().equals(other.secret.reveal());
    }

    /** The plain key: only {@link PagerDutySender} puts it in a request body. */
    String reveal() {
        return secret.reveal();
    }

    @Override
    public String toString() {
        return "RoutingKey[" + secret.secretId() + ", redacted]";
    }
}
