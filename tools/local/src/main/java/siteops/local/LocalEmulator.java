package siteops.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import siteops.local.EmulatorState.StartedProcess;
import siteops.standins.FreePort;

/**
 * One bin/local emulator: moto_server and the stand-ins JVM on free loopback ports, loaded with the sample data,
 * its whole state in one folder (state.json, env-vars.json, services.log). {@link #up} and {@link #down} are the
 * only places that start or stop its processes.
 */
final class LocalEmulator {
    static final String MOTO_MARKER = "moto_server";
    static final String STAND_INS_MARKER = "siteops.standins.StandIns";

    private final Path root;
    private final Path stateDir;
    private final Path cacheDir;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code cacheDir}: bin/invoke's start-up caches of this checkout, removed by down --caches (null: none). */
    LocalEmulator(Path root, Path stateDir, Path cacheDir, PrintStream out, PrintStream err) {
        this.root = root;
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.cacheDir = cacheDir;
        this.out = out;
        this.err = err;
    }

    Path envVarsFile() {
        return stateDir.resolve("env-vars.json");
    }

    private Path stateFile() {
        return stateDir.resolve("state.json");
    }

    /** The running emulator's state; fails with how to start it when nothing runs here. */
    EmulatorState running() {
        EmulatorState state = EmulatorState.read(stateFile());
        if (state == null) {
            throw new LocalException("not running: start it with bin/local up");
        }
        return state;
    }

    private static boolean alive(EmulatorState state) {
        return state.processes().stream().allMatch(p -> DetachedProcesses.alive(p.pid(), p.marker()));
    }

    /** Starts everything and loads the sample data; when it already runs, says so and leaves it alone. */
    void up(boolean quiet) {
        EmulatorState previous = EmulatorState.read(stateFile());
        if (previous != null && alive(previous)) {
            if (!quiet) {
                err.println("bin/local: already running (moto_server on " + previous.moto() + "); bin/local status");
            }
            return;
        }
        if (previous != null) {
            down(false, true);
        }
        SampleData data = SampleData.read(root.resolve("tools/local/sample-data.json"));
        Path log = stateDir.resolve("services.log");
        try {
            Files.createDirectories(stateDir);
            EmulatorState state = new EmulatorState(List.of(), data.region(), log.toString(), null, null, null, null);
            state = startMoto(state, log);
            String token = "local-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            state = startStandIns(state, log, token, data.githubRepository());
            Map<String, String> values = new HashMap<>(Map.of("github_token", token,
                    "github_url", state.github(), "pagerduty_url", state.pagerduty()));
            try (EmulatorClients clients = new EmulatorClients(state)) {
                data.load(clients, values);
            }
            Files.writeString(envVarsFile(), data.envVars(values));
        } catch (RuntimeException | IOException e) {
            // A half-started emulator is stopped, never left behind.
            printTail(log, 15);
            down(false, true);
            throw new LocalException("could not start: " + e.getMessage());
        }
        if (!quiet) {
            status();
            err.println("next: eval \"$(bin/local env)\"");
        }
    }

    private EmulatorState startMoto(EmulatorState state, Path log) {
        int port = FreePort.find();
        Process moto = DetachedProcesses.start(List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)), root, log, log);
        state = state.withMoto("http://127.0.0.1:" + port).with(new StartedProcess("moto_server", moto.pid(), MOTO_MARKER));
        state.write(stateFile());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(state.moto() + "/moto-api/data.json")).timeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < 150; i++) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return state;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (!moto.isAlive()) {
                throw new IllegalStateException("moto_server exited at start");
            }
            DetachedProcesses.pause(200);
        }
        throw new IllegalStateException("moto_server did not answer on " + state.moto() + " within 30 s");
    }

    private EmulatorState startStandIns(EmulatorState state, Path log, String token, String repository) throws IOException {
        Path urls = stateDir.resolve("stand-ins.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The same class path as this command's: it holds the stand-ins and Jackson.
        Process standIns = DetachedProcesses.start(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m",
                "-cp", System.getProperty("java.class.path"), STAND_INS_MARKER, state.moto(), token, repository), root, urls, log);
        state = state.with(new StartedProcess("stand-ins (GitHub, PagerDuty, SSM windows)", standIns.pid(), STAND_INS_MARKER));
        state.write(stateFile());
        for (int i = 0; i < 300 && !(Files.exists(urls) && Files.readString(urls).endsWith("\n")); i++) {
            if (!standIns.isAlive()) {
                throw new IllegalStateException("the stand-ins exited at start");
            }
            DetachedProcesses.pause(100);
        }
        if (!Files.readString(urls).endsWith("\n")) {
            throw new IllegalStateException("the stand-ins did not start within 30 s");
        }
        JsonNode started = EmulatorState.JSON.readTree(Files.readString(urls));
        Files.delete(urls);
        state = state.withStandIns(started.path("github").asText(), started.path("pagerduty").asText(), started.path("ssm").asText());
        state.write(stateFile());
        return state;
    }

    private void printTail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(err::println);
        } catch (IOException e) {
            // no log yet: nothing to show
        }
    }

    /** The export lines of eval "$(bin/local env)". */
    void env() {
        EmulatorState state = running();
        out.println("export AWS_ENDPOINT_URL=" + state.moto());
        // The maintenance-window history moto lacks; every other SSM call goes on to moto.
        out.println("export AWS_ENDPOINT_URL_SSM=" + state.ssm());
        out.println("export AWS_REGION=" + state.region() + " AWS_DEFAULT_REGION=" + state.region());
        out.println("export AWS_ACCESS_KEY_ID=" + EmulatorClients.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY=" + EmulatorClients.ACCESS_KEY);
        out.println("unset AWS_SESSION_TOKEN AWS_PROFILE");
        out.println("export SITEOPS_ENV_VARS=" + envVarsFile());
        out.println("# bin/invoke <Function> -e <event> --env-vars " + relative(envVarsFile()));
    }

    /** The variables env exports, for a program that runs bin/invoke itself (bin/demo). */
    Map<String, String> environment() {
        EmulatorState state = running();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_ENDPOINT_URL", state.moto());
        variables.put("AWS_ENDPOINT_URL_SSM", state.ssm());
        variables.put("AWS_REGION", state.region());
        variables.put("AWS_DEFAULT_REGION", state.region());
        variables.put("AWS_ACCESS_KEY_ID", EmulatorClients.ACCESS_KEY);
        variables.put("AWS_SECRET_ACCESS_KEY", EmulatorClients.ACCESS_KEY);
        variables.put("SITEOPS_ENV_VARS", envVarsFile().toString());
        return variables;
    }

    /** What runs where; 0 when all runs, 1 when something stopped, 3 when nothing was started. */
    int status() {
        EmulatorState state = EmulatorState.read(stateFile());
        if (state == null) {
            out.println("bin/local: not running (bin/local up starts it)");
            return 3;
        }
        out.println("AWS emulator (moto_server)  " + orDash(state.moto()));
        out.println("SSM maintenance windows     " + orDash(state.ssm()) + "  (forwards the rest to moto)");
        out.println("GitHub stand-in             " + orDash(state.github()));
        out.println("PagerDuty stand-in          " + orDash(state.pagerduty()));
        boolean all = true;
        for (StartedProcess process : state.processes()) {
            boolean running = DetachedProcesses.alive(process.pid(), process.marker());
            all &= running;
            out.printf("process %7d  %-8s %s%n", process.pid(), running ? "running" : "STOPPED", process.name());
        }
        out.println("env-vars file               " + relative(envVarsFile()));
        out.println("logs                        " + relative(Path.of(state.log())));
        return all ? 0 : 1;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private String relative(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString();
    }

    /** Stops exactly what up started and removes the state folder (with {@code caches}, bin/invoke's caches too). */
    void down(boolean caches, boolean quiet) {
        EmulatorState state = EmulatorState.read(stateFile());
        List<String> stopped = new ArrayList<>();
        for (StartedProcess process : state == null ? List.<StartedProcess>of() : state.processes()) {
            if (DetachedProcesses.stop(process.pid(), process.marker())) {
                stopped.add(process.name());
            }
        }
        delete(stateDir);
        Path parent = stateDir.getParent();
        if (parent != null && parent.getFileName().toString().equals(".siteops") && isEmptyDirectory(parent)) {
            delete(parent);
        }
        if (caches && cacheDir != null) {
            delete(cacheDir);
        }
        if (!quiet) {
            err.println("bin/local: stopped " + (stopped.isEmpty() ? "nothing (nothing was running)" : String.join(", ", stopped))
                    + (caches ? "; start-up caches removed" : ""));
        }
    }

    private static boolean isEmptyDirectory(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + tree, e);
        }
    }
}
