package siteops.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * bin/local received: what the emulated CloudFront and Step Functions, the Slack channel stand-in, GitHub and
 * PagerDuty hold after the functions ran (bin/demo prints it at its end).
 */
final class Received {
    private final EmulatorState state;
    private final PrintStream out;

    Received(EmulatorState state, PrintStream out) {
        this.state = state;
        this.out = out;
    }

    void print() {
        try (EmulatorClients clients = new EmulatorClients(state)) {
            invalidations(clients);
            executions(clients);
            slackChannels(clients);
        }
        issues();
        pagerDutyEvents();
    }

    private void invalidations(EmulatorClients clients) {
        out.println("-- CloudFront invalidations (emulator)");
        try (CloudFrontClient cloudFront = clients.cloudFront()) {
            List<DistributionSummary> distributions = cloudFront.listDistributions().distributionList().items();
            for (DistributionSummary distribution : distributions) {
                for (InvalidationSummary item : cloudFront.listInvalidations(r -> r.distributionId(distribution.id())).invalidationList().items()) {
                    List<String> paths = cloudFront.getInvalidation(r -> r.distributionId(distribution.id()).id(item.id()))
                            .invalidation().invalidationBatch().paths().items();
                    out.println(distribution.id() + " " + item.id() + ": " + String.join(" ", paths));
                }
            }
        }
    }

    private void executions(EmulatorClients clients) {
        out.println("-- purge-completion executions (emulator: started, not run)");
        try (SfnClient stepFunctions = clients.stepFunctions()) {
            for (StateMachineListItem machine : stepFunctions.listStateMachines().stateMachines()) {
                for (ExecutionListItem execution : stepFunctions.listExecutions(r -> r.stateMachineArn(machine.stateMachineArn())).executions()) {
                    out.println(machine.name() + " " + execution.name());
                }
            }
        }
    }

    private void slackChannels(EmulatorClients clients) {
        out.println("-- Slack channels (an SQS queue subscribed to each site's Chatbot topic)");
        try (SqsClient sqs = clients.sqs()) {
            for (String queue : sqs.listQueues().queueUrls()) {
                if (!queue.endsWith("-chatbot-slack")) {
                    continue;
                }
                for (Message message : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(0)).messages()) {
                    // The SNS envelope, whose Message is the Chatbot custom notification.
                    JsonNode content = readJson(readJson(message.body()).path("Message").asText()).path("content");
                    out.println(queue.substring(queue.lastIndexOf('/') + 1) + ": " + content.path("title").asText()
                            + "\n    " + content.path("description").asText());
                }
            }
        }
    }

    private void issues() {
        out.println("-- GitHub issues (stand-in)");
        for (JsonNode issue : fakeState(state.github()).path("issues")) {
            List<String> labels = new ArrayList<>();
            issue.path("labels").forEach(label -> labels.add(label.isTextual() ? label.asText() : label.path("name").asText()));
            JsonNode comments = issue.path("comments");
            int count = comments.isArray() ? comments.size() : comments.asInt();
            out.println("#" + issue.path("number").asText() + " [" + issue.path("state").asText() + "] " + issue.path("title").asText()
                    + "  (" + count + (count == 1 ? " comment" : " comments") + "; labels: " + String.join(", ", labels) + ")");
        }
    }

    private void pagerDutyEvents() {
        out.println("-- PagerDuty events (stand-in)");
        String base = state.pagerduty().endsWith("/v2/enqueue")
                ? state.pagerduty().substring(0, state.pagerduty().length() - "/v2/enqueue".length()) : state.pagerduty();
        for (JsonNode event : fakeState(base).path("accepted")) {
            String summary = event.path("payload").path("summary").asText("");
            out.printf("%-8s %s  %s%n", event.path("event_action").asText(), event.path("dedup_key").asText(),
                    summary.codePointCount(0, summary.length()) > 100 ? summary.substring(0, summary.offsetByCodePoints(0, 99)) + "…" : summary);
        }
    }

    /** A stand-in's GET /_fake/state (never a header, so never a token). */
    private static JsonNode fakeState(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/_fake/state")).build();
        try {
            return readJson(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new LocalException("the stand-in at " + baseUrl + " does not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return EmulatorState.JSON.readTree(text);
        } catch (IOException e) {
            throw new LocalException("not JSON: " + e.getMessage());
        }
    }
}
