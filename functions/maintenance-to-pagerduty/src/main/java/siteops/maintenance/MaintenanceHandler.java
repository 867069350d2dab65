package siteops.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import siteops.common.AwsClients;
import siteops.common.DryRun;
import siteops.common.Environment;
import siteops.common.JsonInvocation;
import siteops.common.Retrier;
import siteops.common.SecretStore;
import siteops.common.Startup;
import siteops.maintenance.event.Incoming;
import siteops.maintenance.event.MaintenanceEvent;
import siteops.maintenance.event.ScheduledCheck;
import siteops.maintenance.pagerduty.DryRunPagerDuty;
import siteops.maintenance.pagerduty.PagerDutyEvents;
import siteops.maintenance.pagerduty.PagerDutySender;
import siteops.maintenance.pagerduty.RoutingKeys;
import siteops.maintenance.ssm.WindowReader;
import siteops.maintenance.state.AlertStateTable;
import siteops.maintenance.state.AlertStates;
import siteops.maintenance.state.DryRunAlertStates;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * MaintenanceToPagerDutyFunction: wires configuration and clients (once per container) to the two jobs, the
 * {@link EventAlert} for a maintenance window event and the {@link MissingRunSweep} for the hourly schedule.
 */
public final class MaintenanceHandler implements RequestStreamHandler {
    // The function's timeout is 120 s. Enrichment calls are short; PagerDuty gets up to 5 attempts and 20 s of
    // backoff per event, so even a worst case fails well before the timeout and Lambda's retry takes over. The
    // hourly sweep sends an event only when a window's alert changes: its resolves get 2 attempts and 2 s of
    // backoff (a failed one leaves the remembered state unchanged, so it goes out again the next hour), and it
    // starts no window after MissingRunSweep.TIME_BUDGET.
    private static final Duration SSM_CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SECRETS_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PAGERDUTY_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DYNAMODB_CALL_TIMEOUT = Duration.ofSeconds(3);

    private final EventAlert eventAlert;
    private final MissingRunSweep sweep;
    private final JsonInvocation.Body body;

    /** Used by Lambda: configuration from the environment, real clients. */
    public MaintenanceHandler() {
        this(Startup.configure(MaintenanceConfig::from),
                AwsClients.build(SsmClient.builder(), AwsClients.region(Environment.system()), SSM_CALL_TIMEOUT),
                AwsClients.build(SecretsManagerClient.builder(), AwsClients.region(Environment.system()), SECRETS_CALL_TIMEOUT),
                AwsClients.build(DynamoDbClient.builder(), AwsClients.region(Environment.system()), DYNAMODB_CALL_TIMEOUT),
                PagerDutySender.httpClient(), Retrier.Sleeper.SYSTEM, Clock.systemUTC());
    }

    /** Used by tests: its ports (configuration, clients, the retries' sleeper and the clock). */
    MaintenanceHandler(MaintenanceConfig config, SsmClient ssm, SecretsManagerClient secretsManager, DynamoDbClient dynamo,
                       HttpClient http, Retrier.Sleeper sleeper, Clock clock) {
        WindowReader windows = new WindowReader(ssm);
        RoutingKeys routing = new RoutingKeys(new SecretStore(secretsManager), config.defaultSecretId());
        // Alerts: up to 5 attempts and 20 s of backoff.
        PagerDutyEvents alerts = new PagerDutySender(http, config.eventsUrl(), PAGERDUTY_REQUEST_TIMEOUT,
                new Retrier(5, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(20), sleeper));
        // The sweep's resolves: up to 2 attempts and 2 s of backoff.
        PagerDutyEvents healthyResolves = new PagerDutySender(http, config.eventsUrl(), PAGERDUTY_REQUEST_TIMEOUT,
                new Retrier(2, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), sleeper));
        AlertStates states = new AlertStateTable(dynamo, config.alertStateTable());
        // DRY_RUN: the same jobs with write ports that record instead of sending (see DryRun).
        DryRun dryRun = config.dryRun() ? new DryRun() : null;
        if (dryRun != null) {
            alerts = new DryRunPagerDuty(dryRun);
            healthyResolves = alerts;
            states = new DryRunAlertStates(states, dryRun);
        }
        this.eventAlert = new EventAlert(windows, routing, alerts, states, clock);
        this.sweep = new MissingRunSweep(config.missingRunGrace(), windows, routing, alerts, healthyResolves, states, clock);
        this.body = dryRun == null ? this::handle : dryRun.around(this::handle);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonInvocation.handle(input, output, context, MaintenanceEventException::new, body);
    }

    private MaintenanceResult handle(JsonNode json) {
        return switch (Incoming.parse(json)) {
            case MaintenanceEvent event -> eventAlert.handle(event);
            case ScheduledCheck check -> sweep.run(check);
        };
    }
}
