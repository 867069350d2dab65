package siteops.purgestatus;

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
import siteops.common.Startup;
import siteops.common.registry.SiteRegistry;
import siteops.purgestatus.cloudfront.InvalidationReader;
import siteops.purgestatus.sns.ChatbotTopic;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * PurgeStatusFunction: wires configuration and clients (once per container) to {@link PurgeStatusService}. The
 * purge-completion state machine calls it every 30 seconds after a purge until the invalidation completes.
 */
public final class PurgeStatusHandler implements RequestStreamHandler {
    // Nobody waits on a check: the state machine retries Lambda's own failures, and the next check comes anyway.
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final PurgeStatusService service;

    /** Used by Lambda: configuration from the environment, real clients. */
    public PurgeStatusHandler() {
        this(Startup.configure(SiteRegistry::parameterPrefix),
                AwsClients.build(SsmClient.builder(), AwsClients.region(Environment.system()), CALL_TIMEOUT),
                // CloudFront's API lives in the global partition endpoint whatever Region the function runs in.
                AwsClients.build(CloudFrontClient.builder(), Region.AWS_GLOBAL, CALL_TIMEOUT),
                AwsClients.build(SnsClient.builder(), AwsClients.region(Environment.system()), CALL_TIMEOUT),
                Clock.systemUTC());
    }

    /** Used by tests: its ports (the registry's prefix, clients and the clock). */
    PurgeStatusHandler(String sitesParameterPrefix, SsmClient ssm, CloudFrontClient cloudFront, SnsClient sns, Clock clock) {
        this.service = new PurgeStatusService(new SiteRegistry(ssm, sitesParameterPrefix, PurgeStatusException::new),
                new InvalidationReader(cloudFront), new ChatbotTopic(sns), clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonInvocation.handle(input, output, context, PurgeStatusException::new, service::check);
    }
}
