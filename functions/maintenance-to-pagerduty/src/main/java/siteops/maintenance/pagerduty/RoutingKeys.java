package siteops.maintenance.pagerduty;

import siteops.common.Log;
import siteops.common.SecretStore;

/**
 * Which routing key an alert goes through: the window's own secret (tag {@code siteops:pagerduty-secret}, set
 * by the site's generated Terraform) or the default one. Keys are read through the per-container secret cache.
 */
public final class RoutingKeys {
    private final SecretStore secrets;
    private final String defaultSecretId;

    public RoutingKeys(SecretStore secrets, String defaultSecretId) {
        this.secrets = secrets;
        this.defaultSecretId = defaultSecretId;
    }

    /** The key named by {@code secretId}, or the default key when it is null. */
    public RoutingKey forSecret(String secretId) {
        return RoutingKey.of(secrets.get(secretId == null ? defaultSecretId : secretId));
    }

    /**
     * The key for a window's alerts: its own secret, or the default when it names none. When its own secret
     * cannot be used, a trigger still goes out through the default key (someone is paged, and the route says
     * why); a resolve fails instead, since PagerDuty drops a resolve sent through another key than the trigger's.
     */
    public Route forWindow(String windowId, String windowSecretId, boolean fallBackToDefault) {
        if (windowSecretId == null) {
            return new Route(defaultKey(), null);
        }
        try {
            return new Route(forSecret(windowSecretId), null);
        } catch (RuntimeException e) {
            if (!fallBackToDefault) {
                throw e;
            }
            Log.warn("the window's routing key cannot be used; paging through the default key", "windowId", windowId,
                    "secretId", windowSecretId, "reason", e.getMessage());
            return new Route(defaultKey(), new Unusable(windowSecretId, e.getMessage()));
        }
    }

    /** The key to send through; {@code unusable} is the window's own secret when it could not be used, else null. */
    public record Route(RoutingKey key, Unusable unusable) {}

    /** A window's routing key secret that could not be used (missing, unreadable, malformed), and why. */
    public record Unusable(String secretId, String reason) {}

    public RoutingKey defaultKey() {
        return forSecret(null);
    }

    public String defaultSecretId() {
        return defaultSecretId;
    }
}
