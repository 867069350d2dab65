package siteops.common;

import java.util.function.Function;

/**
 * A function's start-up: applies the log level, then reads its configuration. A configuration error is logged as
 * one JSON ERROR line (so the log group shows it with the function's other lines and alarms can match it) and
 * rethrown, so Lambda reports the failed init with the same message.
 */
public final class Startup {
    private Startup() {}

    /** Used by the handlers' no-argument constructors, with the process environment. */
    public static <T> T configure(Function<Environment, T> readConfig) {
        return configure(Environment.system(), readConfig);
    }

    static <T> T configure(Environment env, Function<Environment, T> readConfig) {
        try {
            Log.configure(env);
            return readConfig.apply(env);
        } catch (ConfigurationException e) {
            Log.write(Log.Level.ERROR, "configuration error at start-up", null, "errorType", e.getClass().getName(),
                    "errorMessage", e.getMessage());
            throw e;
        }
    }
}
