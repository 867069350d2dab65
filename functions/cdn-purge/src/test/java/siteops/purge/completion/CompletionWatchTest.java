package siteops.purge.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.common.Json;
import siteops.common.registry.SiteRegistration;
import siteops.testing.MotoServer;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/** Starting the completion watch against moto's Step Functions: one execution per invalidation, never a failed purge. */
@ExtendWith(MotoServer.class)
public class CompletionWatchTest {
    static final SiteRegistration SITE = new SiteRegistration("example-news", "/siteops/sites/example-news", "E2QWRUHAPOMQZL",
            List.of("www.example.jp"));

    final MotoServer moto;
    SfnClient stepFunctions;
    String stateMachineArn;

    CompletionWatchTest(MotoServer moto) {
        this.moto = moto;
    }

    /** A state machine as template.yaml creates it; moto records executions without running them. */
    public static String createStateMachine(SfnClient stepFunctions) {
        return stepFunctions.createStateMachine(r -> r.name("siteops-purge-completion")
                .roleArn("arn:aws:iam::123456789012:role/siteops-purge-completion")
                .definition("{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}")).stateMachineArn();
    }

    @BeforeEach
    void createIt() {
        moto.reset();
        stepFunctions = moto.configure(SfnClient.builder()).build();
        stateMachineArn = createStateMachine(stepFunctions);
    }

    @AfterEach
    void close() {
        stepFunctions.close();
    }

    List<ExecutionListItem> executions() {
        return stepFunctions.listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions();
    }

    @Test
    void startsOneExecutionNamedAfterTheInvalidationWithThePathsAsTyped() throws Exception {
        CompletionWatch watch = new CompletionWatch(stepFunctions, stateMachineArn);
        assertEquals(Optional.empty(), watch.start(SITE, "I2J0I21PCUYOIK", List.of("https://www.example.jp/ニュース/", "/index.html")));

        List<ExecutionListItem> executions = executions();
        assertEquals(1, executions.size());
        assertEquals("example-news-I2J0I21PCUYOIK", executions.get(0).name());
        JsonNode input = Json.MAPPER.readTree(stepFunctions.describeExecution(r -> r.executionArn(executions.get(0).executionArn())).input());
        assertEquals(Json.MAPPER.readTree("""
                {"site": "example-news", "invalidationId": "I2J0I21PCUYOIK",
                 "paths": ["https://www.example.jp/ニュース/", "/index.html"], "pathCount": 2}"""), input);
    }

    @Test
    void aRepeatedRequestAnsweredWithTheSameInvalidationStartsNothingNew() {
        CompletionWatch watch = new CompletionWatch(stepFunctions, stateMachineArn);
        assertEquals(Optional.empty(), watch.start(SITE, "I2J0I21PCUYOIK", List.of("/a", "/b")));
        // The same request again (a double click) and the same invalidation asked for in another order.
        assertEquals(Optional.empty(), watch.start(SITE, "I2J0I21PCUYOIK", List.of("/a", "/b")));
        assertEquals(Optional.empty(), watch.start(SITE, "I2J0I21PCUYOIK", List.of("/b", "/a")), "ExecutionAlreadyExists is success");
        assertEquals(1, executions().size());

        assertEquals(Optional.empty(), watch.start(SITE, "I3OTHER0000000", List.of("/a", "/b")));
        assertEquals(2, executions().size(), "another invalidation is another execution");
    }

    @Test
    void stepFunctionsDownGivesANoteNotAFailure() {
        try (SfnClient unreachable = moto.configure(SfnClient.builder()).endpointOverride(URI.create("http://127.0.0.1:1")).build()) {
            Optional<String> note = new CompletionWatch(unreachable, stateMachineArn).start(SITE, "I2J0I21PCUYOIK", List.of("/a"));
            assertTrue(note.isPresent() && note.get().startsWith("Slack will not be told when this purge is done")
                    && note.get().endsWith("The purge itself was accepted."), note.toString());
        }
        Optional<String> note = new CompletionWatch(stepFunctions, stateMachineArn + "-deleted").start(SITE, "I2J0I21PCUYOIK", List.of("/a"));
        assertTrue(note.isPresent(), "a state machine that does not exist is a note too");
    }

    @Test
    void offWhenNoStateMachineIsConfigured() {
        assertEquals(Optional.empty(), new CompletionWatch(stepFunctions, "").start(SITE, "I2J0I21PCUYOIK", List.of("/a")));
        assertEquals(Optional.empty(), new CompletionWatch(stepFunctions, null).start(SITE, "I2J0I21PCUYOIK", List.of("/a")));
        // What sam local invoke and bin/invoke make of !Ref PurgeCompletionStateMachine: off, not a note on every purge.
        assertEquals(Optional.empty(), new CompletionWatch(stepFunctions, "PurgeCompletionStateMachine").start(SITE, "I2J0I21PCUYOIK", List.of("/a")));
        assertEquals(0, executions().size());
    }

    @Test
    void manyPathsTravelAsTheFirstTwentyAndTheirCount() {
        List<String> typed = IntStream.range(0, 500).mapToObj(i -> "/page-" + i + ".html").toList();
        var input = CompletionWatch.input("news", "I1", typed);
        assertEquals(typed.subList(0, 20), input.get("paths"));
        assertEquals(500, input.get("pathCount"));
        String longSite = "s".repeat(70);
        assertEquals(80, CompletionWatch.executionName(longSite, "I2J0I21PCUYOIK").length());
        assertTrue(CompletionWatch.executionName(longSite, "I2J0I21PCUYOIK").endsWith("-I2J0I21PCUYOIK"));
    }
}
