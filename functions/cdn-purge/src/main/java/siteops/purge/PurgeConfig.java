package siteops.purge;

import java.time.Duration;
import siteops.common.Environment;
import siteops.common.registry.SiteRegistry;

/**
 * The purge function's settings, read once at init. {@code completionStateMachine} is the ARN of the state
 * machine that tells Slack when a purge is done; null turns that off.
 */
public record PurgeConfig(String sitesParameterPrefix, Duration sameRequestWindow, String completionStateMachine) {
    /** Without the completion message. */
    public PurgeConfig(String sitesParameterPrefix, Duration sameRequestWindow) {
        this(sitesParameterPrefix, sameRequestWindow, null);
    }

    public static PurgeConfig from(Environment env) {
        String prefix = SiteRegistry.parameterPrefix(env);
        // Long enough for a double click or a Chatbot retry, short enough that purging again after republishing
        // a minute later is a new invalidation rather than the earlier (already completed) one.
        Duration window = env.seconds("SAME_REQUEST_WINDOW_SECONDS", Duration.ofSeconds(60), 1, 900);
        return new PurgeConfig(prefix, window, env.optional("PURGE_COMPLETION_STATE_MACHINE", null));
    }
}
