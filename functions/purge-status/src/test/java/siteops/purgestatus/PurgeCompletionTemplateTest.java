package siteops.purgestatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siteops.common.Json;
import siteops.purgestatus.request.StatusCheck;
import siteops.testing.ProjectRoot;

/**
 * template.yaml's purge-completion state machine, read from the SAM transform's output as the ASL JSON Step
 * Functions receives, and walked by a small interpreter of the states it uses (moto records executions but would
 * really wait through the Wait states): the Wait -> Task -> Choice loop, the give-up at 20 minutes, and the
 * least-privilege roles around it.
 */
class PurgeCompletionTemplateTest {
    static JsonNode resources;
    static JsonNode definition;

    @BeforeAll
    static void transform(@TempDir Path dir) throws Exception {
        Path transformed = dir.resolve("transformed.json");
        Process process = new ProcessBuilder("python3", "tools/sam/transform.py", "template.yaml", transformed.toString())
                .directory(ProjectRoot.path().toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        resources = Json.MAPPER.readTree(transformed.toFile()).get("Resources");
        JsonNode lines = resources.get("PurgeCompletionStateMachine").get("Properties").get("DefinitionString").get("Fn::Join").get(1);
        List<String> text = new ArrayList<>();
        lines.forEach(line -> text.add(line.asText()));
        definition = Json.MAPPER.readTree(String.join("\n", text));
    }

    /** One run of the definition: the payloads the function received and the seconds waited in Wait states. */
    record Run(List<JsonNode> payloads, int secondsWaited, JsonNode output) {}

    /** Walks the definition from StartAt; {@code function} answers each Task's payload as PurgeStatusFunction would. */
    static Run run(JsonNode input, Function<JsonNode, Map<String, Object>> function) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        int waited = 0;
        JsonNode state = input;
        String name = definition.get("StartAt").asText();
        for (int steps = 0; steps < 1000; steps++) {
            JsonNode spec = definition.get("States").get(name);
            switch (spec.get("Type").asText()) {
                case "Pass" -> state = evaluate(spec.get("Parameters"), state);
                case "Wait" -> waited += spec.get("Seconds").asInt();
                case "Task" -> {
                    assertEquals("arn:aws:states:::lambda:invoke", spec.get("Resource").asText());
                    JsonNode parameters = evaluate(spec.get("Parameters"), state);
                    assertEquals("${PurgeStatusFunctionArn}", parameters.get("FunctionName").asText());
                    payloads.add(parameters.get("Payload"));
                    ObjectNode response = Json.MAPPER.createObjectNode();
                    response.set("Payload", Json.MAPPER.valueToTree(function.apply(parameters.get("Payload"))));
                    JsonNode selected = evaluate(spec.get("ResultSelector"), response);
                    assertEquals("$.check", spec.get("ResultPath").asText());
                    state = ((ObjectNode) state.deepCopy()).set("check", selected);
                }
                case "Choice" -> {
                    String next = spec.get("Default").asText();
                    for (JsonNode choice : spec.get("Choices")) {
                        JsonNode value = path(state, choice.get("Variable").asText());
                        boolean matches = choice.has("StringEquals") ? value.asText().equals(choice.get("StringEquals").asText())
                                : value.asInt() > choice.get("NumericGreaterThan").asInt();
                        if (matches) {
                            next = choice.get("Next").asText();
                            break;
                        }
                    }
                    name = next;
                    continue;
                }
                case "Succeed" -> {
                    return new Run(payloads, waited, state);
                }
                default -> throw new AssertionError("the test's interpreter does not know state type " + spec.get("Type"));
            }
            name = spec.get("Next").asText();
        }
        throw new AssertionError("the state machine did not end within 1000 steps");
    }

    private static final Pattern MATH_ADD = Pattern.compile("States\\.MathAdd\\((\\$[.\\w]*), *(-?\\d+)\\)");

    /** Parameters/ResultSelector: keys ending in .$ take a path (or States.MathAdd) of the input; others are literal. */
    static JsonNode evaluate(JsonNode template, JsonNode input) {
        if (!template.isObject()) {
            return template;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> field : template.properties()) {
            if (field.getKey().endsWith(".$")) {
                String expression = field.getValue().asText();
                Matcher add = MATH_ADD.matcher(expression);
                JsonNode value = add.matches() ? Json.MAPPER.valueToTree(path(input, add.group(1)).asInt() + Integer.parseInt(add.group(2)))
                        : path(input, expression);
                out.set(field.getKey().substring(0, field.getKey().length() - 2), value);
            } else {
                out.set(field.getKey(), evaluate(field.getValue(), input));
            }
        }
        return out;
    }

