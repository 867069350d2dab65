package siteops.purgestatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.common.Json;
import siteops.testing.CommandRun;
import siteops.testing.MotoServer;
import siteops.testing.SampleSite;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The packaged PurgeStatusFunction through bin/invoke, as `sam local invoke` would run it, against moto. */
@ExtendWith(MotoServer.class)
class PurgeStatusInvokeIT {
    final MotoServer moto;
    String invalidationId;

    PurgeStatusInvokeIT(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void purgedSite() {
        moto.reset();
        try (SnsClient sns = moto.configure(SnsClient.builder()).build(); CloudFrontClient cloudFront = SampleSite.cloudFront(moto)) {
            String topicArn = sns.createTopic(r -> r.name("siteops-example-news-chatbot")).topicArn();
            String distributionId = SampleSite.register(moto, topicArn);
            invalidationId = cloudFront.createInvalidation(r -> r.distributionId(distributionId).invalidationBatch(b -> b
                    .callerReference("it").paths(p -> p.quantity(1).items("/news/*")))).invalidation().id();
        }
    }

    CommandRun.Result invoke(String stdin, String... args) {
        return CommandRun.run("invoke", List.of(args), new HashMap<>(moto.environment()), stdin);
    }

    @Test
    void aCheckOfACompletedPurgeAnswersNotifiedOnStdout() throws Exception {
        CommandRun.Result run = invoke(Json.text(Map.of("site", "example-news", "invalidationId", invalidationId)),
                "PurgeStatusFunction", "-e", "-");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = Json.MAPPER.readTree(run.stdout());
        assertEquals("Completed", result.get("status").asText());
        assertTrue(result.get("notified").asBoolean(), run.toString());
        assertTrue(run.stderr().contains("\"function\":\"siteops-purge-status\""), "logs on stderr name the function");
    }

    @Test
    void theUnknownSiteSampleEventFailsNamingIt() throws Exception {
        CommandRun.Result run = invoke(null, "PurgeStatusFunction", "-e", "events/purge-status/bad-unknown-site.json");
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode error = Json.MAPPER.readTree(run.stdout());
        assertEquals("siteops.purgestatus.PurgeStatusException", error.get("errorType").asText());
        assertTrue(error.get("errorMessage").asText().startsWith("unknown site 'no-such-site'"), run.toString());
    }
}
