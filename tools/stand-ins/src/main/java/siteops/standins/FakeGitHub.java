package siteops.standins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST API for issues, comments and labels of one repository, on a loopback port, enforcing the rules of
 * the reference sheet ({@code reference/github-rest-issues.md}):
 * <ul>
 *   <li>{@code Authorization: Bearer <token>} or {@code token <token>}, else 401 Bad credentials; other
 *       repositories answer 404;</li>
 *   <li>title 256, body and comment 65,536, label name 50, label description 100 characters (counted as Java
 *       chars, which is never less than GitHub's count), else 422 Validation Failed with GitHub's error JSON;
 *       unparseable JSON 400; label colour 6 hex digits without '#';</li>
 *   <li>201 for creations, 200 otherwise; list endpoints paginate with {@code per_page} (max 100, default 30) and a
 *       {@code Link} header (next/last/first/prev); {@code GET .../issues} filters on state, labels (all of them)
 *       and since (updated at or after), sorts on created/updated;</li>
 *   <li>labels named in a new issue that do not exist are created on the fly with colour {@code ededed} (what
 *       GitHub is observed to do, though undocumented); they are marked {@code autoCreated} in the state;
 *       creating an existing label answers 422 {@code already_exists}; without push access
 *       ({@link #setPushAccess}) the labels of a new issue are silently dropped;</li>
 *   <li>comments are edited in place ({@code PATCH .../issues/comments/{id}}, same limits);</li>
 *   <li>x-ratelimit-* headers on every answer;</li>
 *   <li>an issue someone deleted ({@link #deleteIssue}) answers 410 Gone, one transferred to another repository
 *       ({@link #transferIssue}) 301 Moved Permanently with a {@code Location}, or 404 when the token cannot read
 *       the repository it went to, to every request on it (read, update, comments), as GitHub documents for
 *       "Get an issue"; neither is listed any more.</li>
 * </ul>
 * Fault injection: {@link #failNext} answers the next N matching requests with a status (e.g. 403 or 429 with
 * {@code retry-after}: a secondary rate limit, or 502), before or after doing the work ("502 after creating": the
 * issue exists, the client sees 502); {@link #beforeNext} runs an action just before a matching request is served
 * (someone deletes the issue the function is about to update). Everything received is recorded ({@link #calls()}, and the base class's
 * {@link #requests()}). {@code GET /_fake/state} shows issues, comments, labels and calls as JSON (never a header),
 * {@code POST /_fake/reset} empties it.
 * <p>Standalone: {@code java -cp ... siteops.standins.FakeGitHub [port] [token] [owner/repo]}.
 */
public final class FakeGitHub extends FakeHttpServer {
    public static final int TITLE_LIMIT = 256;
    public static final int BODY_LIMIT = 65_536;
    public static final int LABEL_LIMIT = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCS = "https://docs.github.com/rest";
    private static final Pattern COLOR = Pattern.compile("[0-9a-fA-F]{6}");
    /** Where a transferred issue goes: another repository (id and name), where it gets another number. */
    private static final int ELSEWHERE_ID = 424242;
    private static final String ELSEWHERE = "example-org/elsewhere";
    private static final int TRANSFERRED_OFFSET = 500;

    /** An issue as the fake holds it. */
    public static final class Issue {
        public final int number;
        public String title;
        public String body;
        public String state = "open";
        public String stateReason;
        public final List<String> labels = new ArrayList<>();
        public final List<Comment> comments = new ArrayList<>();
        public final Instant createdAt;
        public Instant updatedAt;
        public Instant closedAt;
        /** Null while the issue is in the repository; else how it left: deleted, or transferred (readable or not). */
        public Vanished vanished;

        Issue(int number, Instant now) {
            this.number = number;
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    public record Comment(long id, String body, Instant createdAt) {}

    /** How an issue left the repository. */
    public enum Vanished { DELETED, TRANSFERRED, TRANSFERRED_OUT_OF_SIGHT }

    private record Hook(String method, Pattern path, Runnable action) {}

    public record Label(String name, String color, String description, boolean autoCreated) {}

    /** One request as answered: no headers, so the state never shows a token. */
    public record Call(String method, String path, String query, int status) {}

    private record Fault(int[] remaining, int status, Map<String, String> headers, String body, boolean afterWork,
                         Predicate<Request> matches) {}

    private final String token;
    private final String repository;
    private final List<Issue> issues = new ArrayList<>();
    private final Map<String, Label> labels = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Call> calls = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<Hook> hooks = new ArrayList<>();
    private boolean hasIssues = true;
    private boolean pushAccess = true;
    private long nextId = 1000;
    private Instant lastTime = Instant.EPOCH;

    public FakeGitHub(String token, String repository) {
        this(0, token, repository);
    }

    public FakeGitHub(int port, String token, String repository) {
        super(port);
        this.token = token;
        this.repository = repository;
    }

    /** The URL to give GITHUB_API_URL. */
    public String apiUrl() {
        return endpoint().toString();
    }

    // ------------------------------------------------------------------ what tests read

    public synchronized List<Issue> issues() {
        return List.copyOf(issues);
    }

    public synchronized Issue issue(int number) {
        return issues.stream().filter(i -> i.number == number).findFirst().orElse(null);
    }

    public synchronized Map<String, Label> labels() {
        return Map.copyOf(labels);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Requests that created content (issues, comments, labels), i.e. the ones GitHub's secondary limits count. */
    public synchronized long creations() {
        return calls.stream().filter(c -> c.method().equals("POST") && (c.status() == 201)).count();
    }

    // ------------------------------------------------------------------ fault injection and set-up

    /**
     * The next {@code count} requests with this method whose path matches the regex answer {@code status} with the
     * given headers. With {@code afterWork} the request is carried out first (a create that happened although the
     * client saw an error).
     */
    public synchronized void failNext(int count, String method, String pathRegex, int status, Map<String, String> headers,
                                      boolean afterWork) {
        Pattern path = Pattern.compile(pathRegex);
        String body = status == 403 || status == 429
                ? "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                        + "If you reach out to GitHub Support for help, please include the request ID.\",\"documentation_url\":\""
                        + DOCS + "/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\",\"status\":\"" + status + "\"}"
                : status >= 500 ? "{\"message\":\"Server Error\"}" : "{\"message\":\"Injected failure\"}";
        faults.add(new Fault(new int[] {count}, status, Map.copyOf(headers), body, afterWork,
                r -> (method == null || method.equals(r.method())) && path.matcher(r.path()).matches()));
    }

    /** A secondary rate limit on the next {@code count} requests of this method (403 with retry-after). */
    public void rateLimitNext(int count, String method, int status, int retryAfterSeconds) {
        failNext(count, method, ".*", status, Map.of("retry-after", String.valueOf(retryAfterSeconds)), false);
    }

    /** Someone deletes the issue: from now on GitHub answers 410 Gone for it. */
    public synchronized void deleteIssue(int number) {
        issue(number).vanished = Vanished.DELETED;
    }

    /**
     * Someone transfers the issue to another repository: 301 Moved Permanently pointing at its new place, or 404
     * when the token cannot read that repository ({@code readable} false).
     */
    public synchronized void transferIssue(int number, boolean readable) {
        issue(number).vanished = readable ? Vanished.TRANSFERRED : Vanished.TRANSFERRED_OUT_OF_SIGHT;
    }

    /** Runs {@code action} once, just before the next request with this method whose path matches the regex is served. */
    public synchronized void beforeNext(String method, String pathRegex, Runnable action) {
        hooks.add(new Hook(method, Pattern.compile(pathRegex), action));
    }

    /** The issues still in the repository (not deleted or transferred). */
    public synchronized List<Issue> liveIssues() {
        return issues.stream().filter(i -> i.vanished == null).toList();
    }

    public synchronized void setHasIssues(boolean hasIssues) {
        this.hasIssues = hasIssues;
    }

    /**
     * Without push access, GitHub silently drops the labels (and assignees, milestone) of a new issue: the issue is
     * created without them and the answer is still 201.
     */
    public synchronized void setPushAccess(boolean pushAccess) {
        this.pushAccess = pushAccess;
    }

    /** An issue put straight into the fake (set-up for tests: other issues in a busy repository). */
    public synchronized Issue addIssue(String title, String body) {
        Issue issue = new Issue(issues.size() + 1, now());
        issue.title = title;
        issue.body = body;
        issues.add(issue);
        return issue;
    }

    /** Forgets issues, labels, calls and faults (the demo and the bench reset between runs). */
    public synchronized void reset() {
        issues.clear();
        labels.clear();
        calls.clear();
        faults.clear();
        hooks.clear();
        clearRequests();
    }

    // ------------------------------------------------------------------ the API

    @Override
    protected synchronized Response answer(Request request) {
        Response response = route(request);
        if (!request.path().startsWith("/_fake/")) {
            calls.add(new Call(request.method(), request.path(), request.query(), response.status()));
        }
        return response;
    }

    private Response route(Request request) {
        String path = request.path();
        if (path.equals("/_fake/state") && request.method().equals("GET")) {
            return Response.json(200, state());
        }
        if (path.equals("/_fake/reset") && request.method().equals("POST")) {
            reset();
            return Response.json(200, "{\"reset\":true}");
        }
        if (!authorized(request.headers().get("authorization"))) {
            return error(401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"" + DOCS + "\",\"status\":\"401\"}");
        }
        Hook hook = hooks.stream().filter(h -> h.method().equals(request.method()) && h.path().matcher(request.path()).matches())
                .findFirst().orElse(null);
        if (hook != null) {
            hooks.remove(hook);
            hook.action().run();
        }
        Fault fault = faults.stream().filter(f -> f.remaining()[0] > 0 && f.matches().test(request)).findFirst().orElse(null);
        if (fault != null) {
            fault.remaining()[0]--;
            if (fault.afterWork()) {
                serve(request);
            }
            Map<String, String> headers = new LinkedHashMap<>(fault.headers());
            headers.put("Content-Type", "application/json; charset=utf-8");
            headers.putAll(limitHeaders());
            return new Response(fault.status(), headers, fault.body());
        }
        return serve(request);
    }

    private Response serve(Request request) {
        String method = request.method();
        String path = request.path();
        if (path.equals("/rate_limit") && method.equals("GET")) {
            return ok(200, "{\"resources\":{\"core\":{\"limit\":5000,\"remaining\":4999,\"reset\":" + resetEpoch() + ",\"used\":1}}}");
        }
        Matcher moved = Pattern.compile("/repositories/" + ELSEWHERE_ID + "/issues/(\\d+)").matcher(path);
        if (moved.matches() && method.equals("GET")) {
            int number = Integer.parseInt(moved.group(1)) - TRANSFERRED_OFFSET;
            Issue issue = issue(number);
            return issue == null || issue.vanished != Vanished.TRANSFERRED ? notFound() : ok(200, transferredJson(request, issue).toString());
        }
        String prefix = "/repos/" + repository;
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            return error(404, "{\"message\":\"Not Found\",\"documentation_url\":\"" + DOCS + "\",\"status\":\"404\"}");
        }
        String rest = path.substring(prefix.length());
        Map<String, String> query = query(request.query());
        JsonNode body;
        try {
            body = request.body() == null || request.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            return error(400, "{\"message\":\"Problems parsing JSON\",\"documentation_url\":\"" + DOCS + "\",\"status\":\"400\"}");
        }
        Matcher m;
        if (rest.isEmpty() && method.equals("GET")) {
            return ok(200, repositoryJson(request));
        }
        if (rest.equals("/issues") && method.equals("GET")) {
            return listIssues(request, query);
        }
        if (rest.equals("/issues") && method.equals("POST")) {
            return createIssue(request, body);
        }
        if ((m = Pattern.compile("/issues/(\\d+)(/.*)?").matcher(rest)).matches()) {
            Issue issue = issue(Integer.parseInt(m.group(1)));
            if (issue != null && issue.vanished != null) {
                return vanished(request, issue, m.group(2) == null ? "" : m.group(2));
            }
        }
        if ((m = Pattern.compile("/issues/(\\d+)").matcher(rest)).matches()) {
            Issue issue = issue(Integer.parseInt(m.group(1)));
            if (issue == null) {
                return notFound();
            }
            if (method.equals("GET")) {
                return ok(200, issueJson(request, issue).toString());
            }
            if (method.equals("PATCH")) {
                return updateIssue(request, issue, body);
            }
        }
        if ((m = Pattern.compile("/issues/(\\d+)/comments").matcher(rest)).matches()) {
            Issue issue = issue(Integer.parseInt(m.group(1)));
            if (issue == null) {
                return notFound();
            }
            if (method.equals("POST")) {
                return createComment(request, issue, body);
            }
            if (method.equals("GET")) {
                Instant since = query.containsKey("since") ? Instant.parse(query.get("since")) : Instant.EPOCH;
                List<JsonNode> all = new ArrayList<>();
                issue.comments.stream().filter(c -> !c.createdAt().isBefore(since)).forEach(c -> all.add(commentJson(request, issue, c)));
                return page(request, query, all);
            }
        }
        if ((m = Pattern.compile("/issues/comments/(\\d+)").matcher(rest)).matches() && method.equals("PATCH")) {
            return updateComment(request, Long.parseLong(m.group(1)), body);
        }
        if ((m = Pattern.compile("/labels/(.+)").matcher(rest)).matches() && method.equals("GET")) {
            Label label = labels.get(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
            return label == null ? notFound() : ok(200, labelJson(request, label).toString());
        }
        if (rest.equals("/labels") && method.equals("POST")) {
            return createLabel(request, body);
        }
        return notFound();
    }

    /** GitHub's answers for an issue that left the repository, whatever the method. */
    private Response vanished(Request request, Issue issue, String tail) {
        return switch (issue.vanished) {
            case DELETED -> error(410, "{\"message\":\"This issue was deleted\",\"documentation_url\":\"" + DOCS
                    + "/issues/issues#get-an-issue\",\"status\":\"410\"}");
            case TRANSFERRED_OUT_OF_SIGHT -> notFound();
            case TRANSFERRED -> {
                String moved = base(request) + "/repositories/" + ELSEWHERE_ID + "/issues/" + (TRANSFERRED_OFFSET + issue.number) + tail;
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json; charset=utf-8");
                headers.put("Location", moved);
                headers.putAll(limitHeaders());
                yield new Response(301, headers, "{\"message\":\"Moved Permanently\",\"url\":\"" + moved
                        + "\",\"documentation_url\":\"" + DOCS + "/guides/best-practices-for-using-the-rest-api#follow-redirects\"}");
            }
        };
    }

    private Response createIssue(Request request, JsonNode body) {
        if (!hasIssues) {
            return error(410, "{\"message\":\"Issues are disabled for this repo\",\"documentation_url\":\"" + DOCS + "\",\"status\":\"410\"}");
        }
        String title = text(body, "title");
        if (title == null || title.isBlank()) {
            return invalid("Issue", "title", "missing_field", null);
        }
        if (title.length() > TITLE_LIMIT) {
            return invalid("Issue", "title", "custom", "title is too long (maximum is " + TITLE_LIMIT + " characters)");
        }
        String text = text(body, "body");
        if (text != null && text.length() > BODY_LIMIT) {
            return invalid("Issue", "body", "custom", "body is too long (maximum is " + BODY_LIMIT + " characters)");
        }
        List<String> names = new ArrayList<>();
        if (body.has("labels") && body.get("labels").isArray()) {
            for (JsonNode label : body.get("labels")) {
                String name = label.isTextual() ? label.asText() : text(label, "name");
                if (name != null && name.length() > LABEL_LIMIT) {
                    return invalid("Label", "name", "custom", "name is too long (maximum is " + LABEL_LIMIT + " characters)");
                }
                if (name != null && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        Issue issue = new Issue(issues.size() + 1, now());
        issue.title = title;
        issue.body = text;
        for (String name : pushAccess ? names : List.<String>of()) {
            labels.computeIfAbsent(name, n -> new Label(n, "ededed", null, true));
            issue.labels.add(labels.get(name).name());
        }
        issues.add(issue);
        return ok(201, issueJson(request, issue).toString());
    }

    private Response updateIssue(Request request, Issue issue, JsonNode body) {
        String title = text(body, "title");
        if (body.has("title") && (title == null || title.isBlank())) {
            return invalid("Issue", "title", "missing_field", null);
        }
        if (title != null && title.length() > TITLE_LIMIT) {
            return invalid("Issue", "title", "custom", "title is too long (maximum is " + TITLE_LIMIT + " characters)");
        }
        String text = text(body, "body");
        if (text != null && text.length() > BODY_LIMIT) {
            return invalid("Issue", "body", "custom", "body is too long (maximum is " + BODY_LIMIT + " characters)");
        }
        String state = text(body, "state");
        if (state != null && !state.equals("open") && !state.equals("closed")) {
            return invalid("Issue", "state", "invalid", null);
        }
        String reason = text(body, "state_reason");
        if (reason != null && !List.of("completed", "not_planned", "reopened", "duplicate").contains(reason)) {
            return invalid("Issue", "state_reason", "invalid", null);
        }
        if (title != null) {
            issue.title = title;
        }
        if (body.has("body")) {
            issue.body = text;
        }
        if (state != null) {
            if (state.equals("closed") && !issue.state.equals("closed")) {
                issue.closedAt = now();
                issue.stateReason = reason == null ? "completed" : reason;
            } else if (state.equals("open") && !issue.state.equals("open")) {
                issue.closedAt = null;
                issue.stateReason = "reopened";
            }
            issue.state = state;
        }
        issue.updatedAt = now();
        return ok(200, issueJson(request, issue).toString());
    }

    private Response createComment(Request request, Issue issue, JsonNode body) {
        String text = text(body, "body");
        Response refused = refuseCommentBody(text);
        if (refused != null) {
            return refused;
        }
        Comment comment = new Comment(nextId++, text, now());
        issue.comments.add(comment);
        issue.updatedAt = comment.createdAt();
        return ok(201, commentJson(request, issue, comment).toString());
    }

    private Response refuseCommentBody(String text) {
        if (text == null || text.isBlank()) {
            return invalid("IssueComment", "body", "missing_field", null);
        }
        if (text.length() > BODY_LIMIT) {
            return invalid("IssueComment", "body", "custom", "body is too long (maximum is " + BODY_LIMIT + " characters)");
        }
        return null;
    }

    /** {@code PATCH /issues/comments/{id}}: same body rules as a new comment; the comment keeps its id and place. */
    private Response updateComment(Request request, long id, JsonNode body) {
        String text = text(body, "body");
        Response refused = refuseCommentBody(text);
        if (refused != null) {
            return refused;
        }
        for (Issue issue : issues) {
            for (int i = 0; i < issue.comments.size(); i++) {
                Comment old = issue.comments.get(i);
                if (old.id() == id) {
                    Comment edited = new Comment(id, text, old.createdAt());
                    issue.comments.set(i, edited);
                    return ok(200, commentJson(request, issue, edited).toString());
                }
            }
        }
        return notFound();
    }

    private Response createLabel(Request request, JsonNode body) {
        String name = text(body, "name");
        if (name == null || name.isBlank()) {
            return invalid("Label", "name", "missing_field", null);
        }
        if (name.length() > LABEL_LIMIT) {
            return invalid("Label", "name", "custom", "name is too long (maximum is " + LABEL_LIMIT + " characters)");
        }
        String color = text(body, "color");
        if (color != null && !COLOR.matcher(color).matches()) {
            return invalid("Label", "color", "invalid", null);
        }
        String description = text(body, "description");
        if (description != null && description.length() > 100) {
            return invalid("Label", "description", "custom", "description is too long (maximum is 100 characters)");
        }
        if (labels.containsKey(name)) {
            return invalid("Label", "name", "already_exists", null);
        }
        Label label = new Label(name, color == null ? "ededed" : color.toLowerCase(Locale.ROOT), description, false);
        labels.put(name, label);
        return ok(201, labelJson(request, label).toString());
    }

    private Response listIssues(Request request, Map<String, String> query) {
        String state = query.getOrDefault("state", "open");
        List<String> wanted = query.containsKey("labels") && !query.get("labels").isBlank()
                ? Arrays.stream(query.get("labels").split(",")).map(String::trim).toList() : List.of();
        Instant since = query.containsKey("since") ? Instant.parse(query.get("since")) : Instant.EPOCH;
        Comparator<Issue> order = "updated".equals(query.get("sort"))
                ? Comparator.comparing((Issue i) -> i.updatedAt).thenComparing(i -> i.number)
                : Comparator.comparing((Issue i) -> i.createdAt).thenComparing(i -> i.number);
        if (!"asc".equals(query.get("direction"))) {
            order = order.reversed();
        }
        List<JsonNode> all = new ArrayList<>();
        issues.stream()
                .filter(i -> i.vanished == null)
                .filter(i -> state.equals("all") || i.state.equals(state))
                .filter(i -> wanted.stream().allMatch(w -> i.labels.stream().anyMatch(l -> l.equalsIgnoreCase(w))))
                .filter(i -> !i.updatedAt.isBefore(since))
                .sorted(order)
                .forEach(i -> all.add(issueJson(request, i)));
        return page(request, query, all);
    }

    /** One page of a list, with GitHub's Link header. */
    private Response page(Request request, Map<String, String> query, List<JsonNode> all) {
        int perPage = Math.max(1, Math.min(100, intOr(query.get("per_page"), 30)));
        int pageNumber = Math.max(1, intOr(query.get("page"), 1));
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        ArrayNode page = JSON.createArrayNode();
        all.stream().skip((long) (pageNumber - 1) * perPage).limit(perPage).forEach(page::add);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.putAll(limitHeaders());
        List<String> links = new ArrayList<>();
        if (pageNumber < last) {
            links.add("<" + pageUrl(request, query, pageNumber + 1) + ">; rel=\"next\"");
            links.add("<" + pageUrl(request, query, last) + ">; rel=\"last\"");
        }
        if (pageNumber > 1) {
            links.add("<" + pageUrl(request, query, pageNumber - 1) + ">; rel=\"prev\"");
            links.add("<" + pageUrl(request, query, 1) + ">; rel=\"first\"");
        }
        if (!links.isEmpty()) {
            headers.put("Link", String.join(", ", links));
        }
        return new Response(200, headers, page.toString());
    }

    private String pageUrl(Request request, Map<String, String> query, int page) {
        Map<String, String> next = new LinkedHashMap<>(query);
        next.put("page", String.valueOf(page));
        StringBuilder url = new StringBuilder(base(request)).append(request.path()).append('?');
        next.forEach((k, v) -> url.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        return url.toString();
    }

    // ------------------------------------------------------------------ JSON shapes

    private String repositoryJson(Request request) {
        String[] parts = repository.split("/", 2);
        ObjectNode repo = JSON.createObjectNode();
        repo.put("id", 4242).put("node_id", "R_fake").put("name", parts[1]).put("full_name", repository)
                .put("private", true).put("has_issues", hasIssues).put("html_url", "https://github.com/" + repository)
                .put("url", base(request) + "/repos/" + repository).put("default_branch", "main");
        repo.putObject("owner").put("login", parts[0]).put("id", 1).put("type", "Organization");
        repo.putObject("permissions").put("admin", false).put("push", pushAccess).put("pull", true);
        return repo.toString();
    }

    private ObjectNode issueJson(Request request, Issue issue) {
        String url = base(request) + "/repos/" + repository + "/issues/" + issue.number;
        ObjectNode json = JSON.createObjectNode();
        json.put("id", 10_000 + issue.number).put("node_id", "I_fake" + issue.number).put("number", issue.number)
                .put("title", issue.title).put("body", issue.body).put("state", issue.state).put("state_reason", issue.stateReason)
                .put("locked", false).put("comments", issue.comments.size()).put("url", url)
                .put("html_url", "https://github.com/" + repository + "/issues/" + issue.number)
                .put("comments_url", url + "/comments").put("repository_url", base(request) + "/repos/" + repository)
                .put("created_at", issue.createdAt.toString()).put("updated_at", issue.updatedAt.toString())
                .put("closed_at", issue.closedAt == null ? null : issue.closedAt.toString());
        json.putObject("user").put("login", "siteops-bot").put("id", 7).put("type", "Bot");
        json.putArray("assignees");
        ArrayNode list = json.putArray("labels");
        issue.labels.forEach(name -> list.add(labelJson(request, labels.get(name))));
        return json;
    }

    /** A transferred issue as its new repository shows it. */
    private ObjectNode transferredJson(Request request, Issue issue) {
        int number = TRANSFERRED_OFFSET + issue.number;
        String url = base(request) + "/repos/" + ELSEWHERE + "/issues/" + number;
        return issueJson(request, issue).put("number", number).put("id", 20_000 + number).put("url", url)
                .put("html_url", "https://github.com/" + ELSEWHERE + "/issues/" + number).put("comments_url", url + "/comments")
                .put("repository_url", base(request) + "/repos/" + ELSEWHERE);
    }

    private JsonNode commentJson(Request request, Issue issue, Comment comment) {
        String issueUrl = base(request) + "/repos/" + repository + "/issues/" + issue.number;
        ObjectNode json = JSON.createObjectNode();
        json.put("id", comment.id()).put("node_id", "IC_fake" + comment.id()).put("body", comment.body())
                .put("url", base(request) + "/repos/" + repository + "/issues/comments/" + comment.id())
                .put("html_url", "https://github.com/" + repository + "/issues/" + issue.number + "#issuecomment-" + comment.id())
                .put("issue_url", issueUrl).put("created_at", comment.createdAt().toString())
                .put("updated_at", comment.createdAt().toString());
        json.putObject("user").put("login", "siteops-bot").put("id", 7).put("type", "Bot");
        return json;
    }

    private ObjectNode labelJson(Request request, Label label) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", Math.abs(label.name().hashCode())).put("name", label.name()).put("color", label.color())
                .put("description", label.description()).put("default", false)
                .put("url", base(request) + "/repos/" + repository + "/labels/" + URLEncoder.encode(label.name(), StandardCharsets.UTF_8));
        return json;
    }

    /** The fake's state for people and demos: never a header, so never a token. */
    public synchronized String state() {
        ObjectNode root = JSON.createObjectNode();
        root.put("repository", repository);
        ArrayNode list = root.putArray("issues");
        for (Issue issue : issues) {
            ObjectNode json = list.addObject();
            json.put("number", issue.number).put("title", issue.title).put("state", issue.state)
                    .put("vanished", issue.vanished == null ? null : issue.vanished.name().toLowerCase(Locale.ROOT))
                    .put("stateReason", issue.stateReason).put("bodyLength", issue.body == null ? 0 : issue.body.length());
            json.putPOJO("labels", issue.labels);
            ArrayNode comments = json.putArray("comments");
            issue.comments.forEach(c -> comments.addObject().put("id", c.id())
                    .put("firstLine", c.body().lines().filter(l -> !l.startsWith("<!--")).findFirst().orElse("")));
            json.put("body", issue.body);
        }
        ArrayNode labelList = root.putArray("labels");
        labels.values().forEach(l -> labelList.addObject().put("name", l.name()).put("color", l.color()).put("autoCreated", l.autoCreated()));
        ArrayNode callList = root.putArray("calls");
        calls.forEach(c -> callList.add(c.method() + " " + c.path() + (c.query() == null ? "" : "?" + c.query()) + " -> " + c.status()));
        return root.toPrettyString();
    }

    // ------------------------------------------------------------------ small parts

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        String value = header.trim();
        return value.equals("Bearer " + token) || value.equals("token " + token);
    }

    /** Second-resolution times like GitHub's, never going backwards. */
    private Instant now() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        lastTime = now.isAfter(lastTime) ? now : lastTime;
        return lastTime;
    }

    private Response ok(int status, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.putAll(limitHeaders());
        return new Response(status, headers, body);
    }

    private Response error(int status, String body) {
        return ok(status, body);
    }

    private Response notFound() {
        return error(404, "{\"message\":\"Not Found\",\"documentation_url\":\"" + DOCS + "\",\"status\":\"404\"}");
    }

    private Response invalid(String resource, String field, String code, String message) {
        ObjectNode json = JSON.createObjectNode();
        json.put("message", "Validation Failed");
        ObjectNode error = json.putArray("errors").addObject();
        error.put("resource", resource).put("code", code).put("field", field);
        if (message != null) {
            error.put("message", message);
        }
        json.put("documentation_url", DOCS).put("status", "422");
        return error(422, json.toString());
    }

    private Map<String, String> limitHeaders() {
        int used = calls.size() + 1;
        return Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", String.valueOf(Math.max(0, 5000 - used)),
                "x-ratelimit-used", String.valueOf(used), "x-ratelimit-reset", String.valueOf(resetEpoch()),
                "x-ratelimit-resource", "core");
    }

    private static long resetEpoch() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    private static String base(Request request) {
        String host = request.headers().get("host");
        return "http://" + (host == null ? "127.0.0.1" : host);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                result.put(key, value);
            }
        }
        return result;
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * Runs the fake until killed: {@code FakeGitHub [port] [token] [owner/repo]} (port 0 or none = a free one;
     * defaults: token {@code fake-github-token}, repository {@code example-org/site-ops}). Prints the API URL on stdout
     * and one line per request on stderr (method, path, status: never a header).
     */
    public static void main(String[] args) {
        String token = args.length > 1 ? args[1] : "fake-github-token";
        String repository = args.length > 2 ? args[2] : "example-org/site-ops";
        FakeGitHub fake = new FakeGitHub(portArgument(args), token, repository);
        fake.logRequestsTo("fake-github: ");
        String url = fake.apiUrl();
        System.out.println(url);
        System.out.flush();
        System.err.println("fake-github: listening on " + url + " for repository " + repository + "; state: GET " + url + "/_fake/state");
    }
}
