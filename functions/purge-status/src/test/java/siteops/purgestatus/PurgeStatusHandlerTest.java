package siteops.purgestatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.common.Json;
import siteops.testing.MotoServer;
import siteops.testing.ProjectRoot;
import siteops.testing.SampleSite;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The function against moto: the registry in SSM, the invalidation in CloudFront, and the site's Chatbot topic in
 * SNS with an SQS queue subscribed, so the test reads exactly what Chatbot would receive.
 */
@ExtendWith(MotoServer.class)
class PurgeStatusHandlerTest {
    final MotoServer moto;
    SsmClient ssm;
    CloudFrontClient cloudFront;
    SnsClient sns;
    SqsClient sqs;
    String topicArn;
    String queueUrl;
    String distributionId;
    String invalidationId;
    Instant created;

    PurgeStatusHandlerTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void siteWithItsChatbotTopic() {
        moto.reset();
        ssm = SampleSite.ssm(moto);
        cloudFront = SampleSite.cloudFront(moto);
        sns = moto.configure(SnsClient.builder()).build();
        sqs = moto.configure(SqsClient.builder()).build();
        topicArn = sns.createTopic(r -> r.name("siteops-example-news-chatbot")).topicArn();
        queueUrl = sqs.createQueue(r -> r.queueName("chatbot-stand-in")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        distributionId = SampleSite.register(moto, topicArn);
        var invalidation = cloudFront.createInvalidation(r -> r.distributionId(distributionId).invalidationBatch(b -> b
                .callerReference("test").paths(p -> p.quantity(2).items("/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/*", "/index.html"))))
                .invalidation();
        invalidationId = invalidation.id();
        created = invalidation.createTime();
    }

    @AfterEach
    void close() {
        ssm.close();
        cloudFront.close();
        sns.close();
        sqs.close();
    }

    JsonNode invoke(Object event, Instant now) throws IOException {
        var handler = new PurgeStatusHandler(SampleSite.PREFIX, ssm, cloudFront, sns, Clock.fixed(now, ZoneOffset.UTC));
        var output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event)), output, null);
        return Json.MAPPER.readTree(output.toByteArray());
    }

    /** The SNS messages delivered to the subscribed queue (what Chatbot would render), read once. */
    List<JsonNode> delivered() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        return messages.stream().map(m -> {
            try {
                return Json.MAPPER.readTree(Json.MAPPER.readTree(m.body()).get("Message").asText());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void aCompletedPurgePublishesOneChatbotNotificationOfThisShape() throws IOException {
        JsonNode result = invoke(Map.of("site", "example-news", "invalidationId", invalidationId,
                "paths", List.of("https://www.example.jp/ニュース/*", "/index.html"), "pathCount", 2, "lastCheck", false), created.plusSeconds(75));
        assertEquals(Json.MAPPER.readTree("""
                {"status": "Completed", "notified": true, "message": "Site *example-news*: CloudFront finished purging \
                `https://www.example.jp/ニュース/*` `/index.html` in about 1 minute (invalidation %s). Visitors now get the fresh pages."}"""
                .formatted(invalidationId)), result);

        List<JsonNode> messages = delivered();
        assertEquals(1, messages.size(), "exactly one message");
        assertEquals(Json.MAPPER.readTree("""
                {"version": "1.0", "source": "custom", "id": "%1$s",
                 "content": {"textType": "client-markdown",
                             "title": ":white_check_mark: Purge done on www.example.jp",
                             "description": "Site *example-news*: CloudFront finished purging `https://www.example.jp/ニュース/*` `/index.html` \
                in about 1 minute (invalidation %1$s). Visitors now get the fresh pages.",
                             "keywords": ["example-news", "purge"]},
                 "metadata": {"eventType": "siteops.purge.completed",
                              "additionalContext": {"site": "example-news", "distributionId": "%2$s", "invalidationId": "%1$s"}}}"""
                .formatted(invalidationId, distributionId)), messages.get(0));
    }

    @Test
    void noTopicRegisteredPublishesNothingAndTheResultSaysWhy() throws IOException {
        ssm.putParameter(r -> r.name(SampleSite.PREFIX + SampleSite.NAME).type("String").overwrite(true)
                .value("{\"distributionId\": \"" + distributionId + "\", \"aliases\": [\"www.example.jp\"]}"));
        JsonNode result = invoke(Map.of("site", "example-news", "invalidationId", invalidationId), created.plusSeconds(30));
        assertEquals("Completed", result.get("status").asText());
        assertEquals(false, result.get("notified").asBoolean());
        assertTrue(result.get("reason").asText().startsWith("site 'example-news' has no notificationTopicArn"), result.toString());
        assertEquals(List.of(), delivered());
    }

    @Test
    void anUnknownInvalidationIsAnErrorNamingItAndNothingIsPublished() {
        PurgeStatusException error = assertThrows(PurgeStatusException.class,
                () -> invoke(Map.of("site", "example-news", "invalidationId", "I0000NOSUCH00"), created));
        assertTrue(error.getMessage().startsWith("unknown invalidation I0000NOSUCH00: CloudFront distribution " + distributionId
                + " of site 'example-news' has no such invalidation"), error.getMessage());
        assertEquals(List.of(), delivered());
    }

    @Test
    void anUnknownSiteIsAnErrorNamingItAndNothingIsPublished() {
        PurgeStatusException error = assertThrows(PurgeStatusException.class,
                () -> invoke(Map.of("site", "no-such-site", "invalidationId", invalidationId), created));
        assertTrue(error.getMessage().startsWith("unknown site 'no-such-site': it has no registry entry /siteops/sites/no-such-site")
                && error.getMessage().contains("Registered sites: example-news"), error.getMessage());
        assertEquals(List.of(), delivered());
    }

    @Test
    void theSampleEventsRunAgainstTheSampleSite() throws IOException {
        for (String file : List.of("events/purge-status/check.json", "events/purge-status/last-check.json")) {
            var event = (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(ProjectRoot.resolve(file)));
            event.put("invalidationId", invalidationId);
            assertEquals("Completed", invoke(event, created.plusSeconds(40)).get("status").asText(), file);
        }
        assertEquals(2, delivered().size());
    }
}
