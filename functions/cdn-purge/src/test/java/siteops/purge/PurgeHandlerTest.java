package siteops.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import siteops.common.Json;
import siteops.common.Log;
import siteops.purge.completion.CompletionWatchTest;
import siteops.testing.MotoServer;
import siteops.testing.ProjectRoot;
import siteops.testing.SampleSite;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The handler on the sample events against moto: real SDK calls, the invalidation read back from the emulator. */
@ExtendWith(MotoServer.class)
class PurgeHandlerTest {
    final MotoServer moto;
    CloudFrontClient cloudFront;
    SsmClient ssm;
    SfnClient stepFunctions;
    String stateMachineArn;
    String distributionId;
    PurgeHandler handler;

    PurgeHandlerTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void registerSite() {
        moto.reset();
        distributionId = SampleSite.register(moto);
        cloudFront = SampleSite.cloudFront(moto);
        ssm = SampleSite.ssm(moto);
        stepFunctions = moto.configure(SfnClient.builder()).build();
        stateMachineArn = CompletionWatchTest.createStateMachine(stepFunctions);
        handler = handler(stepFunctions);
    }

    PurgeHandler handler(SfnClient stepFunctionsClient) {
        PurgeConfig config = new PurgeConfig(SampleSite.PREFIX, Duration.ofMinutes(5), stateMachineArn);
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
        return new PurgeHandler(config, ssm, cloudFront, stepFunctionsClient, d -> {}, clock);
    }

    @AfterEach
    void close() {
        cloudFront.close();
        ssm.close();
        stepFunctions.close();
    }

