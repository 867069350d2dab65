package siteops.health;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import siteops.common.ConfigurationException;
import siteops.common.DryRun;
import siteops.common.Environment;
import siteops.health.rules.EventFilter;

/** The function's settings, read once at init; every error names its variable. */
public record HealthConfig(
        URI githubApiUrl,
        String repository,
        String tokenSecretId,
        String issuesTable,
        EventFilter filter,
        Duration claimLease,
        Duration claimWait,
        Duration githubTimeout,
        Duration longestRateLimitWait,
        boolean dryRun) {

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    public static HealthConfig from(Environment env) {
        String repository = env.required("GITHUB_REPOSITORY", "set it to the repository that receives the issues, as owner/name");
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new ConfigurationException(Messages.notARepository(repository));
        }
        // The function's Timeout in template.yaml: Lambda does not expose it to init, so the template passes it too.
        Duration timeout = env.seconds("FUNCTION_TIMEOUT_SECONDS", Duration.ofSeconds(60), 1, 900);
        Duration lease = env.seconds("CLAIM_LEASE_SECONDS", Duration.ofSeconds(180), 30, 3600);
        Duration wait = env.seconds("CLAIM_WAIT_SECONDS", Duration.ofSeconds(10), 0, 120);
        if (lease.compareTo(timeout) <= 0) {
            // A claim that ends before its holder could still be working lets a second delivery act at the same time.
            throw new ConfigurationException(Messages.leaseTooShort(lease, timeout));
        }
        if (wait.multipliedBy(2).compareTo(timeout) > 0) {
            // The delivery that waits still needs the rest of its time for its GitHub calls.
            throw new ConfigurationException(Messages.waitTooLong(wait, timeout));
        }
        return new HealthConfig(
                env.url("GITHUB_API_URL", "https://api.github.com"),
                repository,
                env.required("GITHUB_TOKEN_SECRET", "set it to the Secrets Manager id (name or ARN) of the secret holding the GitHub token"),
                env.required("ISSUES_TABLE", "set it to the DynamoDB table that maps events to issues (the template passes !Ref HealthIssuesTable)"),
                EventFilter.of(env.optional("EVENT_TYPE_CATEGORIES", ""), env.optional("SERVICES", ""),
                        env.optional("EVENT_TYPE_CODES", ""), env.optional("ACCOUNTS", "")),
                lease,
                wait,
                env.seconds("GITHUB_TIMEOUT_SECONDS", Duration.ofSeconds(10), 1, 60),
                env.seconds("GITHUB_RETRY_WAIT_SECONDS", Duration.ofSeconds(2), 0, 30),
                DryRun.requested(env));
    }
}
