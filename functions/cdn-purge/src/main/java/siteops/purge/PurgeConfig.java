package siteops.purge;

import java.time.Duration;
import java.util.regex.Pattern;
import siteops.common.ConfigurationException;
import siteops.common.Environment;

/** The purge function's settings, read once at init. */
public record PurgeConfig(String sitesParameterPrefix, Duration sameRequestWindow) {
    private static final Pattern PREFIX = Pattern.compile("/([A-Za-z0-9_.-]+/)*");

    public static PurgeConfig from(Environment env) {
        String prefix = env.optional("SITES_PARAMETER_PREFIX", "/siteops/sites/");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ConfigurationException("environment variable SITES_PARAMETER_PREFIX must be an SSM path that starts and "
                    + "ends with '/', like /siteops/sites/, got '" + prefix + "'");
        }
        // Long enough for a double click or a Chatbot retry, short enough that purging again after republishing
        // a minute later is a new invalidation rather than the earlier (already completed) one.
        Duration window = env.seconds("SAME_REQUEST_WINDOW_SECONDS", Duration.ofSeconds(60), 1, 900);
        return new PurgeConfig(prefix, window);
    }
}
