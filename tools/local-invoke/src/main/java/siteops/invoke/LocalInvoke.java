package siteops.invoke;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * bin/invoke: runs one function of template.yaml on its built artifact in a fresh JVM, like
 * `sam local invoke`, without Docker.
 *
 * <pre>bin/invoke LogicalId [-e event.json|-] [--env-vars env.json] [--parameter-overrides K=V ...] [-t template.yaml] [--no-cache]</pre>
 *
 * Environment of the function = Lambda's reserved variables, then the template's variables (Globals, then the
 * function), then the env-vars file (Parameters, then the function's section; only names the template declares,
 * as sam does), then AWS credentials, Region, profile and endpoint variables from the shell.
 * stdout carries only the function's result (or Lambda's error object); logs go to stderr.
 */
public final class LocalInvoke {
    static final String USAGE = "usage: bin/invoke <LogicalId> [-e <event.json>|-] [--env-vars <env.json>] "
            + "[--parameter-overrides Key=Value ...] [-t <template.yaml>] [--no-cache]";
    private static final Pattern PASSTHROUGH = Pattern.compile(
            "AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|REGION|DEFAULT_REGION|PROFILE|CONFIG_FILE|SHARED_CREDENTIALS_FILE"
                    // Web identity (GitHub OIDC) and container credentials (CodeBuild, ECS), custom CA bundles.
                    + "|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN|ROLE_SESSION_NAME|CONTAINER_CREDENTIALS_FULL_URI"
                    + "|CONTAINER_CREDENTIALS_RELATIVE_URI|CONTAINER_AUTHORIZATION_TOKEN|CA_BUNDLE"
                    + "|ENDPOINT_URL|ENDPOINT_URL_[A-Z0-9_]+)");

    private LocalInvoke() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (InvokeException e) {
            System.err.println("bin/invoke: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        String logicalId = null;
        String event = null;
        Path envVars = null;
        Path template = Path.of(System.getenv().getOrDefault("SITEOPS_ROOT", "."), "template.yaml");
        boolean cache = !"off".equals(System.getenv("SITEOPS_INVOKE_CACHE"));
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-e", "--event" -> event = value(args, ++i, arg);
                case "-n", "--env-vars" -> envVars = Path.of(value(args, ++i, arg));
                case "-t", "--template", "--template-file" -> template = Path.of(value(args, ++i, arg));
                case "--no-cache" -> cache = false;
                case "--parameter-overrides" -> {
                    while (i + 1 < args.length && args[i + 1].contains("=") && !args[i + 1].startsWith("-")) {
                        parameterOverrides(args[++i], overrides);
                    }
                }
                case "-h", "--help" -> {
                    System.err.println(USAGE);
                    return 0;
                }
                default -> {
                    if (arg.startsWith("-") || logicalId != null) {
                        throw new InvokeException("unexpected argument '" + arg + "'\n" + USAGE);
                    }
                    logicalId = arg;
                }
            }
        }
        if (logicalId == null) {
            throw new InvokeException("name the function to invoke\n" + USAGE);
        }
        Map<String, String> shell = System.getenv();
        String region = firstNonBlank(shell.get("AWS_REGION"), shell.get("AWS_DEFAULT_REGION"), "us-east-1");
        FunctionSpec function = SamTemplate.read(template, overrides, region).function(logicalId);
        if (!Files.isRegularFile(function.artifact())) {
            throw new InvokeException(function.artifact() + " does not exist: build the functions first with bin/build");
        }
        byte[] eventBytes = readEvent(event);
        Map<String, String> environment = environment(function, envVars, shell, region);
        return launch(function, environment, eventBytes, cache ? cacheDirectory(template) : null);
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

    /** bin/invoke names it (outside the project, so `sam build`'s copy of the project stays small). */
    private static Path cacheDirectory(Path template) {
        String dir = System.getenv("SITEOPS_INVOKE_CACHE_DIR");
        return dir == null || dir.isBlank() ? template.toAbsolutePath().getParent().resolve("target").resolve("invoke-cache") : Path.of(dir);
    }

