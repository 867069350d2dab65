package siteops.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import siteops.standins.FreePort;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The real AWS API emulator (moto_server) on a free loopback port, started once per test JVM and stopped when
 * the JVM's tests end. Use with {@code @ExtendWith(MotoServer.class)} and take a {@code MotoServer} parameter in
 * a constructor, {@code @BeforeAll} or test method. {@link #reset()} empties it between tests.
 */
public final class MotoServer implements BeforeAllCallback, ParameterResolver {
    public static final String REGION = "ap-northeast-1";
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";

    /** The running emulator; one per JVM. */
    public static final class Instance implements AutoCloseable {
        private final Process process;
        private final URI endpoint;

        Instance(Process process, URI endpoint) {
            this.process = process;
            this.endpoint = endpoint;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Instance instance;

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        start(extension);
        return this;
    }

    public URI endpoint() {
        return instance.endpoint;
    }

    /** Points an SDK client builder at the emulator with test credentials. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(endpoint())
                .region(region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    /** Environment variables that point a function (in process or through bin/invoke) at the emulator. */
    public Map<String, String> environment() {
        return Map.of(
                "AWS_ENDPOINT_URL", endpoint().toString(),
                "AWS_REGION", REGION,
                "AWS_DEFAULT_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    public static Region region() {
        return Region.of(REGION);
    }

    /** Forgets every resource moto holds, so tests do not see each other's data. */
    public void reset() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static synchronized void start(ExtensionContext context) {
        if (instance != null && instance.process.isAlive()) {
            return;
        }
        int port = FreePort.find();
        Path log;
        Process process;
        try {
            // In the module's target/ under Maven (cleaned with the build), never left in /tmp.
            Path logs = Files.isDirectory(Path.of("target")) ? Path.of("target") : Files.createTempDirectory("siteops-moto");
            log = logs.resolve("moto-" + port + ".log");
            process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server: it is not on PATH. Install it with "
                    + "pip install 'moto[server]' (see README, Troubleshooting)", e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        waitUntilUp(process, endpoint, log);
        instance = new Instance(process, endpoint);
        // Stopped when the root context closes, i.e. after the last test of this JVM.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("siteops.moto", instance);
    }

    private static void waitUntilUp(Process process, URI endpoint, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited at start: " + tail(log));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not answer within 30 s: " + tail(log));
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
