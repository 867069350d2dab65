package siteops.standins;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * Base for fakes of third-party HTTP APIs (GitHub, PagerDuty, a CloudFront that misbehaves): listens on a free
 * loopback port, records every request, and lets the subclass answer. Subclasses enforce the real API's rules.
 */
public abstract class FakeHttpServer implements AutoCloseable {
    /** One request as received. Header names are lower case. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {}

    /** What to answer. */
    public record Response(int status, Map<String, String> headers, String body) {
        public static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json; charset=utf-8"), body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private volatile String requestLogPrefix;
    private volatile boolean serving;

    /** Listens on a free loopback port. */
    protected FakeHttpServer() {
        this(0);
    }

    /**
     * Binds the given loopback port (0 = a free one), e.g. for a standalone fake whose port a file names; answers
     * from the first {@link #endpoint()} call on.
     */
    protected FakeHttpServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** The subclass's answer to one request; called one request at a time. */
    protected abstract Response answer(Request request);

    /** The fake's address; it starts answering here, so no request can reach a subclass still being constructed. */
    public URI endpoint() {
        serve();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private synchronized void serve() {
        if (!serving) {
            server.createContext("/", this::exchange);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            serving = true;
        }
    }

    /** Standalone fakes print one line per request on stderr: method, path and status, never a header or body. */
    public void logRequestsTo(String prefix) {
        this.requestLogPrefix = prefix;
    }

    /** The port argument of a standalone fake's main: the first argument, or 0 for a free port. */
    protected static int portArgument(String[] args) {
        return args.length > 0 ? Integer.parseInt(args[0]) : 0;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        if (serving) {
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body);
            Response response;
            synchronized (this) {
                requests.add(request);
                try {
                    response = answer(request);
                } catch (RuntimeException e) {
                    response = Response.json(500, "{\"message\": \"fake server error: " + e.getMessage() + "\"}");
                }
            }
            if (requestLogPrefix != null) {
                System.err.println(requestLogPrefix + request.method() + " " + request.path() + " -> " + response.status());
            }
            byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }
}
