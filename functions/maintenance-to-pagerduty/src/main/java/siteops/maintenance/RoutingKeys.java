package siteops.maintenance;

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

    public RoutingKey defaultKey() {
        return forSecret(null);
    }

    public String defaultSecretId() {
        return defaultSecretId;
    }
}
