package siteops.fleet;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Command;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandPlugin;
import software.amazon.awssdk.services.ssm.model.InvalidCommandIdException;
import software.amazon.awssdk.services.ssm.model.Target;

/**
 * Sends commands to SSM by Targets and waits for their own status. Each poll is one ListCommands per command
 * (its status and counts), whatever the number of instances; the invocations are listed once, with details and
 * 50 per page, when the command has ended. Throttling slows the polls down instead of failing the run.
 */
public final class CommandRunner {
    /** Waits between polls; returns early (without exception) when a cancel is requested. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(30);
    private static final int PAGE_SIZE = 50;

    private final SsmClient ssm;
    private final FullOutput fullOutput;
    private final Progress progress;
    private final PrintStream err;
    private final Duration pollInterval;
    private final String logGroup;
    private final Object wake = new Object();
    private Sleeper sleeper;
    private volatile boolean cancelRequested;

    public CommandRunner(SsmClient ssm, FullOutput fullOutput, Progress progress, PrintStream err, Duration pollInterval, String logGroup) {
        this.ssm = ssm;
        this.fullOutput = fullOutput;
        this.progress = progress;
        this.err = err;
        this.pollInterval = pollInterval;
        this.logGroup = logGroup;
        this.sleeper = duration -> {
            synchronized (wake) {
                if (!cancelRequested) {
                    wake.wait(Math.max(1, duration.toMillis()));
                }
            }
        };
    }

    /** Replaces the real wait (tests, so polls do not take wall time). */
    public CommandRunner sleeper(Sleeper replacement) {
        this.sleeper = replacement;
        return this;
    }

    /** Asks the polling loop to cancel every command still running (Ctrl-C); safe from any thread. */
    public void requestCancel() {
        cancelRequested = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** One SendCommand per Targets list; returns the command ids in order. */
    public List<String> send(CommandSpec spec, List<List<Target>> commandTargets) {
        List<String> ids = new ArrayList<>();
        for (List<Target> targets : commandTargets) {
            Command command = ssm.sendCommand(r -> r.targets(targets)
                    .documentName(spec.document())
                    .parameters(spec.parameters())
                    .maxConcurrency(spec.maxConcurrency())
                    .maxErrors(spec.maxErrors())
                    .timeoutSeconds(spec.timeoutSeconds())
                    .comment(spec.comment())
                    .cloudWatchOutputConfig(c -> c.cloudWatchOutputEnabled(true).cloudWatchLogGroupName(logGroup))).command();
            ids.add(command.commandId());
            err.println("fleet: sent command " + command.commandId() + " (" + spec.document() + ") to "
                    + String.join(" and ", targets.stream().map(t -> t.key() + "=" + String.join(",", t.values())).toList()));
        }
        return ids;
    }

    /**
     * Polls until every command has a terminal status, then lists their invocations. Instances found by EC2 that
     * SSM never invoked (no agent online, or stopped by --max-errors or a cancel) are reported as {@code not run}.
     */
    public List<InstanceResult> await(List<String> commandIds, List<FleetInstance> expected) throws InterruptedException {
        Set<String> running = new LinkedHashSet<>(commandIds);
        Map<String, Command> latest = new LinkedHashMap<>();
        Duration interval = pollInterval;
        boolean cancelSent = false;
        while (true) {
            if (cancelRequested && !cancelSent) {
                for (String id : running) {
                    ssm.cancelCommand(r -> r.commandId(id));
                    err.println("fleet: Ctrl-C: cancelled command " + id + " (CancelCommand sent); waiting for SSM to stop it");
                }
                cancelSent = true;
            }
            try {
                for (String id : List.copyOf(running)) {
                    List<Command> listed = ssm.listCommands(r -> r.commandId(id)).commands();
                    if (!listed.isEmpty()) {
                        latest.put(id, listed.getFirst());
                        if (StatusWords.terminal(listed.getFirst().statusAsString())) {
                            running.remove(id);
                        }
                    }
                }
            } catch (InvalidCommandIdException e) {
                // Right after SendCommand the command may not be listed yet: not done, poll again.
            } catch (SdkServiceException e) {
                if (!e.isThrottlingException()) {
                    throw e;
                }
                Duration slower = interval.multipliedBy(2).compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : interval.multipliedBy(2);
                if (!slower.equals(interval)) {
                    err.println("fleet: SSM is throttling requests; polling every " + slower.toMillis() / 1000.0 + " s");
                }
                interval = slower;
            }
            progress.update(sum(latest, Command::completedCount), sum(latest, Command::targetCount),
                    sum(latest, Command::errorCount) + sum(latest, Command::deliveryTimedOutCount));
            if (running.isEmpty()) {
                break;
            }
            sleeper.sleep(interval);
        }
        return results(commandIds, expected);
    }

    private static int sum(Map<String, Command> commands, java.util.function.Function<Command, Integer> count) {
        return commands.values().stream().map(count).mapToInt(n -> n == null ? 0 : n).sum();
    }

    private List<InstanceResult> results(List<String> commandIds, List<FleetInstance> expected) {
        Map<String, FleetInstance> byId = new LinkedHashMap<>();
        expected.forEach(i -> byId.put(i.instanceId(), i));
        List<InstanceResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String commandId : commandIds) {
            for (CommandInvocation invocation : ssm.listCommandInvocationsPaginator(r -> r.commandId(commandId).details(true).maxResults(PAGE_SIZE))
                    .commandInvocations()) {
                if (!seen.add(invocation.instanceId())) {
                    continue;
                }
                FleetInstance instance = byId.getOrDefault(invocation.instanceId(), new FleetInstance(invocation.instanceId(), "-", "-"));
                results.add(result(commandId, instance, invocation));
            }
        }
        for (FleetInstance instance : expected) {
            if (!seen.contains(instance.instanceId())) {
                results.add(new InstanceResult(instance.instanceId(), instance.site(), instance.env(), "not run",
                        "SSM did not invoke it (agent offline, or the command stopped first)", -1, null, "", true, null));
            }
        }
        return results;
    }

