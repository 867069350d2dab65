package siteops.purge;

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
import siteops.common.SnapStartPriming;
import siteops.common.Startup;
import siteops.common.registry.SiteRegistry;
import siteops.purge.cloudfront.CloudFrontPurger;
import siteops.purge.completion.CompletionWatch;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** CdnPurgeFunction: wires configuration and clients (once per container) to {@link PurgeService}. */
public final class PurgeHandler implements RequestStreamHandler {
    // Chatbot gives a command 15 s and so does the function's timeout: the worst case (the registry read, three
    // CloudFront attempts of at most 2.5 s each, 3 s of backoff) answers within 13 s with a clear message.
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(2500);
    // Starting the completion watch comes after the invalidation: it gets what is left of Chatbot's 15 s, and a
    // slow Step Functions costs only the "purge done" message, never the purge's answer.
    private static final Duration START_TIMEOUT = Duration.ofMillis(1000);

    private final SiteRegistry registry;
    private final PurgeService service;

    /** Used by Lambda: configuration from the environment, real clients. */
    public PurgeHandler() {
        this(Startup.configure(PurgeConfig::from));
        SnapStartPriming.register("cdn-purge", registry::primeRequestPath);
    }

    private PurgeHandler(PurgeConfig config) {
        this(config,
                AwsClients.build(SsmClient.builder(), AwsClients.region(Environment.system()), CALL_TIMEOUT),
                // CloudFront's API lives in the global partition endpoint whatever Region the function runs in.
                AwsClients.build(CloudFrontClient.builder(), Region.AWS_GLOBAL, CALL_TIMEOUT),
                // No Step Functions client (its build and classes) when the completion watch is off.
                CompletionWatch.isOn(config.completionStateMachine())
                        ? AwsClients.build(SfnClient.builder(), AwsClients.region(Environment.system()), START_TIMEOUT) : null,
                Retrier.Sleeper.SYSTEM, Clock.systemUTC());
    }

    /** Used by tests: its ports (configuration, clients, the retries' sleeper and the clock). */
    PurgeHandler(PurgeConfig config, SsmClient ssm, CloudFrontClient cloudFront, SfnClient stepFunctions, Retrier.Sleeper sleeper,
                 Clock clock) {
        this.registry = new SiteRegistry(ssm, config.sitesParameterPrefix(), PurgeRequestException::new);
        Retrier retrier = new Retrier(3, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(3), sleeper);
        this.service = new PurgeService(config, registry, new CloudFrontPurger(cloudFront, retrier),
                new CompletionWatch(stepFunctions, config.completionStateMachine()), clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonInvocation.handle(input, output, context, PurgeRequestException::new, service::purge);
    }
}
