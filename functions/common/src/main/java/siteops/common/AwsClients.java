package siteops.common;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK clients the same way for every function: the light URL-connection HTTP client, the Region from
 * the environment (no probing of instance metadata), the default credentials chain (environment variables,
 * and the container credentials SnapStart functions receive), standard retries and a call timeout, and the
 * JDK's trust anchors loaded at the first TLS handshake ({@link DeferredTrust}).
 * Endpoint overrides come from the SDK's own AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_&lt;SERVICE&gt; support.
 */
public final class AwsClients {
    private AwsClients() {}

    /** The Region this function runs in, from AWS_REGION (set by Lambda) or AWS_DEFAULT_REGION. */
    public static Region region(Environment env) {
        String name = env.optional("AWS_REGION", env.optional("AWS_DEFAULT_REGION", null));
        if (name == null) {
            throw new ConfigurationException(Messages.noRegion());
        }
        return Region.of(name);
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, Region region, Duration callTimeout) {
        return builder
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .tlsTrustManagersProvider(DeferredTrust::trustManagers)
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(callTimeout))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .apiCallTimeout(callTimeout))
                .build();
    }
}
