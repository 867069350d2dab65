package siteops.invoke;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * bin/invoke's launcher: resolves how to run one function of template.yaml like `sam local invoke` (its
 * environment, class path and JVM options) and writes that launch for bin/invoke, which starts the function's JVM
 * itself (reading the event on its stdin). bin/invoke keeps the launch and runs this only when something it
 * depends on changed (arguments, AWS_* variables, or one of the launch's input files).
 *
 * <p>Environment of the function = Lambda's reserved variables, then the template's variables (Globals, then the
 * function), then the env-vars file (Parameters, then the function's section; only names the template declares,
 * as sam does), then AWS credentials, Region, profile and endpoint variables from the shell.
 *
 * <p>The launch, written next to the path in SITEOPS_INVOKE_LAUNCH, NUL-separated: {@code .argv} the function JVM's
 * command line, {@code .env} its environment ("NAME=value", or a bare NAME that bin/invoke copies from the shell, so
 * credentials never reach the disk), {@code .inputs} the files whose change makes it stale, {@code .note} what to
 * print on stderr on every call, {@code .after} (only on a call that records the start-up cache) what to run after
 * the function, see {@link ClassArchive#assembly}.
 */
public final class LocalInvoke {
    static final Pattern PASSTHROUGH = Pattern.compile(
            "AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|REGION|DEFAULT_REGION|PROFILE|CONFIG_FILE|SHARED_CREDENTIALS_FILE"
                    // Web identity (GitHub OIDC) and container credentials (CodeBuild, ECS), custom CA bundles.
                    + "|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN|ROLE_SESSION_NAME|CONTAINER_CREDENTIALS_FULL_URI"
                    + "|CONTAINER_CREDENTIALS_RELATIVE_URI|CONTAINER_AUTHORIZATION_TOKEN|CA_BUNDLE"
                    + "|ENDPOINT_URL|ENDPOINT_URL_[A-Z0-9_]+)");

    private LocalInvoke() {}

    public static void main(String[] args) {
        try {
            Options options = Options.parse(args);
            if (options.help()) {
                System.out.print(Help.text(options.template()));
                System.exit(0);
            }
            Launch launch = resolve(options, System.getenv());
            launch.write(Path.of(System.getenv("SITEOPS_INVOKE_LAUNCH")));
            System.exit(0);
        } catch (InvokeException e) {
            System.err.println("bin/invoke: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * What the function JVM needs: command line, environment, the files it depends on, notes for the user, and what
     * to run after it (empty: nothing).
     */
    record Launch(List<String> argv, Map<String, String> environment, List<Path> inputs, String note, List<String> after) {
        void write(Path prefix) {
            try {
                Files.createDirectories(prefix.toAbsolutePath().getParent());
                List<String> env = new ArrayList<>();
                environment.forEach((name, value) -> env.add(value == null ? name : name + "=" + value));
                writeNul(prefix, ".inputs", inputs.stream().map(p -> p.toAbsolutePath().toString()).toList());
                writeNul(prefix, ".env", env);
                Files.writeString(sibling(prefix, ".note"), note);
                if (after.isEmpty()) {
                    Files.deleteIfExists(sibling(prefix, ".after"));
                } else {
                    writeNul(prefix, ".after", after);
                }
                writeNul(prefix, ".argv", argv); // last: its presence means the launch is complete
                deleteOldLaunches(prefix.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new InvokeException("cannot write the launch " + prefix + ": " + e.getMessage());
            }
        }

        /** Keeps the 40 most recent launches (a few hundred bytes each; new credentials make new ones). */
        private static void deleteOldLaunches(Path dir) throws IOException {
            try (var files = Files.list(dir)) {
                List<Path> launches = files.filter(f -> f.getFileName().toString().matches("launch-[0-9a-f]+\\.argv"))
                        .sorted(java.util.Comparator.comparing((Path f) -> f.toFile().lastModified()).reversed()).toList();
                for (Path old : launches.subList(Math.min(40, launches.size()), launches.size())) {
                    String stem = old.getFileName().toString().replace(".argv", "");
                    for (String suffix : List.of(".argv", ".env", ".inputs", ".note", ".after")) {
                        Files.deleteIfExists(old.resolveSibling(stem + suffix));
                    }
                }
            }
        }

        private static void writeNul(Path prefix, String suffix, List<String> values) throws IOException {
            StringBuilder text = new StringBuilder();
            values.forEach(v -> text.append(v).append('\0'));
            Path temporary = sibling(prefix, suffix + "." + ProcessHandle.current().pid());
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, sibling(prefix, suffix), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        private static Path sibling(Path prefix, String suffix) {
            return prefix.resolveSibling(prefix.getFileName() + suffix);
        }
    }

    static Launch resolve(Options options, Map<String, String> shell) {
        String region = firstNonBlank(options.region(), shell.get("AWS_REGION"), shell.get("AWS_DEFAULT_REGION"), "us-east-1");
        FunctionSpec function = SamTemplate.read(options.template(), options.overrides(), region).function(options.logicalId());
        if (!Files.isRegularFile(function.artifact())) {
            throw new InvokeException(function.artifact() + " does not exist: build the functions first with bin/build");
        }
        Map<String, String> environment = environment(function, options.envVars(), shell, region);
        if (options.profile() != null) {
            environment.put("AWS_PROFILE", options.profile());
        }
        List<Path> classPath = List.of(function.artifact(), shimLocation());
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Lambda's own JVM settings for small functions: C1 only, serial GC, heap from the memory size.
        // No hsperfdata file in /tmp per call either.
        java.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Xmx" + Math.max(64, function.memoryMb() * 85 / 100) + "m",
                "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                // JVM messages go to stderr (stdout is the function's result); archive notices only when they fail.
                "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning,cds*=error,aot*=error:stderr",
                "-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList())));

        List<String> argv = new ArrayList<>(java.subList(0, 1));
        List<Path> inputs = new ArrayList<>(classPath);
        inputs.add(options.template());
        if (options.envVars() != null) {
            inputs.add(options.envVars());
        }
        List<String> after = List.of();
        if (options.cacheDir() != null) {
            ClassArchive archive = ClassArchive.forClassPath(options.cacheDir(), function.logicalId(), classPath);
            argv.addAll(archive.jvmOptions(function.logicalId(), sizeOf(function.artifact())));
            inputs.addAll(archive.inputs());
            after = archive.assembly(java);
        }
        if (options.debugPort() != null) {
            argv.add("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,quiet=y,address=127.0.0.1:" + options.debugPort());
        }
        argv.addAll(java.subList(1, java.size()));
        argv.addAll(List.of(LambdaShim.class.getName(), function.handler(), function.functionName(),
                String.valueOf(function.memoryMb()), String.valueOf(function.timeoutSeconds()), "$LATEST"));
        if (options.logFile() != null) {
            argv.add(options.logFile().toAbsolutePath().toString());
        }

        StringBuilder note = new StringBuilder();
        options.ignored().forEach(o -> note.append("bin/invoke: ignoring ").append(o).append(" (Docker only; bin/invoke runs without Docker)\n"));
        if (options.debugPort() != null) {
            note.append("bin/invoke: the function waits for a Java debugger on 127.0.0.1:").append(options.debugPort()).append('\n');
        }
        if (options.debug()) {
            // The command line and variable names only: values may be credentials.
            note.append("bin/invoke: ").append(String.join(" ", argv)).append('\n')
                    .append("bin/invoke: environment ").append(String.join(" ", environment.keySet())).append('\n');
        }
        // Variables from the shell travel by name: bin/invoke copies their values at each call.
        Map<String, String> byName = new LinkedHashMap<>();
        environment.forEach((name, value) -> byName.put(name,
                (PASSTHROUGH.matcher(name).matches() || name.equals("HOME")) && value.equals(shell.get(name)) ? null : value));
        return new Launch(argv, byName, inputs, note.toString(), after);
    }

    /**
     * One --parameter-overrides argument as sam accepts it: "Key=Value", several in one quoted argument
     * ("A=1 B=2"), or the CloudFormation form "ParameterKey=A,ParameterValue=1".
     */
    static void parameterOverrides(String argument, Map<String, String> into) {
        for (String pair : argument.trim().split("\\s+")) {
            if (pair.startsWith("ParameterKey=")) {
                int value = pair.indexOf(",ParameterValue=");
                if (value < 0) {
                    throw new InvokeException("--parameter-overrides: '" + pair + "' needs ,ParameterValue=...");
                }
                into.put(pair.substring("ParameterKey=".length(), value), pair.substring(value + ",ParameterValue=".length()));
            } else if (pair.indexOf('=') > 0) {
                into.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            } else {
                throw new InvokeException("--parameter-overrides: '" + pair + "' is not Key=Value");
            }
        }
    }

    static Map<String, String> environment(FunctionSpec function, Path envVars, Map<String, String> shell, String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("LANG", "en_US.UTF-8");
        env.putAll(function.environment());
        if (envVars != null) {
            Set<String> declared = function.environment().keySet();
            EnvVarsFile.forFunction(envVars, function.logicalId()).forEach((name, value) -> {
                if (declared.contains(name)) {
                    env.put(name, value);
                } else {
                    System.err.println("bin/invoke: ignoring " + name + " from --env-vars: " + function.logicalId()
                            + " does not declare it in template.yaml (sam local invoke ignores it too)");
                }
            });
        }
        shell.forEach((name, value) -> {
            if (PASSTHROUGH.matcher(name).matches() || name.equals("HOME")) {
                env.put(name, value);
            }
        });
        env.put("AWS_REGION", region);
        env.putIfAbsent("AWS_DEFAULT_REGION", region);
        return env;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path shimLocation() {
        try {
            return Path.of(LambdaShim.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
