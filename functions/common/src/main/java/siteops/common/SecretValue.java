package siteops.common;

/**
 * A secret read from Secrets Manager. Its toString never shows the value, so it cannot leak through a log
 * line, an exception message or a debugger's variable view by accident.
 */
public final class SecretValue {
    private final String secretId;
    private final String value;

    public SecretValue(String secretId, String value) {
        this.secretId = secretId;
        this.value = value;
    }

    public String secretId() {
        return secretId;
    }

    /** The plain value: pass it only to the client that sends it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "SecretValue[" + secretId + ", redacted]";
    }
}
