package siteops.maintenance;

import java.util.Map;
import siteops.testing.MotoServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The alert state table in moto, as template.yaml declares it (MaintenanceAlertStateTable). */
final class StateTable {
    static final String NAME = "siteops-maintenance-alert-state";

    private StateTable() {}

    static DynamoDbClient create(MotoServer moto) {
        DynamoDbClient dynamo = moto.configure(DynamoDbClient.builder()).build();
        dynamo.createTable(r -> r.tableName(NAME)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("alertKey").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("alertKey").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return dynamo;
    }

    /** What an earlier sweep recorded for an alert (set-up: an alert PagerDuty was told about before this test). */
    static void remember(DynamoDbClient dynamo, String alertKey, String state) {
        dynamo.putItem(r -> r.tableName(NAME).item(Map.of("alertKey", AttributeValue.fromS(alertKey),
                "state", AttributeValue.fromS(state), "version", AttributeValue.fromN("1"))));
    }

    /** The state recorded for an alert, or null without an item. */
    static String state(DynamoDbClient dynamo, String alertKey) {
        var item = dynamo.getItem(r -> r.tableName(NAME).key(Map.of("alertKey", AttributeValue.fromS(alertKey))).consistentRead(true)).item();
        return item == null || !item.containsKey("state") ? null : item.get("state").s();
    }
}
