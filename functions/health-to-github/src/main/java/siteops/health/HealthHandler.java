package siteops.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import siteops.common.AwsClients;
import siteops.common.DryRun;
import siteops.common.Environment;
import siteops.common.JsonInvocation;
import siteops.common.Retrier;
import siteops.common.SecretStore;
import siteops.common.Startup;
import siteops.health.github.DryRunIssueTracker;
import siteops.health.github.GitHubIssues;
import siteops.health.github.GitHubToken;
import siteops.health.github.IssueTracker;
import siteops.health.ledger.DryRunLedger;
import siteops.health.ledger.EventLedger;
import siteops.health.ledger.IssueLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** HealthToGitHubFunction: wires configuration and clients (once per container) to {@link HealthService}. */
public final class HealthHandler implements RequestStreamHandler {
    private static final Duration AWS_CALL_TIMEOUT = Duration.ofSeconds(5);

    private final JsonInvocation.Body body;

    /** Used by Lambda: configuration from the environment, real clients. */
    public HealthHandler() {
        this(Startup.configure(HealthConfig::from),
                AwsClients.build(SecretsManagerClient.builder(), AwsClients.region(Environment.system()), AWS_CALL_TIMEOUT),
                AwsClients.build(DynamoDbClient.builder(), AwsClients.region(Environment.system()), AWS_CALL_TIMEOUT),
                Retrier.Sleeper.SYSTEM, Clock.systemUTC());
    }

    /** Used by tests: its ports (configuration, clients, the retries' sleeper and the clock). */
    HealthHandler(HealthConfig config, SecretsManagerClient secretsManager, DynamoDbClient dynamo, Retrier.Sleeper sleeper,
                  Clock clock) {
        SecretStore secrets = new SecretStore(secretsManager);
        String secretId = config.tokenSecretId();
        // Short, bounded retries inside one invocation; anything longer is Lambda's retry.
        Retrier githubRetries = new Retrier(3, Duration.ofMillis(300), Duration.ofSeconds(2),
                config.longestRateLimitWait().plusSeconds(3), sleeper);
        IssueTracker github = new GitHubIssues(config.githubApiUrl(), config.repository(), secretId,
                () -> GitHubToken.authorization(secrets.get(secretId)), () -> secrets.invalidate(secretId),
                config.githubTimeout(), githubRetries, config.longestRateLimitWait(), clock);
        Retrier claimWaits = new Retrier(100, Duration.ofMillis(100), Duration.ofSeconds(1), config.claimWait(), sleeper);
        EventLedger ledger = new IssueLedger(dynamo, config.issuesTable());
        // DRY_RUN: the same service with write ports that record instead of writing (see DryRun).
        DryRun dryRun = config.dryRun() ? new DryRun() : null;
        if (dryRun != null) {
            github = new DryRunIssueTracker(github, config.repository(), dryRun);
            ledger = new DryRunLedger(ledger, config.issuesTable(), dryRun);
        }
        HealthService service = new HealthService(config.repository(), config.filter(), ledger, github, config.claimLease(),
                claimWaits, clock);
        this.body = dryRun == null ? service::handle : dryRun.around(service::handle);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonInvocation.handle(input, output, context, HealthEventException::new, body);
    }
}
