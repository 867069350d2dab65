package siteops.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import siteops.common.AwsClients;
import siteops.common.Environment;
import siteops.common.JsonInvocation;
import siteops.common.Retrier;
import siteops.common.SecretStore;
import siteops.health.github.GitHubIssues;
import siteops.health.github.GitHubToken;
import siteops.health.ledger.IssueLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** HealthToGitHubFunction: wires configuration and clients (once per container) to {@link HealthService}. */
public final class HealthHandler implements RequestStreamHandler {
    private static final Duration AWS_CALL_TIMEOUT = Duration.ofSeconds(5);

    private final HealthService service;

    /** Used by Lambda: configuration from the environment, real clients. */
    public HealthHandler() {
        this(HealthConfig.from(Environment.system()), Environment.system(), Retrier.Sleeper.SYSTEM);
    }

    private HealthHandler(HealthConfig config, Environment env, Retrier.Sleeper sleeper) {
        this(config, AwsClients.build(SecretsManagerClient.builder(), AwsClients.region(env), AWS_CALL_TIMEOUT),
                AwsClients.build(DynamoDbClient.builder(), AwsClients.region(env), AWS_CALL_TIMEOUT), sleeper);
    }

    /** Used by tests: any configuration, clients and sleeper. */
    HealthHandler(HealthConfig config, SecretsManagerClient secretsManager, DynamoDbClient dynamo, Retrier.Sleeper sleeper) {
        SecretStore secrets = new SecretStore(secretsManager);
        Clock clock = Clock.systemUTC();
        String secretId = config.tokenSecretId();
        // Short, bounded retries inside one invocation; anything longer is Lambda's retry.
        Retrier githubRetries = new Retrier(3, Duration.ofMillis(300), Duration.ofSeconds(2),
                config.longestRateLimitWait().plusSeconds(3), sleeper);
        GitHubIssues github = new GitHubIssues(config.githubApiUrl(), config.repository(), secretId,
                () -> GitHubToken.authorization(secrets.get(secretId)), () -> secrets.invalidate(secretId),
                config.githubTimeout(), githubRetries, config.longestRateLimitWait(), clock);
        Retrier claimWaits = new Retrier(100, Duration.ofMillis(100), Duration.ofSeconds(1), config.claimWait(), sleeper);
        this.service = new HealthService(config.repository(), config.filter(), new IssueLedger(dynamo, config.issuesTable()),
                github, config.claimLease(), claimWaits, clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonInvocation.handle(input, output, context, HealthEventException::new, service::handle);
    }
}
