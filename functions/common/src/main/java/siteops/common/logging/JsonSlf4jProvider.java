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
 * Routes the AWS SDK's SLF4J warnings and errors into siteops' JSON log lines (and keeps SLF4J from printing
 * its "no provider" notice on every cold start). Debug and info from libraries are dropped: at those levels
 * the SDK can log request details we do not want in CloudWatch.
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

        @Override public boolean isTraceEnabled() { return false; }
        @Override public boolean isDebugEnabled() { return false; }
        @Override public boolean isInfoEnabled() { return false; }
        @Override public boolean isWarnEnabled() { return Log.enabled(Log.Level.WARN); }
        @Override public boolean isErrorEnabled() { return Log.enabled(Log.Level.ERROR); }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            Log.Level mapped = level == Level.ERROR ? Log.Level.ERROR : Log.Level.WARN;
            Log.write(mapped, message, throwable, "logger", name);
        }
    }

}
