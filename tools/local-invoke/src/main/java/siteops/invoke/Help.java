package siteops.invoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** bin/invoke --help: the options, the template's functions with their sample events, what passes through. */
final class Help {
    private Help() {}

    static String text(Path template) {
        StringBuilder out = new StringBuilder("""
                bin/invoke: runs a function of template.yaml on its built jar, like `sam local invoke`, without Docker.
                  %s

                  -e, --event FILE|-        the event (- reads stdin); none, or --no-event: {}
                  -n, --env-vars FILE       sam's format: {"Parameters": {...}, "<LogicalId>": {...}}; declared variables only
                  --parameter-overrides K=V ...   template parameters (also "A=1 B=2", ParameterKey=K,ParameterValue=V)
                  -t, --template FILE       default: template.yaml of the project
                  --region R, --profile P   AWS_REGION / AWS_PROFILE of the function
                  -d, --debug-port PORT     the function's JVM waits for a Java debugger (JDWP) on 127.0.0.1:PORT
                  --debug                   print the function's JVM command line and variable names (never values)
                  -l, --log-file FILE       append the function's logs to FILE instead of stderr
                  --no-cache                no start-up cache (SITEOPS_INVOKE_CACHE=off does the same)
                  Docker-only options (--docker-network, --container-env-vars, --skip-pull-image, ...) are ignored.

                stdout: the function's result, or Lambda's error object (exit 1); exit 2: usage error. Logs on stderr.
                Start the local emulator first, or the functions reach the AWS account of your credentials:
                  bin/local up && eval "$(bin/local env)"
                """.formatted(Options.USAGE.replace("usage: ", "")));
        out.append("\nfunctions of ").append(template).append(":\n");
        try {
            SamTemplate sam = SamTemplate.read(template, Map.of(), "us-east-1");
            Path events = template.toAbsolutePath().getParent().resolve("events");
            for (String id : sam.functionIds()) {
                out.append("  ").append(id);
                try {
                    String module = sam.function(id).artifact().getParent().getParent().getFileName().toString();
                    List<String> samples = new ArrayList<>(samples(events, module));
                    // The example is an event the function handles (bad-* ones show its refusals).
                    String example = samples.stream().filter(s -> !s.substring(s.lastIndexOf('/') + 1).startsWith("bad-"))
                            .findFirst().orElse(samples.isEmpty() ? null : samples.get(0));
                    samples.remove(example);
                    out.append(example == null ? "\n" : "   e.g. -e " + example + "\n");
                    if (!samples.isEmpty()) {
                        out.append("      samples: ").append(String.join(" ", samples
                                .stream().map(s -> s.substring(s.lastIndexOf('/') + 1)).toList())).append('\n');
                    }
                } catch (InvokeException e) {
                    out.append('\n');
                }
            }
        } catch (InvokeException e) {
            out.append("  (").append(e.getMessage()).append(")\n");
        }
        out.append("""

                passed through from the shell: HOME and %s
                """.formatted(LocalInvoke.PASSTHROUGH.pattern().replace("AWS_(", "AWS_{").replace(")", "}").replace("|", ", ")
                        .replace("[A-Z0-9_]+", "<SERVICE>")));
        return out.toString();
    }

    /** events/<dir>/*.json where <dir> starts the function module's name (health for health-to-github). */
    private static List<String> samples(Path events, String module) {
        try (Stream<Path> dirs = Files.list(events)) {
            Path dir = dirs.filter(d -> Files.isDirectory(d) && module.startsWith(d.getFileName().toString())).findFirst().orElse(null);
            if (dir == null) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(f -> "events/" + dir.getFileName() + "/" + f.getFileName()).filter(f -> f.endsWith(".json")).sorted().toList();
            }
        } catch (IOException e) {
            return List.of();
        }
    }
}
