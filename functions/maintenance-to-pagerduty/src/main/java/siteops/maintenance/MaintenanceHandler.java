package siteops.maintenance;

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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** MaintenanceToPagerDutyFunction: wires configuration and clients (once per container) to {@link MaintenanceAlertService}. */
public final class MaintenanceHandler implements RequestStreamHandler {
    // The function's timeout is 120 s. Enrichment calls are short; PagerDuty gets up to 5 attempts and 20 s of
    // backoff per event, so even a worst case fails well before the timeout and Lambda's retry takes over.
    private static final Duration SSM_CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SECRETS_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PAGERDUTY_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final Retrier PAGERDUTY_RETRIER = new Retrier(5, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofSeconds(20), Retrier.Sleeper.SYSTEM);

    private final MaintenanceAlertService service;

    /** Used by Lambda: configuration from the environment, real clients. */
    public MaintenanceHandler() {
        Environment env = Environment.system();
        MaintenanceConfig config = MaintenanceConfig.from(env);
        Region region = AwsClients.region(env);
        SsmClient ssm = AwsClients.build(SsmClient.builder(), region, SSM_CALL_TIMEOUT);
        SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), region, SECRETS_CALL_TIMEOUT);
        this.service = new MaintenanceAlertService(config, new WindowReader(ssm),
                new RoutingKeys(new SecretStore(secrets), config.defaultSecretId()),
                new PagerDutySender(PagerDutySender.httpClient(), config.eventsUrl(), PAGERDUTY_REQUEST_TIMEOUT, PAGERDUTY_RETRIER),
                Clock.systemUTC());
    }

    /** Used by tests: any service. */
    MaintenanceHandler(MaintenanceAlertService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonInvocation.handle(input, output, context, MaintenanceEventException.class, MaintenanceEventException::new, service::handle);
    }
}
