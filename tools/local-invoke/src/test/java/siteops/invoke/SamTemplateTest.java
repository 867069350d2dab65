package siteops.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siteops.testing.ProjectRoot;

class SamTemplateTest {
    static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Prefix:
                Type: String
                Default: siteops
              Table:
                Type: String
            Globals:
              Function:
                Runtime: java21
                MemorySize: 512
                Environment:
                  Variables:
                    SHARED: from-globals
                    OVERRIDDEN: from-globals
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Fn:
                Type: AWS::Serverless::Function
                Metadata:
                  SiteopsArtifact: build/fn.jar
                Properties:
                  FunctionName: !Sub "${Prefix}-fn"
                  Handler: example.Handler::handleRequest
                  Timeout: 20
                  Environment:
                    Variables:
                      OVERRIDDEN: from-function
                      PREFIX: !Ref Prefix
                      QUEUE: !Ref Queue
                      QUEUE_ARN: !GetAtt Queue.Arn
                      REGION_AND_ACCOUNT: !Sub "${AWS::Region}:${AWS::AccountId}:${Queue.Arn}"
                      JOINED: !Join ["-", [a, !Ref Prefix]]
                      LONG_FORM: {"Fn::Sub": "x-${Prefix}"}
                      CONDITIONAL: !If [Cond, a, b]
                      NUMBER: 3
              NotJava:
                Type: AWS::Serverless::Function
                Metadata:
                  SiteopsArtifact: x.zip
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
            """;

    static SamTemplate read(Path dir, Map<String, String> overrides) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, TEMPLATE);
        return SamTemplate.read(file, overrides, "ap-northeast-1");
    }

    @Test
    void resolvesAFunctionLikeSamLocalInvoke(@TempDir Path dir) throws IOException {
        FunctionSpec fn = read(dir, Map.of()).function("Fn");
        assertEquals("siteops-fn", fn.functionName());
        assertEquals("example.Handler::handleRequest", fn.handler());
        assertEquals("java21", fn.runtime());
        assertEquals(512, fn.memoryMb());
        assertEquals(20, fn.timeoutSeconds());
        assertEquals(dir.resolve("build/fn.jar"), fn.artifact());
        Map<String, String> env = fn.environment();
        assertEquals("from-globals", env.get("SHARED"));
        assertEquals("from-function", env.get("OVERRIDDEN"));
        assertEquals("siteops", env.get("PREFIX"));
        assertEquals("Queue", env.get("QUEUE"), "a resource's Ref is its logical id, as in sam local");
        assertEquals("Queue.Arn", env.get("QUEUE_ARN"));
        assertEquals("ap-northeast-1:123456789012:Queue.Arn", env.get("REGION_AND_ACCOUNT"));
        assertEquals("a-siteops", env.get("JOINED"));
        assertEquals("x-siteops", env.get("LONG_FORM"));
        assertEquals("3", env.get("NUMBER"));
        assertFalse(env.containsKey("CONDITIONAL"), "unsupported intrinsics leave the variable unset, with a warning");
    }

    @Test
    void parameterOverridesReplaceDefaults(@TempDir Path dir) throws IOException {
        assertEquals("other-fn", read(dir, Map.of("Prefix", "other")).function("Fn").functionName());
        InvokeException error = assertThrows(InvokeException.class, () -> read(dir, Map.of("Nope", "x")));
        assertTrue(error.getMessage().contains("'Nope'"), error.getMessage());
    }

    @Test
    void refusesWhatItCannotRun(@TempDir Path dir) throws IOException {
        SamTemplate template = read(dir, Map.of());
        InvokeException unknown = assertThrows(InvokeException.class, () -> template.function("Queue"));
        assertTrue(unknown.getMessage().contains("its functions are: Fn, NotJava"), unknown.getMessage());
        InvokeException python = assertThrows(InvokeException.class, () -> template.function("NotJava"));
        assertTrue(python.getMessage().contains("Java functions only"), python.getMessage());
    }

    @Test
    void refusesATemplateThatIsNotYaml(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, "Resources: [unclosed");
        InvokeException error = assertThrows(InvokeException.class, () -> SamTemplate.read(file, Map.of(), "us-east-1"));
        assertTrue(error.getMessage().contains("not valid YAML"), error.getMessage());
    }

    @Test
    void aMissingOrUnreadableTemplateIsNamedOnce(@TempDir Path dir) {
        Path missing = dir.resolve("none.yaml");
        assertEquals("template " + missing + ": no such file",
                assertThrows(InvokeException.class, () -> SamTemplate.read(missing, Map.of(), "us-east-1")).getMessage());
        String directory = assertThrows(InvokeException.class, () -> SamTemplate.read(dir, Map.of(), "us-east-1")).getMessage();
        assertTrue(directory.startsWith("cannot read template " + dir + ": "), directory);
        assertEquals(1, Messages.count(directory, dir.toString()), directory);
    }

    @Test
    void anUnknownFunctionNameSuggestsTheOneMeant() throws IOException {
        SamTemplate template = SamTemplate.read(ProjectRoot.resolve("template.yaml"), Map.of(), "ap-northeast-1");
        for (String given : List.of("cdnpurgefunction", "CdnPurgeFuncton", "siteops-cdn-purge")) {
            String message = assertThrows(InvokeException.class, () -> template.function(given)).getMessage();
            assertTrue(message.startsWith("template has no function '" + given + "'; did you mean CdnPurgeFunction? Its functions are: "),
                    message);
        }
        String unrelated = assertThrows(InvokeException.class, () -> template.function("Backup")).getMessage();
        assertFalse(unrelated.contains("did you mean"), unrelated);
        assertTrue(unrelated.contains("CdnPurgeFunction, "), unrelated);
        assertEquals(3, SamTemplate.editDistance("kitten", "sitting"));
        assertEquals(0, SamTemplate.editDistance("", ""));
        assertEquals(4, SamTemplate.editDistance("", "abcd"));
    }

    @Test
    void theProjectTemplatesLogLevelReachesTheFunctionsAsLambdaPassesIt() throws IOException {
        Path template = ProjectRoot.resolve("template.yaml");
        for (String id : SamTemplate.read(template, Map.of(), "ap-northeast-1").functionIds()) {
            Map<String, String> env = SamTemplate.read(template, Map.of(), "ap-northeast-1").function(id).environment();
            assertEquals("JSON", env.get("AWS_LAMBDA_LOG_FORMAT"), id);
            assertEquals("INFO", env.get("AWS_LAMBDA_LOG_LEVEL"), id);
            assertEquals("DEBUG", SamTemplate.read(template, Map.of("LogLevel", "DEBUG"), "ap-northeast-1").function(id)
                    .environment().get("AWS_LAMBDA_LOG_LEVEL"), id + ": --parameter-overrides LogLevel=DEBUG");
        }
    }

    @Test
    void dryRunOverrideReachesTheFunctionsThatWrite() throws IOException {
        Path template = ProjectRoot.resolve("template.yaml");
        for (String id : java.util.List.of("HealthToGitHubFunction", "MaintenanceToPagerDutyFunction")) {
            assertEquals("false", SamTemplate.read(template, Map.of(), "ap-northeast-1").function(id).environment().get("DRY_RUN"), id);
            assertEquals("true", SamTemplate.read(template, Map.of("DryRun", "true"), "ap-northeast-1").function(id)
                    .environment().get("DRY_RUN"), id + ": --parameter-overrides DryRun=true");
        }
    }

    @Test
    void everyFunctionOfTheProjectTemplateNamesAnArtifactAndAMakefileTarget() throws IOException {
        SamTemplate template = SamTemplate.read(ProjectRoot.resolve("template.yaml"), Map.of(), "ap-northeast-1");
        String makefile = Files.readString(ProjectRoot.resolve("Makefile"));
        assertFalse(template.functionIds().isEmpty());
        for (String id : template.functionIds()) {
            FunctionSpec fn = template.function(id);
            Path artifact = ProjectRoot.path().relativize(fn.artifact());
            assertTrue(makefile.contains("build-" + id + ":"), "Makefile has no target build-" + id);
            assertTrue(makefile.contains("cp " + artifact + " "), "Makefile target for " + id + " must ship " + artifact);
        }
    }
}
