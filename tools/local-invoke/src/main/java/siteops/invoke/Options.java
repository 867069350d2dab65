package siteops.invoke;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of `sam local invoke` that bin/invoke's launcher sees (bin/invoke itself takes the event: -e, --event,
 * --no-event). Docker-only options are accepted and listed in {@link #ignored()}.
 */
record Options(String logicalId, Path template, Path envVars, Map<String, String> overrides, String region,
               String profile, Integer debugPort, boolean debug, Path logFile, Path cacheDir, boolean help,
               List<String> ignored) {
    static final String USAGE = "usage: bin/invoke <LogicalId> [-e <event.json>|-|--no-event] [-n <env.json>] "
            + "[--parameter-overrides Key=Value ...] [-t <template.yaml>] [--region R] [--profile P] [-d <port>] "
            + "[--debug] [-l <log file>] [--no-cache]   (bin/invoke --help: details)";
    /** Docker-only options of sam local invoke that take a value. */
    private static final Set<String> DOCKER_WITH_VALUE = Set.of("--docker-network", "--container-env-vars",
            "--docker-volume-basedir", "-v", "--container-host", "--container-host-interface", "--add-host",
            "--invoke-image", "--layer-cache-basedir", "--debugger-path", "--debug-args", "--debug-function",
            "--hook-name", "--runtime", "--config-file", "--config-env", "--terraform-plan-file", "--mount-symlinks");
    private static final Set<String> DOCKER_FLAGS = Set.of("--skip-pull-image", "--force-image-build", "--shutdown",
            "--beta-features", "--no-beta-features", "--skip-prepare-infra", "--no-skip-prepare-infra",
            "--no-mount-symlinks", "--save-params");

    static Options parse(String[] args) {
        String logicalId = null;
        Path template = Path.of(System.getenv().getOrDefault("SITEOPS_ROOT", "."), "template.yaml");
        Path envVars = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        String region = null;
        String profile = null;
        Integer debugPort = null;
        boolean debug = false;
        Path logFile = null;
        String cache = System.getenv("SITEOPS_INVOKE_CACHE_DIR");
        boolean cacheOn = !"off".equals(System.getenv("SITEOPS_INVOKE_CACHE")) && cache != null && !cache.isBlank();
        boolean help = false;
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-n", "--env-vars" -> {
                    String file = value(args, ++i, arg);
                    if (file.isBlank()) {
                        // "$SITEOPS_ENV_VARS" in a shell that never ran bin/local env
                        throw new InvokeException(arg + " is empty: is SITEOPS_ENV_VARS set? " + LambdaShim.START_LOCAL);
                    }
                    envVars = Path.of(file);
                }
                case "-t", "--template", "--template-file" -> template = Path.of(value(args, ++i, arg));
                case "--region" -> region = value(args, ++i, arg);
                case "--profile" -> profile = value(args, ++i, arg);
                case "-d", "--debug-port" -> debugPort = port(value(args, ++i, arg));
                case "--debug" -> debug = true;
                case "-l", "--log-file" -> logFile = Path.of(value(args, ++i, arg));
                case "--no-cache" -> cacheOn = false;
                case "--parameter-overrides" -> {
                    int before = i;
                    while (i + 1 < args.length && args[i + 1].contains("=") && !args[i + 1].startsWith("-")) {
                        LocalInvoke.parameterOverrides(args[++i], overrides);
                    }
                    if (i == before) {
                        throw new InvokeException("--parameter-overrides needs Key=Value\n" + USAGE);
                    }
                }
                case "-h", "--help" -> help = true;
                default -> {
                    if (DOCKER_WITH_VALUE.contains(arg)) {
                        ignored.add(arg + " " + value(args, ++i, arg));
                    } else if (DOCKER_FLAGS.contains(arg)) {
                        ignored.add(arg);
                    } else if (arg.startsWith("-") || logicalId != null) {
                        throw new InvokeException("unexpected argument '" + arg + "'\n" + USAGE);
                    } else {
                        logicalId = arg;
                    }
                }
            }
        }
        if (logicalId == null && !help) {
            throw new InvokeException("name the function to invoke\n" + USAGE);
        }
        if (envVars != null && !java.nio.file.Files.isRegularFile(envVars)) {
            throw java.nio.file.Files.exists(envVars) ? new InvokeException("--env-vars file " + envVars + ": not a file")
                    : InvokeException.noSuchFile("--env-vars file", envVars);
        }
        return new Options(logicalId, template, envVars, overrides, region, profile, debugPort, debug, logFile,
                cacheOn ? Path.of(cache) : null, help, ignored);
    }

    private static Integer port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvokeException("--debug-port: '" + text + "' is not a TCP port");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new InvokeException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
