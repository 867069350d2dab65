package siteops.common;

/** A missing or malformed setting; thrown at init, the message names the variable and the fix. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
