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
        Duration window = env.seconds("SAME_REQUEST_WINDOW_SECONDS", Duration.ofMinutes(5), 1, 3600);
        return new PurgeConfig(prefix, window);
    }
}
