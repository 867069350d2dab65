package siteops.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import siteops.common.AwsClients;
import siteops.common.Environment;
import siteops.common.JsonInvocation;
import siteops.common.Retrier;
import siteops.common.SecretStore;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** MaintenanceToPagerDutyFunction: wires configuration and clients (once per container) to {@link MaintenanceAlertService}. */
public final class MaintenanceHandler implements RequestStreamHandler {
    // The function's timeout is 120 s. Enrichment calls are short; PagerDuty gets up to 5 attempts and 20 s of
    // backoff per event, so even a worst case fails well before the timeout and Lambda's retry takes over. The
    // hourly check sends one event per backup window: its resolves of healthy windows get 2 attempts and 2 s of
    // backoff (the same resolve goes out again the next hour), and it starts no window after
    // MaintenanceAlertService.CHECK_TIME_BUDGET.
    private static final Duration SSM_CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SECRETS_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PAGERDUTY_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** Alerts: up to 5 attempts and 20 s of backoff. Tests pass their own sleeper. */
    static Retrier pagerDutyRetrier(Retrier.Sleeper sleeper) {
        return new Retrier(5, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(20), sleeper);
    }

    /** The hourly check's resolves of healthy windows: up to 2 attempts and 2 s of backoff. */
    static Retrier checkResolveRetrier(Retrier.Sleeper sleeper) {
        return new Retrier(2, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), sleeper);
    }

    private final MaintenanceAlertService service;

    /** Used by Lambda: configuration from the environment, real clients. */
    public MaintenanceHandler() {
        Environment env = Environment.system();
        MaintenanceConfig config = MaintenanceConfig.from(env);
        Region region = AwsClients.region(env);
        SsmClient ssm = AwsClients.build(SsmClient.builder(), region, SSM_CALL_TIMEOUT);
        SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), region, SECRETS_CALL_TIMEOUT);
        HttpClient http = PagerDutySender.httpClient();
        this.service = new MaintenanceAlertService(config, new WindowReader(ssm),
                new RoutingKeys(new SecretStore(secrets), config.defaultSecretId()),
                new PagerDutySender(http, config.eventsUrl(), PAGERDUTY_REQUEST_TIMEOUT, pagerDutyRetrier(Retrier.Sleeper.SYSTEM)),
                new PagerDutySender(http, config.eventsUrl(), PAGERDUTY_REQUEST_TIMEOUT, checkResolveRetrier(Retrier.Sleeper.SYSTEM)),
                Clock.systemUTC());
    }

    /** Used by tests: any service. */
    MaintenanceHandler(MaintenanceAlertService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonInvocation.handle(input, output, context, MaintenanceEventException::new, service::handle);
    }
}
