package siteops.common.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;
import siteops.common.Log;

/**
 * Routes the AWS SDK's SLF4J output into siteops' JSON log lines (and keeps SLF4J from printing its "no
 * provider" notice on every cold start). Warnings and errors always pass; the libraries' info, debug and trace
 * pass only when the function's level is DEBUG or TRACE ({@code AWS_LAMBDA_LOG_LEVEL}): that is how the SDK's
 * debug logs (requests, retries, credentials lookups; header names, no bodies) are turned on, for a while.
 */
public final class JsonSlf4jProvider implements SLF4JServiceProvider {
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final ILoggerFactory loggers = JsonLogger::new;

    @Override public ILoggerFactory getLoggerFactory() { return loggers; }
    @Override public IMarkerFactory getMarkerFactory() { return markers; }
    @Override public MDCAdapter getMDCAdapter() { return mdc; }
    @Override public String getRequestedApiVersion() { return "2.0.99"; }
    @Override public void initialize() {}

    static final class JsonLogger extends LegacyAbstractLogger {
        JsonLogger(String name) {
            this.name = name;
        }

        @Override public boolean isTraceEnabled() { return passes(Log.Level.TRACE); }
        @Override public boolean isDebugEnabled() { return passes(Log.Level.DEBUG); }
        @Override public boolean isInfoEnabled() { return passes(Log.Level.INFO); }
        @Override public boolean isWarnEnabled() { return passes(Log.Level.WARN); }
        @Override public boolean isErrorEnabled() { return passes(Log.Level.ERROR); }

        /** Library lines below WARN are noise at INFO: they appear only while debugging. */
        private static boolean passes(Log.Level level) {
            return Log.enabled(level) && (level.compareTo(Log.Level.WARN) >= 0 || Log.level().compareTo(Log.Level.DEBUG) <= 0);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            if (passes(Log.Level.valueOf(level.name()))) {
                Log.write(Log.Level.valueOf(level.name()), message, throwable, "logger", name);
            }
        }
    }

}
