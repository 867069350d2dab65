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
import siteops.common.Log;
import siteops.common.Retrier;
import siteops.common.SnapStartPriming;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** CdnPurgeFunction: wires configuration and clients (once per container) to {@link PurgeService}. */
public final class PurgeHandler implements RequestStreamHandler {
    // Chatbot gives a command 15 s and so does the function's timeout: the worst case (the registry read, three
    // CloudFront attempts of at most 2.5 s each, 3 s of backoff) answers within 13 s with a clear message.
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(2500);
    private static final Retrier RETRIER = new Retrier(3, Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Retrier.Sleeper.SYSTEM);

    private final PurgeService service;

    /** Used by Lambda: configuration from the environment, real clients. */
    public PurgeHandler() {
        Environment env = Environment.system();
        PurgeConfig config = PurgeConfig.from(env);
        SsmClient ssm = AwsClients.build(SsmClient.builder(), AwsClients.region(env), CALL_TIMEOUT);
        // CloudFront's API lives in the global partition endpoint whatever Region the function runs in.
        CloudFrontClient cloudFront = AwsClients.build(CloudFrontClient.builder(), Region.AWS_GLOBAL, CALL_TIMEOUT);
        SiteRegistry registry = new SiteRegistry(ssm, config.sitesParameterPrefix());
        this.service = new PurgeService(config, registry, new CloudFrontPurger(cloudFront, RETRIER), Clock.systemUTC());
        SnapStartPriming.register("cdn-purge", () -> primeRequestPath(ssm, config));
    }

    /** Used by tests: any service. */
    PurgeHandler(PurgeService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonInvocation.handle(input, output, context, PurgeRequestException::new, service::purge);
    }

    /** Loads the SDK's request pipeline before the SnapStart snapshot with one harmless SSM read. */
    private static void primeRequestPath(SsmClient ssm, PurgeConfig config) {
        try {
            ssm.getParameter(r -> r.name(config.sitesParameterPrefix() + "snapstart-priming"));
        } catch (SsmException expected) {
            Log.debug("priming call answered as expected", "code", expected.awsErrorDetails() == null ? "" : expected.awsErrorDetails().errorCode());
        }
    }
}
