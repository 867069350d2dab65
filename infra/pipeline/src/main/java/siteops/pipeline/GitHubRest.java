package siteops.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few calls of GitHub's REST API the pipeline makes, for one repository, on the JDK's HttpClient (it can send
 * PATCH). Lists follow the {@code Link: rel="next"} header to the end. A refused call fails with GitHub's status and
 * message, never with the token.
 */
public final class GitHubRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String api;
    private final String repository;
    private final String token;

    public GitHubRest(String apiUrl, String repository, String token) {
        this.api = apiUrl.replaceAll("/+$", "");
        this.repository = repository;
        this.token = token;
    }

    /** From the variables every Actions job has: GITHUB_API_URL, GITHUB_REPOSITORY, and GITHUB_TOKEN (passed in). */
    public static GitHubRest fromEnvironment(Map<String, String> env) {
        return new GitHubRest(env.getOrDefault("GITHUB_API_URL", "https://api.github.com"),
                required(env, "GITHUB_REPOSITORY"), required(env, "GITHUB_TOKEN"));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new PipelineException(name + " is not set (the workflow step must pass it in env:)");
        }
        return value;
    }

    /** Every item of a list endpoint under the repository, e.g. {@code /issues/7/comments}. */
    public List<JsonNode> list(String pathAndQuery) {
        List<JsonNode> items = new ArrayList<>();
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        String url = api + "/repos/" + repository + pathAndQuery + sep + "per_page=100";
        while (url != null) {
            HttpResponse<String> response = send("GET", url, null);
            read(response, "GET " + pathAndQuery).forEach(items::add);
            Matcher next = NEXT.matcher(response.headers().firstValue("link").orElse(""));
            url = next.find() ? next.group(1) : null;
        }
        return items;
    }

    public JsonNode post(String path, Object body) {
        return read(send("POST", api + "/repos/" + repository + path, body), "POST " + path);
    }

    public JsonNode patch(String path, Object body) {
        return read(send("PATCH", api + "/repos/" + repository + path, body), "PATCH " + path);
    }

    private HttpResponse<String> send(String method, String url, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .header("Content-Type", "application/json")
                    .method(method, publisher)
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PipelineException("GitHub did not answer " + method + " " + URI.create(url).getPath() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted");
        }
    }

    private static JsonNode read(HttpResponse<String> response, String call) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        if (response.statusCode() / 100 != 2) {
            String message = json == null ? "" : json.path("message").asText("");
            String details = json == null ? "" : json.path("errors").toString();
            throw new PipelineException("GitHub refused " + call + ": " + response.statusCode() + " " + message
                    + ("[]".equals(details) || details.isEmpty() ? "" : " " + details)
                    + (response.statusCode() == 403 ? " (does the job grant the permission? see its permissions:)" : ""));
        }
        return json;
    }
}