    private InstanceResult result(String commandId, FleetInstance instance, CommandInvocation invocation) {
        List<CommandPlugin> plugins = invocation.commandPlugins();
        StringBuilder output = new StringBuilder();
        int exitCode = plugins.isEmpty() ? -1 : 0;
        Instant start = null;
        Instant end = null;
        boolean truncated = false;
        for (CommandPlugin plugin : plugins) {
            if (plugin.responseCode() != null && plugin.responseCode() != 0 && exitCode == 0) {
                exitCode = plugin.responseCode();
            }
            if (plugin.responseStartDateTime() != null && (start == null || plugin.responseStartDateTime().isBefore(start))) {
                start = plugin.responseStartDateTime();
            }
            if (plugin.responseFinishDateTime() != null && (end == null || plugin.responseFinishDateTime().isAfter(end))) {
                end = plugin.responseFinishDateTime();
            }
            String text = plugin.output() == null ? "" : plugin.output();
            truncated |= FullOutput.truncated(text);
            output.append(text);
        }
        InstanceResult result = new InstanceResult(invocation.instanceId(), instance.site(), instance.env(), invocation.statusAsString(),
                invocation.statusDetails(), exitCode, start != null && end != null ? Duration.between(start, end) : null,
                output.toString(), !truncated, null);
        if (truncated && !result.succeeded()) {
            // Only failures need their whole output: the end of it, where the error is, is what SSM cut.
            StringBuilder full = new StringBuilder();
            String source = null;
            for (CommandPlugin plugin : plugins) {
                var fetched = fullOutput.fetch(commandId, invocation, plugin);
                if (fetched.isEmpty()) {
                    return result;
                }
                full.append(fetched.get().text());
                source = fetched.get().source();
            }
            return result.withOutput(full.toString(), source);
        }
        return result;
    }
}