    static JsonNode path(JsonNode node, String path) {
        JsonNode at = node;
        for (String part : path.substring(1).split("\\.")) {
            if (!part.isEmpty()) {
                at = at.get(part);
                if (at == null) {
                    throw new AssertionError("path " + path + " is not in " + node + " (Step Functions would fail the execution)");
                }
            }
        }
        return at;
    }

    static JsonNode input() throws Exception {
        return Json.MAPPER.readTree("""
                {"site": "example-news", "invalidationId": "I2J0I21PCUYOIK", "paths": ["/news/*"], "pathCount": 1}""");
    }

    @Test
    void aPurgeDoneAtTheFirstCheckIsOneWaitOneCheckAndTheEnd() throws Exception {
        Run run = run(input(), payload -> Map.of("status", "Completed", "notified", true));
        assertEquals(30, run.secondsWaited());
        assertEquals(1, run.payloads().size());
        assertEquals(Json.MAPPER.readTree("""
                {"site": "example-news", "invalidationId": "I2J0I21PCUYOIK", "paths": ["/news/*"], "pathCount": 1, "lastCheck": false}"""),
                run.payloads().get(0));
        assertEquals(true, run.output().get("check").get("result").get("notified").asBoolean(), "the output holds the last result");
    }

    @Test
    void inProgressWaitsAgainUntilCompleted() throws Exception {
        int[] checks = {0};
        Run run = run(input(), payload -> Map.of("status", ++checks[0] < 4 ? "InProgress" : "Completed"));
        assertEquals(4, run.payloads().size());
        assertEquals(120, run.secondsWaited());
        assertTrue(run.payloads().stream().noneMatch(p -> p.get("lastCheck").asBoolean()));
    }

    @Test
    void givesUpAfterTwentyMinutesWithALastCheckThatSaysSo() throws Exception {
        Run run = run(input(), payload -> Map.of("status", "InProgress"));
        assertEquals(20 * 60, run.secondsWaited());
        assertEquals(40, run.payloads().size());
        assertTrue(run.payloads().get(39).get("lastCheck").asBoolean(), "the 40th check, at 20 minutes, is the last");
        assertTrue(run.payloads().subList(0, 39).stream().noneMatch(p -> p.get("lastCheck").asBoolean()));
    }

    @Test
    void everyPayloadIsAStatusCheckTheFunctionAccepts() throws Exception {
        Run run = run(input(), payload -> Map.of("status", "InProgress"));
        for (JsonNode payload : List.of(run.payloads().get(0), run.payloads().get(39))) {
            StatusCheck check = StatusCheck.parse(payload);
            assertEquals("example-news", check.site());
            assertEquals(List.of("/news/*"), check.typedPaths());
        }
    }

    @Test
    void everyRoleAllowsOnlyItsPartOfTheFlow() {
        assertEquals(List.of("states:StartExecution -> {\"Ref\":\"PurgeCompletionStateMachine\"}"),
                statements("CdnPurgeFunctionRole").stream().filter(s -> s.startsWith("states:")).toList(),
                "the purge may only start this state machine");
        assertEquals(List.of(
                "ssm:GetParameter,ssm:GetParametersByPath -> [{\"Fn::Sub\":\"arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${SitesParameterPrefix}*\"}]",
                "cloudfront:GetInvalidation -> {\"Ref\":\"PurgeableDistributionArns\"}",
                "sns:Publish -> {\"Fn::Sub\":\"arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:siteops-*-chatbot\"}"),
                statements("PurgeStatusFunctionRole"));
        assertEquals(List.of("lambda:InvokeFunction -> {\"Fn::GetAtt\":[\"PurgeStatusFunction\",\"Arn\"]}"),
                statements("PurgeCompletionStateMachineRole"));
        String managed = resources.get("PurgeStatusFunctionRole").get("Properties").path("ManagedPolicyArns").toString();
        assertFalse(managed.contains("FullAccess"), managed);
    }

    /** Each statement of a role's inline policies as "actions -> resource". */
    static List<String> statements(String role) {
        List<String> out = new ArrayList<>();
        for (JsonNode policy : resources.get(role).get("Properties").get("Policies")) {
            for (JsonNode statement : policy.get("PolicyDocument").get("Statement")) {
                assertEquals("Allow", statement.get("Effect").asText());
                JsonNode action = statement.get("Action");
                List<String> actions = new ArrayList<>();
                if (action.isArray()) {
                    action.forEach(a -> actions.add(a.asText()));
                } else {
                    actions.add(action.asText());
                }
                out.add(String.join(",", actions) + " -> " + statement.get("Resource"));
            }
        }
        return out;
    }
}
