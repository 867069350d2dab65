package siteops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * tools/local/sample-data.json: what the emulator holds after bin/local up (the sites' distributions and registry
 * parameters, tables, secrets, maintenance windows, the purge-completion state machine), and the env-vars file
 * the functions get. Strings may name {placeholders}: values known only at start-up (token, URLs, ARNs).
 */
final class SampleData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final JsonNode data;

    private SampleData(JsonNode data) {
        this.data = data;
    }

    static SampleData read(Path file) {
        try {
            return new SampleData(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    String region() {
        return data.path("region").asText();
    }

    String githubRepository() {
        return data.path("github").path("repository").asText();
    }

    /**
     * Creates the sample resources on the emulator. {@code values} holds the placeholders known before (token,
     * stand-in URLs); the ones that loading creates (the state machine's ARN) are added to it.
     */
    void load(EmulatorClients clients, Map<String, String> values) {
        try (CloudFrontClient cloudFront = clients.cloudFront(); SsmClient ssm = clients.ssm();
             SnsClient sns = clients.sns(); SqsClient sqs = clients.sqs()) {
            for (JsonNode site : data.path("sites")) {
                loadSite(site, cloudFront, ssm, sns, sqs);
            }
            for (JsonNode window : data.path("maintenanceWindows")) {
                List<Tag> tags = new ArrayList<>();
                window.path("tags").properties().forEach(tag -> tags.add(Tag.builder().key(tag.getKey()).value(tag.getValue().asText()).build()));
                ssm.createMaintenanceWindow(r -> r.name(window.path("name").asText())
                        .schedule(window.path("schedule").asText()).scheduleTimezone(window.path("timezone").asText())
                        .duration(window.path("durationHours").asInt()).cutoff(window.path("cutoffHours").asInt())
                        .allowUnassociatedTargets(true).tags(tags));
            }
        }
        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            for (JsonNode table : data.path("tables")) {
                String key = table.path("hashKey").asText();
                dynamoDb.createTable(r -> r.tableName(table.path("name").asText()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName(key).attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build()));
            }
        }
        try (SecretsManagerClient secrets = clients.secretsManager()) {
            data.path("secrets").properties().forEach(secret -> secrets.createSecret(
                    r -> r.name(secret.getKey()).secretString(fill(secret.getValue().asText(), values))));
        }
        try (SfnClient stepFunctions = clients.stepFunctions()) {
            String arn = stepFunctions.createStateMachine(r -> r.name(data.path("purgeCompletion").path("stateMachine").asText())
                    .roleArn("arn:aws:iam::123456789012:role/siteops-purge-completion")
                    .definition("{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}")).stateMachineArn();
            values.put("purge_completion_state_machine", arn);
        }
    }

    @SuppressWarnings("deprecation") // the legacy cache settings moto accepts, as the tests' SampleSite gives them
    private static void loadSite(JsonNode site, CloudFrontClient cloudFront, SsmClient ssm, SnsClient sns, SqsClient sqs) {
        String name = site.path("name").asText();
        List<String> aliases = new ArrayList<>();
        site.path("aliases").forEach(alias -> aliases.add(alias.asText()));
        String distribution = cloudFront.createDistribution(r -> r.distributionConfig(DistributionConfig.builder()
                .callerReference("siteops-local-" + name).comment(name).enabled(true)
                .aliases(a -> a.quantity(aliases.size()).items(aliases))
                .origins(o -> o.quantity(1).items(Origin.builder().id("alb").domainName(site.path("origin").asText())
                        .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy("https-only")).build()))
                .defaultCacheBehavior(b -> b.targetOriginId("alb").viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .minTTL(0L).forwardedValues(f -> f.queryString(false).cookies(c -> c.forward("none")))
                        .trustedSigners(t -> t.enabled(false).quantity(0)))
                .build())).distribution().id();
        ObjectNode entry = JSON.createObjectNode().put("distributionId", distribution);
        entry.putPOJO("aliases", aliases);
        String chatbotTopic = site.path("chatbotTopic").asText("");
        if (!chatbotTopic.isEmpty()) {
            // The site's "purge done" topic, with a queue standing in for its Slack channel.
            String topic = sns.createTopic(r -> r.name(chatbotTopic)).topicArn();
            String queue = sqs.createQueue(r -> r.queueName(chatbotTopic + "-slack")).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
            entry.put("notificationTopicArn", topic);
        }
        ssm.putParameter(r -> r.name(site.path("parameter").asText()).type(ParameterType.STRING).value(entry.toString()).overwrite(true));
    }

    /** The --env-vars file: per function, its variables with the placeholders filled in. */
    String envVars(Map<String, String> values) {
        ObjectNode functions = JSON.createObjectNode();
        data.path("envVars").properties().forEach(function -> {
            ObjectNode variables = functions.putObject(function.getKey());
            function.getValue().properties().forEach(variable -> variables.put(variable.getKey(), fill(variable.getValue().asText(), values)));
        });
        return functions.toPrettyString() + "\n";
    }

    static String fill(String template, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalArgumentException("sample-data.json: unknown placeholder {" + placeholder.group(1)
                        + "} (known: " + String.join(", ", new java.util.TreeSet<>(values.keySet())) + ")");
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(filled).toString();
    }
}
