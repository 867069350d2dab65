package siteops.health.github;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueBuilder;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueQueryBuilder;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHIssueStateReason;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.authorization.AuthorizationProvider;
import siteops.common.DeferredTrust;
import siteops.common.Log;
import siteops.common.Retrier;
import siteops.health.GitHubCallException;
import siteops.health.IssueGoneException;
import siteops.health.Messages;
import siteops.health.rules.IssuePlan;

/**
 * The GitHub side, through github-api on the JDK HttpClient. Rate limits fail fast (the library's FAIL handlers,
 * not its default of sleeping until the limit resets): a wait GitHub asks for is honoured here only when it is
 * short, otherwise the call fails with a {@link GitHubCallException} and Lambda retries later. Reads and PATCHes
 * are retried on 5xx; creating an issue or a comment never is (a 502 does not prove nothing was created: the
 * service's markers take care of that on the next delivery).
 */
public final class GitHubIssues implements IssueTracker {
    /** An issue read from GitHub, to comment on and update. */
    public static final class Issue {
        private final GHIssue issue;

        private final int number;

        private Issue(GHIssue issue) {
            this.issue = issue;
            this.number = issue.getNumber();
        }

        /** An issue a dry run would have created: it has no number on GitHub ({@link DryRunIssueTracker#NOT_CREATED}). */
        private Issue(int number) {
            this.issue = null;
            this.number = number;
        }

        static Issue notCreated() {
            return new Issue(DryRunIssueTracker.NOT_CREATED);
        }

        public int number() {
            return number;
        }

        /** Title, body and state as GitHub shows them now (null for an issue a dry run would have created). */
        String title() {
            return issue == null ? null : issue.getTitle();
        }

        String body() {
            return issue == null ? null : issue.getBody();
        }

        boolean closed() {
            return issue != null && issue.getState() == GHIssueState.CLOSED;
        }
    }

    /** Issues scanned when looking for a marker: the lookup only runs after a failure, over recent issues. */
    private static final int LOOKUP_LIMIT = 300;

    private final GitHub github;
    private final String repository;
    private final String tokenSecretId;
    private final Runnable forgetToken;
    private final Retrier retrier;
    private final Duration longestWait;
    private final Clock clock;
    private final Set<String> knownLabels = ConcurrentHashMap.newKeySet();
    private volatile GHRepository repo;

