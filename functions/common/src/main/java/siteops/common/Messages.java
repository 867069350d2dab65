package siteops.common;

import java.util.Arrays;
import java.util.List;

/**
 * The words of the shared pieces: what a person reads when a setting, a secret, a registry entry or an event's JSON
 * is wrong, naming the variable, secret, parameter or field and the fix. The code that checks them stays rules;
 * functions word their own problems in their own {@code Messages}.
 */
public final class Messages {
    private Messages() {}

    // ---- environment variables ----

    public static String variableNotSet(String name, String hint) {
        return "environment variable " + name + " is not set: " + hint;
    }

    public static String notAnHttpUrl(String name, String value) {
        return "environment variable " + name + " must be an absolute http(s) URL, got '" + value + "'";
    }

    public static String notAUrl(String name, String problem) {
        return "environment variable " + name + " is not a valid URL: " + problem;
    }

    public static String outOfRange(String name, int min, int max, int value) {
        return "environment variable " + name + " must be between " + min + " and " + max + ", got " + value;
    }

    public static String notAWholeNumber(String name, String value) {
        return "environment variable " + name + " must be a whole number, got '" + value + "'";
    }

    public static String notAFlag(String name, String value) {
        return "environment variable " + name + " must be true or false, got '" + Text.abbreviate(value) + "'";
    }

    public static String noRegion() {
        return "environment variable AWS_REGION is not set: Lambda sets it; locally export AWS_REGION (e.g. ap-northeast-1)";
    }

    public static String notALogLevel(String name, Log.Level[] levels, String value) {
        return "environment variable " + name + " must be one of " + Arrays.toString(levels)
                + " (Lambda sets it from LoggingConfig.ApplicationLogLevel), got '" + Text.abbreviate(value) + "'";
    }

    public static String notAParameterPath(String name, String value) {
        return "environment variable " + name + " must be an SSM path that starts and ends with '/', like /siteops/sites/, got '"
                + value + "'";
    }

    // ---- secrets ----

    public static String secretNotText(String secretId) {
        return "secret '" + secretId + "' has no SecretString: store the value as text";
    }

    public static String secretMissing(String secretId) {
        return "secret '" + secretId + "' does not exist in Secrets Manager: create it or fix the secret id";
    }

    public static String secretUnreadable(String secretId, String code) {
        return "cannot read secret '" + secretId + "' from Secrets Manager (" + code + ")";
    }

    // ---- the site registry ----

    public static String unknownSite(String site, String parameterName, List<String> registered) {
        return "unknown site '" + site + "': it has no registry entry " + parameterName + ". "
                + (registered.isEmpty() ? "No site is registered yet (the site's Terraform registers it)."
                                        : "Registered sites: " + String.join(", ", registered) + ".");
    }

    public static String entryNotJson(String site, String parameterName, String jsonProblem) {
        return "site '" + site + "' has a broken registry entry: " + jsonProblem + "; " + fixEntry(parameterName);
    }

    public static String noDistribution(String site, String parameterName) {
        return "site '" + site + "' has no CloudFront distribution registered (no distributionId); " + fixEntry(parameterName);
    }

    public static String malformedDistribution(String site, String parameterName, String distributionId) {
        return "site '" + site + "' has a malformed distributionId '" + Text.abbreviate(distributionId) + "'; " + fixEntry(parameterName);
    }

    public static String aliasesNotAList(String site, String parameterName) {
        return "site '" + site + "' has 'aliases' that is not a list; " + fixEntry(parameterName);
    }

    private static String fixEntry(String parameterName) {
        return "fix the parameter " + parameterName + " (the site's Terraform writes it)";
    }

    // ---- JSON ----

    public static String inputEmpty() {
        return "the input is empty";
    }

    public static String notJson(int line, int column, String parserSays) {
        return "the input is not valid JSON at line " + line + ", column " + column + ": " + parserSays;
    }

    /** Where the parser did not say where. */
    public static String notJson(String parserSays) {
        return "the input is not valid JSON: " + parserSays;
    }

    public static String unreadable(String reason) {
        return "the input could not be read: " + reason;
    }

    /** An event that is not JSON, from what {@link Json#parse} said about "the input". */
    public static String eventNotJson(String jsonProblem) {
        return "the event " + jsonProblem.replaceFirst("^the input ", "");
    }

    public static String notSerialisable(Object value) {
        return "cannot serialise " + value.getClass().getSimpleName() + " to JSON";
    }

    // ---- this code's own failures ----

    public static String tlsNotSetUp(String problem) {
        return "cannot set up TLS: " + problem;
    }

    public static String trustAnchorsUnreadable(String problem) {
        return "cannot load the JDK's trusted certificates: " + problem;
    }

    public static String noX509TrustManager() {
        return "the JDK's default TrustManagerFactory has no X.509 trust manager";
    }

    public static String logLineNotWritten() {
        return "cannot write a log line";
    }

    public static String metricLineNotWritten() {
        return "cannot write a metric line";
    }

    public static String tooFewAttempts() {
        return "maxAttempts must be at least 1";
    }

    public static String gaveUp(int attempts, String lastFailure) {
        return "gave up after " + attempts + " attempts: " + lastFailure;
    }
}
