package siteops.purge.completion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import siteops.common.Json;
import siteops.common.Log;
import siteops.common.registry.SiteRegistration;
import siteops.purge.Messages;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the purge-completion state machine for an accepted invalidation: it polls the invalidation and posts
 * "purge done" to the site's Slack channel. The execution is named after the invalidation, so a repeated request
 * (answered with the same invalidation) starts nothing new. A failed start never fails the purge: the answer
 * carries a note instead.
 */
public final class CompletionWatch {
    /** How many of the typed paths travel to the message (execution input is limited to 256 KB). */
    static final int PATHS_CARRIED = 20;
    private static final int MAX_EXECUTION_NAME = 80;

    private final SfnClient stepFunctions;
    private final String stateMachineArn;
    private final String notAnArn;

    /**
     * @param stateMachineArn null or empty: the feature is off and {@link #start} does nothing. `sam local invoke`
     *                        and bin/invoke resolve the template's !Ref to the logical id, not an ARN: nothing to
     *                        start either, so off too (said in each purge's log) rather than a note on every purge.
     */
    public CompletionWatch(SfnClient stepFunctions, String stateMachineArn) {
        this.stepFunctions = stepFunctions;
        this.stateMachineArn = isOn(stateMachineArn) ? stateMachineArn : null;
        this.notAnArn = stateMachineArn != null && !stateMachineArn.isBlank() && this.stateMachineArn == null ? stateMachineArn : null;
    }

    /** Whether this setting starts watches at all (else no Step Functions client is needed). */
    public static boolean isOn(String stateMachineArn) {
        return stateMachineArn != null && stateMachineArn.startsWith("arn:");
    }

    /**
     * @param typedEntries the paths or URLs as the editor typed them (the message repeats them, not the encoded paths)
     * @return a note for the editor when the watch could not start; empty when it runs (or is off)
     */
    public Optional<String> start(SiteRegistration site, String invalidationId, List<String> typedEntries) {
        if (stateMachineArn == null) {
            if (notAnArn != null) {
                Log.info("no completion watch: PURGE_COMPLETION_STATE_MACHINE is not a state machine ARN", "value", notAnArn);
            }
            return Optional.empty();
        }
        String name = executionName(site.site(), invalidationId);
        try {
            stepFunctions.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name)
                    .input(Json.text(input(site.site(), invalidationId, typedEntries))));
            Log.info("completion watch started", "site", site.site(), "invalidationId", invalidationId, "execution", name);
            return Optional.empty();
        } catch (ExecutionAlreadyExistsException repeat) {
            Log.info("completion watch already started", "site", site.site(), "invalidationId", invalidationId, "execution", name);
            return Optional.empty();
        } catch (SdkException e) {
            Log.warn("completion watch not started", "site", site.site(), "invalidationId", invalidationId,
                    "stateMachine", stateMachineArn, "reason", String.valueOf(e.getMessage()));
            return Optional.of(Messages.watchNotStarted(String.valueOf(e.getMessage())));
        }
    }

    /** One execution per invalidation: names are unique per state machine for 90 days. */
    static String executionName(String site, String invalidationId) {
        String name = site + "-" + invalidationId;
        return name.length() <= MAX_EXECUTION_NAME ? name : name.substring(name.length() - MAX_EXECUTION_NAME);
    }

    /** What PurgeStatusFunction receives on every check (with {@code lastCheck} added by the state machine). */
    static Map<String, Object> input(String site, String invalidationId, List<String> typedEntries) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("site", site);
        input.put("invalidationId", invalidationId);
        input.put("paths", typedEntries.subList(0, Math.min(PATHS_CARRIED, typedEntries.size())));
        input.put("pathCount", typedEntries.size());
        return input;
    }
}