    /**
     * @param authorization gives the Authorization header value ({@code Bearer <token>}) for each request
     * @param forgetToken called after GitHub answered 401, so the next invocation reads the secret again
     * @param longestWait the longest rate-limit wait honoured in this invocation; longer ones fail the call
     */
    public GitHubIssues(URI apiUrl, String repository, String tokenSecretId, AuthorizationProvider authorization,
                        Runnable forgetToken, Duration timeout, Retrier retrier, Duration longestWait, Clock clock) {
        this.repository = repository;
        this.tokenSecretId = tokenSecretId;
        this.forgetToken = forgetToken;
        this.retrier = retrier;
        this.longestWait = longestWait;
        this.clock = clock;
        // HTTP/1.1 as for PagerDuty: the calls are sequential, and HTTP/2's machinery (ALPN, HPACK, frames) is
        // cold-start work that buys nothing here.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).sslContext(DeferredTrust.sslContext())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            this.github = new GitHubBuilder()
                    .withEndpoint(apiUrl.toString())
                    .withAuthorizationProvider(authorization)
                    .withConnector(new JdkHttpConnector(http, timeout))
                    .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                    .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(Messages.clientNotBuilt(e.getMessage()), e);
        }
    }

    /** Creates the issue (its labels first, if missing). Not retried: see the class comment. */
    @Override
    public int create(String title, String body, List<IssueText.Label> labels) {
        GHRepository repo = repository();
        ensureLabels(repo, labels);
        return call(Operation.CREATE_ISSUE, null, () -> {
            GHIssueBuilder builder = repo.createIssue(title).body(body);
            labels.forEach(label -> builder.label(label.name()));
            return builder.create().getNumber();
        });
    }

    /**
     * The issue, read from the repository. github-api follows GitHub's 301 for an issue transferred to a repository
     * the token can read and returns it from there; such an issue is no longer this repository's, so it counts as
     * gone, like a deleted (410) or invisible (404) one.
     */
    @Override
    public Issue issue(int number) {
        GHRepository repo = repository();
        GHIssue found = call(Operation.READ_ISSUE, number, () -> repo.getIssue(number));
        String url = found.getUrl() == null ? "" : found.getUrl().toString();
        String here = "/repos/" + repo.getFullName() + "/issues/" + number;
        if (found.getNumber() != number || !url.toLowerCase(Locale.ROOT).endsWith(here.toLowerCase(Locale.ROOT))) {
            throw gone(Operation.READ_ISSUE, number, 301, null);
        }
        return new Issue(found);
    }

    /**
     * The issue whose body holds the marker, among issues created since the given time, newest first. Used only when
     * a delivery failed between creating an issue and recording its number. Not filtered on a label: GitHub silently
     * drops the labels of a new issue when the token's user lacks push access. The list endpoint reads GitHub's
     * database (search would read an index that lags); {@code since} there means updated since, a superset.
     */
    @Override
    public Optional<Integer> findByMarker(String marker, Instant since) {
        GHRepository repo = repository();
        return call(Operation.FIND_EARLIER_ISSUE, null, () -> {
            int seen = 0;
            for (GHIssue issue : repo.queryIssues().state(GHIssueState.ALL).since(Date.from(since))
                    .sort(GHIssueQueryBuilder.Sort.CREATED).direction(GHDirection.DESC).pageSize(100).list()) {
                if (issue.getCreatedAt().toInstant().isBefore(since)) {
                    break; // newest first: every issue from here on is older than the attempt
                }
                if (!issue.isPullRequest() && issue.getBody() != null && issue.getBody().contains(marker)) {
                    return Optional.of(issue.getNumber());
                }
                if (++seen >= LOOKUP_LIMIT) {
                    break;
                }
            }
            return Optional.<Integer>empty();
        });
    }

    /** Whether a comment holding the marker was posted since the given time (by an earlier, failed attempt). */
    @Override
    public boolean hasComment(Issue issue, String marker, Instant since) {
        return call(Operation.FIND_EARLIER_COMMENT, issue.number(), () -> {
            int seen = 0;
            for (GHIssueComment comment : issue.issue.queryComments().since(Date.from(since)).list().withPageSize(100)) {
                if (comment.getBody() != null && comment.getBody().contains(marker)) {
                    return true;
                }
                if (++seen >= LOOKUP_LIMIT) {
                    break;
                }
            }
            return false;
        });
    }

    @Override
    public void comment(Issue issue, String body) {
        call(Operation.COMMENT, issue.number(), () -> issue.issue.comment(body));
    }

    /** Brings title, body and open/closed state to what is given; sends only what differs (PATCH, idempotent). */
    @Override
    public void refresh(Issue issue, String title, String body, IssuePlan.Transition transition) {
        GHIssue gh = issue.issue;
        if (!title.equals(gh.getTitle())) {
            call(Operation.UPDATE_TITLE, issue.number(), () -> { gh.setTitle(title); return null; });
        }
        if (!body.equals(gh.getBody())) {
            call(Operation.UPDATE_BODY, issue.number(), () -> { gh.setBody(body); return null; });
        }
        if (transition == IssuePlan.Transition.CLOSE && gh.getState() != GHIssueState.CLOSED) {
            call(Operation.CLOSE, issue.number(), () -> { gh.close(GHIssueStateReason.COMPLETED); return null; });
        } else if (transition == IssuePlan.Transition.REOPEN && gh.getState() != GHIssueState.OPEN) {
            call(Operation.REOPEN, issue.number(), () -> { gh.reopen(); return null; });
        }
    }

    /** The repository, read once per container; also checks that the token sees it and that it has issues. */
    private GHRepository repository() {
        GHRepository current = repo;
        if (current == null) {
            current = call(Operation.READ_REPOSITORY, repository, () -> github.getRepository(repository));
            if (!current.hasIssues()) {
                throw new GitHubCallException(Messages.issuesTurnedOff(repository), 410, null, null);
            }
            repo = current;
        }
        return current;
    }

    /** Labels the issue will carry, created when missing (GitHub's on-the-fly creation is not documented). */
    private void ensureLabels(GHRepository repo, List<IssueText.Label> labels) {
        for (IssueText.Label label : labels) {
            if (knownLabels.contains(label.name())) {
                continue;
            }
            boolean exists = call(Operation.READ_LABEL, label.name(), () -> {
                try {
                    repo.getLabel(label.name());
                    return true;
                } catch (GHFileNotFoundException missing) {
                    return false;
                }
            });
            if (!exists) {
                call(Operation.CREATE_LABEL, label.name(), () -> {
                    try {
                        repo.createLabel(label.name(), label.color(), label.description());
                    } catch (HttpException e) {
                        // 422 already_exists: another delivery created it a moment ago
                        if (e.getResponseCode() != 422 || !String.valueOf(e.getMessage()).contains("already_exists")) {
                            throw e;
                        }
                    }
                    return null;
                });
            }
            knownLabels.add(label.name());
        }
    }

    /**
     * What a call does: whether it may be repeated safely and whether it concerns one existing issue (whose 301, 404
     * or 410 means the issue is gone). A failure message names it through {@code Messages#doing}.
     */
    public enum Operation {
        CREATE_ISSUE(false, false),
        READ_ISSUE(true, true),
        FIND_EARLIER_ISSUE(true, false),
        FIND_EARLIER_COMMENT(true, true),
        COMMENT(false, true),
        UPDATE_TITLE(true, true),
        UPDATE_BODY(true, true),
        CLOSE(true, true),
        REOPEN(true, true),
        READ_REPOSITORY(true, false),
        READ_LABEL(true, false),
        CREATE_LABEL(false, false);

        final boolean idempotent;
        final boolean onOneIssue;

        Operation(boolean idempotent, boolean onOneIssue) {
            this.idempotent = idempotent;
            this.onOneIssue = onOneIssue;
        }
    }

    private <T> T call(Operation operation, Object subject, Retrier.Attempt<T> attempt) {
        try {
            return retrier.call(attempt, failure -> retryAfter(failure, operation.idempotent));
        } catch (Retrier.GaveUpException e) {
            throw failure(operation, subject, e.failure(), e.attempts());
        } catch (GitHubCallException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(operation, subject, e, 1);
        }
    }

    /** Which failures are worth another attempt within this invocation, and after how long. */
    private Optional<Duration> retryAfter(Exception failure, boolean idempotent) {
        if (failure instanceof HttpException http) {
            Duration wait = limitWait(http);
            if (wait != null) {
                return wait.compareTo(longestWait) <= 0 ? Optional.of(wait) : Optional.empty();
            }
            return idempotent && http.getResponseCode() >= 500 ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        return idempotent && failure instanceof IOException && !(failure instanceof GHFileNotFoundException)
                ? Optional.of(Duration.ZERO) : Optional.empty();
    }

    /** The wait a rate-limit answer asks for; null when the answer is not a rate limit. */
    private Duration limitWait(HttpException http) {
        int code = http.getResponseCode();
        if (code != 403 && code != 429) {
            return null;
        }
        String retryAfter = header(http, "retry-after");
        String remaining = header(http, "x-ratelimit-remaining");
        String reset = header(http, "x-ratelimit-reset");
        if (retryAfter != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
            } catch (NumberFormatException e) {
                return Duration.ofMinutes(1);
            }
        }
        if ("0".equals(remaining) && reset != null) {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(reset.trim()) - clock.instant().getEpochSecond()));
            } catch (NumberFormatException e) {
                return Duration.ofMinutes(1);
            }
        }
        // A secondary limit: 429, a 403 whose message says so, or a 403 with GitHub's gh-limited-by header (github-api
        // then reports only "Abuse limit reached").
        boolean secondary = code == 429 || header(http, "gh-limited-by") != null
                || String.valueOf(http.getMessage()).toLowerCase(Locale.ROOT).contains("rate limit");
        // GitHub: with no header, wait at least a minute.
        return secondary ? Duration.ofMinutes(1) : null;
    }

    private GitHubCallException failure(Operation operation, Object subject, Exception e, int attempts) {
        String what = Messages.doing(operation, subject);
        int status = e instanceof GHFileNotFoundException ? 404 : e instanceof HttpException http ? http.getResponseCode() : -1;
        if (operation.onOneIssue && (status == 301 || status == 404 || status == 410)) {
            return gone(operation, (Integer) subject, status, e);
        }
        if (e instanceof HttpException http) {
            int code = http.getResponseCode();
            Duration wait = limitWait(http);
            if (code == 401) {
                forgetToken.run();
                return new GitHubCallException(Messages.badCredentials(what, tokenSecretId, repository), code, null, e);
            }
            if (wait != null) {
                return new GitHubCallException(Messages.rateLimited(what, code, wait, attempts), code, wait, e);
            }
            if (code == 404 && operation == Operation.READ_REPOSITORY) {
                return new GitHubCallException(Messages.repositoryNotFound(repository, tokenSecretId), code, null, e);
            }
            return new GitHubCallException(Messages.answered(code, what, attempts, brief(http.getMessage())), code, null, e);
        }
        Log.debug("github call failed", "what", what, "errorType", e.getClass().getName());
        return new GitHubCallException(Messages.unreachable(what, attempts, e.getClass().getSimpleName(),
                e.getMessage() == null ? null : brief(e.getMessage())), -1, null, e);
    }

    private IssueGoneException gone(Operation operation, int number, int status, Exception cause) {
        return new IssueGoneException(Messages.issueGone(number, repository, status, Messages.doing(operation, number)), number, status, cause);
    }

    private static String header(HttpException http, String name) {
        Map<String, List<String>> headers = http.getResponseHeaderFields();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    private static String brief(String text) {
        String flat = String.valueOf(text).replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