    private static int launch(FunctionSpec function, Map<String, String> environment, byte[] event, Path cacheDir) {
        Path shimJar = shimLocation();
        List<Path> classPath = List.of(function.artifact(), shimJar);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Lambda's own JVM settings for small functions: C1 only, serial GC, heap from the memory size.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx" + Math.max(64, function.memoryMb() * 85 / 100) + "m",
                "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                // JVM messages go to stderr (stdout is the function's result); archive notices only when they fail.
                "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning,cds*=error,aot*=error:stderr"));
        ClassArchive archive = null;
        Path trainingOutput = null;
        if (cacheDir != null) {
            try {
                Files.createDirectories(cacheDir);
                archive = ClassArchive.forClassPath(cacheDir, function.logicalId(), classPath);
                trainingOutput = cacheDir.resolve(archive.file().getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                command.addAll(archive.jvmOptions(trainingOutput));
            } catch (IOException e) {
                System.err.println("bin/invoke: no start-up cache (" + e.getMessage() + "); running without it");
            }
        }
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        Path result;
        try {
            result = Files.createTempFile("siteops-invoke-", ".json");
        } catch (IOException e) {
            throw new InvokeException("cannot create a temporary file: " + e.getMessage());
        }
        command.add(LambdaShim.class.getName());
        command.addAll(List.of(function.handler(), UUID.randomUUID().toString(), function.functionName(),
                String.valueOf(function.memoryMb()), String.valueOf(function.timeoutSeconds()), "$LATEST", result.toString()));

        if ("1".equals(System.getenv("SITEOPS_INVOKE_DEBUG"))) {
            // The command line only: the environment may hold credentials.
            System.err.println("bin/invoke: " + String.join(" ", command));
        }
        // The function JVM's stdout is log output (like Lambda's log stream); only the result file reaches stdout.
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            Thread logs = new Thread(() -> {
                try {
                    process.getInputStream().transferTo(System.err);
                } catch (IOException e) {
                    // the JVM ended
                }
            });
            logs.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(event);
            } catch (IOException e) {
                // The JVM ended before reading the event (it says why on stderr); its exit code tells the rest.
            }
            // The function's stdout closes when its result is complete: the JVM may still be exiting.
            logs.join();
            boolean training = archive != null && !archive.exists() && trainingOutput != null;
            byte[] output = Files.readAllBytes(result);
            int exit;
            if (output.length >= 2 && (output[0] == '0' || output[0] == '1') && output[1] == '\n') {
                exit = output[0] - '0';
                output = java.util.Arrays.copyOfRange(output, 2, output.length);
            } else {
                exit = process.waitFor();
                output = ("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"the function's JVM exited with code "
                        + exit + " before answering; see stderr\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exit = exit == 0 ? 1 : exit;
            }
            if (!training) {
                // The result and the logs are complete; what is left is the JVM's exit, which takes 300 ms when a
                // thread sits in native I/O (the JDK HttpClient's selector) and would hold this process as long.
                process.destroyForcibly();
                process.waitFor();
            } else {
                // The start-up cache is written when the JVM exits: wait for it this once.
                process.waitFor();
                if (Files.isRegularFile(trainingOutput)) {
                    Files.move(trainingOutput, archive.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    archive.deleteOlderSiblings(function.logicalId());
                }
            }
            System.out.write(output);
            System.out.println();
            System.out.flush();
            return exit;
        } catch (IOException e) {
            throw new InvokeException("cannot run the function's JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            try {
                Files.deleteIfExists(result);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    private static byte[] readEvent(String event) {
        try {
            if (event == null) {
                return "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            if (event.equals("-")) {
                return System.in.readAllBytes();
            }
            return Files.readAllBytes(Path.of(event));
        } catch (IOException e) {
            throw new InvokeException("cannot read event " + event + ": " + e.getMessage());
        }
    }

    private static Path shimLocation() {
        try {
            return Path.of(LambdaShim.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new InvokeException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
