package siteops.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siteops.testing.ProjectRoot;

/** template.yaml passes cfn-lint and the SAM transform, and keeps the promises other tools rely on. */
class TemplateTest {
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(ProjectRoot.path().toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertEquals(0, exit, String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    @Test
    void cfnLintFindsNothing() throws Exception {
        run(List.of("cfn-lint", "--format", "parseable", "template.yaml"));
    }

    @Test
    void theChecksCatchABrokenTemplate(@TempDir Path dir) throws Exception {
        String template = java.nio.file.Files.readString(ProjectRoot.resolve("template.yaml"));
        Path broken = dir.resolve("template.yaml");
        java.nio.file.Files.writeString(broken, template.replace("MemorySize: 1024", "MemorySiz: 1024"));
        Process lint = new ProcessBuilder("cfn-lint", broken.toString()).redirectErrorStream(true).start();
        String lintOutput = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor() != 0 && lintOutput.contains("MemorySiz"), lintOutput);

        java.nio.file.Files.writeString(broken, template.replace("AutoPublishAlias: live", "AutoPublishAlias: [live]"));
        Process transform = new ProcessBuilder("python3", ProjectRoot.resolve("tools/sam/transform.py").toString(), broken.toString())
                .redirectErrorStream(true).start();
        String transformOutput = new String(transform.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(transform.waitFor() != 0 && transformOutput.contains("SAM transform error"), transformOutput);
    }

    @Test
    void samTransformsItAndTheResultLints(@TempDir Path dir) throws Exception {
        Path transformed = dir.resolve("transformed.json");
        run(List.of("python3", "tools/sam/transform.py", "template.yaml", transformed.toString()));
        run(List.of("cfn-lint", "--format", "parseable", transformed.toString()));
        JsonNode resources = new ObjectMapper().readTree(transformed.toFile()).get("Resources");

        JsonNode purge = resources.get("CdnPurgeFunction").get("Properties");
        assertEquals("PublishedVersions", purge.get("SnapStart").get("ApplyOn").asText());
        assertTrue(purge.get("Runtime").asText().matches("java2[15]"), purge.get("Runtime").toString());
        assertEquals("arm64", purge.get("Architectures").get(0).asText());
        assertTrue(resources.has("CdnPurgeFunctionAliaslive"), "SnapStart runs on published versions through the live alias");
        assertTrue(resources.has("CdnPurgeErrorsAlarm") && resources.has("CdnPurgeLogGroup"));
        // An editor's typo (counted as siteops/BadInput) must not page: the alarm watches errors minus refusals.
        String alarm = resources.get("CdnPurgeErrorsAlarm").get("Properties").get("Metrics").toString();
        assertTrue(alarm.contains("\"MetricName\":\"BadInput\"") && alarm.contains("FILL(errors, 0) - FILL(badinput, 0)"), alarm);
    }

    /** samconfig.toml, which sam deploy and the functions-deploy workflow read, as a TOML document in JSON. */
    static JsonNode samconfig() throws Exception {
        String toJson = "import json, sys\n"
                + "try:\n    import tomllib\n"
                + "except ImportError:  # Python < 3.11: the parser pip carries\n    from pip._vendor import tomli as tomllib\n"
                + "print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))\n";
        return new ObjectMapper().readTree(run(List.of("python3", "-c", toJson, "samconfig.toml")));
    }

    @Test
    void samconfigDeploysThisTemplateWithTheCapabilitiesItNeeds(@TempDir Path dir) throws Exception {
        JsonNode config = samconfig();
        assertEquals("0.1", config.path("version").asText());
        assertEquals("siteops", config.at("/default/global/parameters/stack_name").asText());
        JsonNode deploy = config.at("/default/deploy/parameters");
        assertTrue(deploy.path("resolve_s3").asBoolean() || deploy.hasNonNull("s3_bucket"), "sam deploy needs a bucket for the jars: " + deploy);
        assertTrue(deploy.path("region").asText().matches("[a-z]{2}(-[a-z]+)+-\\d"), deploy.toString());

        Path transformed = dir.resolve("transformed.json");
        run(List.of("python3", "tools/sam/transform.py", "template.yaml", transformed.toString()));
        JsonNode template = new ObjectMapper().readTree(transformed.toFile());
        java.util.Set<String> needed = new java.util.TreeSet<>();
        template.get("Resources").forEach(resource -> {
            String type = resource.path("Type").asText();
            JsonNode properties = resource.path("Properties");
            if (type.startsWith("AWS::IAM::")) {
                boolean named = properties.has("RoleName") || properties.has("ManagedPolicyName") || properties.has("UserName")
                        || properties.has("GroupName") || properties.has("InstanceProfileName");
                needed.add(named ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM");
            }
            if (type.equals("AWS::CloudFormation::Stack") || type.equals("AWS::Serverless::Application")) {
                needed.add("CAPABILITY_AUTO_EXPAND");
            }
        });
        java.util.Set<String> given = new java.util.TreeSet<>(List.of(deploy.path("capabilities").asText().split("\\s+")));
        if (given.contains("CAPABILITY_NAMED_IAM")) {
            given.add("CAPABILITY_IAM"); // the named capability covers unnamed IAM resources too
        }
        assertTrue(given.containsAll(needed), "the template needs " + needed + ", samconfig.toml gives " + given);
        assertTrue(needed.contains("CAPABILITY_IAM"), "the functions' roles are IAM resources: " + needed);

        // Overrides kept in the file must name parameters the template has (a renamed parameter fails the deploy).
        String overrides = deploy.path("parameter_overrides").asText("");
        for (String pair : overrides.isBlank() ? new String[0] : overrides.trim().split("\\s+")) {
            String name = pair.substring(0, Math.max(0, pair.indexOf('=')));
            assertTrue(template.path("Parameters").has(name), "samconfig.toml overrides unknown parameter '" + name + "'");
        }
    }

    @Test
    void purgeRoleMayOnlyReadTheRegistryAndCreateInvalidations(@TempDir Path dir) throws Exception {
        Path transformed = dir.resolve("transformed.json");
        run(List.of("python3", "tools/sam/transform.py", "template.yaml", transformed.toString()));
        JsonNode role = new ObjectMapper().readTree(transformed.toFile()).get("Resources").get("CdnPurgeFunctionRole").get("Properties");
        List<String> actions = new java.util.ArrayList<>();
        for (JsonNode policy : role.get("Policies")) {
            for (JsonNode statement : policy.get("PolicyDocument").get("Statement")) {
                JsonNode action = statement.get("Action");
                if (action.isArray()) {
                    action.forEach(a -> actions.add(a.asText()));
                } else {
                    actions.add(action.asText());
                }
                assertTrue(!statement.get("Resource").toString().equals("\"*\""), "no statement on every resource: " + statement);
            }
        }
        assertEquals(List.of("ssm:GetParameter", "ssm:GetParametersByPath", "cloudfront:CreateInvalidation", "states:StartExecution"), actions);
        String managed = role.get("ManagedPolicyArns").toString();
        assertTrue(managed.contains("AWSLambdaBasicExecutionRole") && !managed.contains("FullAccess"), managed);
    }
}