    JsonNode invoke(Object event) throws IOException {
        var output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event)), output, null);
        return Json.MAPPER.readTree(output.toByteArray());
    }

    int invalidationCount() {
        return cloudFront.listInvalidations(r -> r.distributionId(distributionId)).invalidationList().quantity();
    }

    @ParameterizedTest
    @Events(type = Map.class, events = {
            @Event("../../events/cdn-purge/purge-paths.json"),
            @Event("../../events/cdn-purge/purge-urls-japanese.json"),
            @Event("../../events/cdn-purge/purge-chatbot-alias.json")})
    void sampleEventsCreateTheInvalidationTheyDescribe(Map<String, Object> event) throws IOException {
        JsonNode result = invoke(event);
        assertEquals("example-news", result.get("site").asText());
        assertEquals(distributionId, result.get("distributionId").asText());
        GetInvalidationResponse stored = cloudFront.getInvalidation(r -> r.distributionId(distributionId).id(result.get("invalidationId").asText()));
        List<String> sent = Json.MAPPER.convertValue(result.get("paths"), new TypeReference<List<String>>() { });
        assertEquals(stored.invalidation().invalidationBatch().paths().items(), sent, "result lists exactly what CloudFront received");
        assertEquals(stored.invalidation().invalidationBatch().callerReference(), result.get("callerReference").asText());
        assertTrue(result.get("message").asText().startsWith("Purging " + sent.size() + " path"), result.get("message").asText());
        assertTrue(result.get("message").asText().contains("www.example.jp"));
    }

    @Test
    void japaneseUrlsBecomeEncodedPathsOfTheSite() throws IOException {
        JsonNode result = invoke(Json.MAPPER.readTree(Files.readAllBytes(ProjectRoot.resolve("events/cdn-purge/purge-urls-japanese.json"))));
        assertEquals(List.of(
                "/%E3%82%A4%E3%83%99%E3%83%B3%E3%83%88/*",
                "/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/",
                "/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/2026/11/%E8%A8%98%E4%BA%8B.html"),
                Json.MAPPER.convertValue(result.get("paths"), List.class));
    }

    @Test
    void theSameRequestTwiceSendsTheSameCallerReference() throws IOException {
        JsonNode first = invoke(Map.of("site", "example-news", "paths", "/a /b"));
        JsonNode second = invoke(Map.of("site", "example-news", "paths", List.of("/b", "https://www.example.jp/a")));
        // moto creates a second invalidation where CloudFront returns the first (see CloudFrontPurgerTest):
        // what this proves is that both requests carry the identical batch and reference.
        assertEquals(first.get("callerReference"), second.get("callerReference"));
        assertEquals(first.get("paths"), second.get("paths"));
    }

    @Test
    void anUnknownSiteIsRefusedWithTheRegisteredSitesAndNothingIsPurged() {
        PurgeRequestException error = assertThrows(PurgeRequestException.class,
                () -> invoke(Map.of("site", "no-such-site", "paths", "/index.html")));
        assertTrue(error.getMessage().contains("unknown site 'no-such-site'") && error.getMessage().contains("Registered sites: example-news"),
                error.getMessage());
        assertEquals(0, invalidationCount());
    }

    @Test
    void aForeignDomainIsRefusedAndNothingIsPurged() {
        PurgeRequestException error = assertThrows(PurgeRequestException.class,
                () -> invoke(Map.of("site", "example-news", "paths", "/ok.html https://www.other.example.com/")));
        assertTrue(error.getMessage().contains("not on site 'example-news'"), error.getMessage());
        assertEquals(0, invalidationCount(), "one bad entry stops the whole request");
    }

    @Test
    void aRegistryEntryPointingAtAMissingDistributionIsNamed() {
        ssm.putParameter(r -> r.name(SampleSite.PREFIX + "gone").type("String").value("{\"distributionId\": \"E0GONE0000000\", \"aliases\": []}"));
        PurgeRequestException error = assertThrows(PurgeRequestException.class, () -> invoke(Map.of("site", "gone", "paths", "/")));
        assertTrue(error.getMessage().contains("E0GONE0000000") && error.getMessage().contains("stale"), error.getMessage());
    }

    @Test
    void aRegistryEntryWithoutDistributionIsNamed() {
        ssm.putParameter(r -> r.name(SampleSite.PREFIX + "half").type("String").value("{\"aliases\": [\"half.example.jp\"]}"));
        PurgeRequestException error = assertThrows(PurgeRequestException.class, () -> invoke(Map.of("site", "half", "paths", "/")));
        assertTrue(error.getMessage().contains("no CloudFront distribution registered") && error.getMessage().contains("/siteops/sites/half"),
                error.getMessage());
        assertEquals(0, invalidationCount());
    }

    @Test
    void aDryRunReturnsExactlyWhatAPurgeSendsAndCreatesNoInvalidation() throws IOException {
        JsonNode event = Json.MAPPER.readTree(Files.readAllBytes(ProjectRoot.resolve("events/cdn-purge/purge-check.json")));
        JsonNode preview = invoke(event);
        assertEquals(0, invalidationCount(), "no CloudFront call");
        assertTrue(preview.get("dryRun").asBoolean());
        assertTrue(preview.path("invalidationId").isMissingNode() || preview.path("invalidationId").isNull(), "no invalidation");
        String message = preview.get("message").asText();
        assertTrue(message.startsWith("Dry run, nothing was purged: a purge would invalidate 3 paths on www.example.jp"), message);
        assertTrue(message.contains("/ニュース/"), "paths shown decoded for people: " + message);
        assertTrue(preview.get("notes").toString().contains("query string dropped"), preview.toString());

        ((ObjectNode) event).remove("dryRun");
        JsonNode purge = invoke(event);
        assertEquals(1, invalidationCount());
        assertEquals(purge.get("paths"), preview.get("paths"), "the same encoded paths");
        assertEquals(purge.get("callerReference"), preview.get("callerReference"), "the same caller reference");
        assertEquals(purge.get("notes"), preview.get("notes"));
        assertTrue(!purge.get("dryRun").asBoolean());
        GetInvalidationResponse stored = cloudFront.getInvalidation(r -> r.distributionId(distributionId).id(purge.get("invalidationId").asText()));
        assertEquals(Json.MAPPER.convertValue(preview.get("paths"), List.class), stored.invalidation().invalidationBatch().paths().items());
    }

    @Test
    void badInputInADryRunFailsWithTheSameMessageAndNothingIsSent() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("site", "example-news", "paths", "/ok.html https://www.other.example.com/"),
                Map.of("site", "no-such-site", "paths", "/index.html"),
                Map.of("site", "example-news", "paths", "news/index.html"))) {
            Map<String, Object> dry = new HashMap<>(bad);
            dry.put("dryRun", true);
            String real = assertThrows(PurgeRequestException.class, () -> invoke(bad)).getMessage();
            assertEquals(real, assertThrows(PurgeRequestException.class, () -> invoke(dry)).getMessage());
        }
        assertEquals(0, invalidationCount());
        PurgeRequestException quoted = assertThrows(PurgeRequestException.class,
                () -> invoke(Map.of("site", "example-news", "paths", "/", "dryRun", "yes")));
        assertEquals("'dryRun' must be true or false (without quotes), found string", quoted.getMessage());
        assertEquals(0, invalidationCount());
    }

    @Test
    void eventThatIsNotJsonIsRefusedAsBadInput() {
        var output = new ByteArrayOutputStream();
        PurgeRequestException error = assertThrows(PurgeRequestException.class,
                () -> handler.handleRequest(new ByteArrayInputStream("site=news".getBytes()), output, null));
        assertTrue(error.getMessage().startsWith("the event is not valid JSON"), error.getMessage());
        assertEquals(0, output.size());
    }

    @Test
    void anAcceptedPurgeStartsTheCompletionWatchForItsInvalidation() throws IOException {
        JsonNode result = invoke(Map.of("site", "example-news", "paths", "https://www.example.jp/ニュース/ /index.html"));
        var executions = stepFunctions.listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions();
        assertEquals(1, executions.size());
        assertEquals("example-news-" + result.get("invalidationId").asText(), executions.get(0).name());
        JsonNode input = Json.MAPPER.readTree(stepFunctions.describeExecution(r -> r.executionArn(executions.get(0).executionArn())).input());
        assertEquals(List.of("https://www.example.jp/ニュース/", "/index.html"), Json.MAPPER.convertValue(input.get("paths"), List.class),
                "the message repeats the paths as the editor typed them");
        assertEquals(List.of(), Json.MAPPER.convertValue(result.get("notes"), List.class));
    }

    @Test
    void stepFunctionsDownStillAnswersThePurgeWithANote() throws IOException {
        try (SfnClient unreachable = moto.configure(SfnClient.builder()).endpointOverride(URI.create("http://127.0.0.1:1")).build()) {
            handler = handler(unreachable);
            JsonNode result = invoke(Map.of("site", "example-news", "paths", "/index.html"));
            assertTrue(result.get("message").asText().startsWith("Purging 1 path on www.example.jp"), result.toString());
            assertEquals(1, invalidationCount(), "the purge happened");
            assertTrue(result.get("notes").get(0).asText().startsWith("Slack will not be told when this purge is done"), result.toString());
        }
    }

    @Test
    void purgesAndFailuresAreCountedPerSiteButRefusalsAreNot() throws IOException {
        var captured = new ByteArrayOutputStream();
        PrintStream previous = Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            invoke(Map.of("site", "example-news", "paths", "/index.html"));
            assertThrows(PurgeRequestException.class, () -> invoke(Map.of("site", "example-news", "paths", "https://other.example.com/")));
            // A registered site whose distribution CloudFront cannot invalidate (moto answers NoSuchDistribution,
            // a refusal that names the stale entry) is not a purge failure; an outage is (see CloudFrontPurgerTest).
            ssm.putParameter(r -> r.name(SampleSite.PREFIX + "broken").type("String").value("{\"distributionId\": \"E0GONE0000000\"}"));
            assertThrows(PurgeRequestException.class, () -> invoke(Map.of("site", "broken", "paths", "/")));
            try (CloudFrontClient down = moto.configure(CloudFrontClient.builder()).endpointOverride(URI.create("http://127.0.0.1:1")).build()) {
                PurgeHandler unreachable = new PurgeHandler(new PurgeConfig(SampleSite.PREFIX, Duration.ofMinutes(5)), ssm, down,
                        stepFunctions, d -> {}, Clock.systemUTC());
                assertThrows(RuntimeException.class, () -> unreachable.handleRequest(
                        new ByteArrayInputStream(Json.write(Map.of("site", "example-news", "paths", "/"))), new ByteArrayOutputStream(), null));
            }
        } finally {
            Log.redirect(previous);
        }
        List<JsonNode> metrics = captured.toString(StandardCharsets.UTF_8).lines().map(PurgeHandlerTest::parse)
                .filter(line -> line.has("_aws") && line.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText().equals("siteops/Purge"))
                .toList();
        assertEquals(2, metrics.size(), metrics.toString());
        assertEquals(1, metrics.get(0).get("PurgeRequests").asInt());
        assertEquals("example-news", metrics.get(0).get("site").asText());
        assertEquals(1, metrics.get(1).get("PurgeFailures").asInt());
        assertEquals("example-news", metrics.get(1).get("site").asText());
        assertEquals("[[\"site\"]]", metrics.get(1).get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString());
    }

    static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
