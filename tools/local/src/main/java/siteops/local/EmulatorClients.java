package siteops.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** SDK clients for the emulator of one bin/local: moto_server, and SSM through the maintenance-window stand-in. */
final class EmulatorClients implements AutoCloseable {
    static final String ACCESS_KEY = "testing";

    private final EmulatorState state;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    EmulatorClients(EmulatorState state) {
        this.state = state;
    }

    CloudFrontClient cloudFront() {
        return configure(CloudFrontClient.builder(), state.moto()).region(Region.AWS_GLOBAL).build();
    }

    SsmClient ssm() {
        return configure(SsmClient.builder(), state.ssm()).build();
    }

    SnsClient sns() {
        return configure(SnsClient.builder(), state.moto()).build();
    }

    SqsClient sqs() {
        return configure(SqsClient.builder(), state.moto()).build();
    }

    DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), state.moto()).build();
    }

    SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), state.moto()).build();
    }

    SfnClient stepFunctions() {
        return configure(SfnClient.builder(), state.moto()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String endpoint) {
        return builder.endpointOverride(URI.create(endpoint))
                .region(Region.of(state.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)))
                .httpClient(http);
    }

    @Override
    public void close() {
        http.close();
    }
}
