package siteops.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInvokeArgumentsTest {
    @Test
    void parameterOverridesAcceptEverySamForm() {
        Map<String, String> overrides = new LinkedHashMap<>();
        LocalInvoke.parameterOverrides("A=1 B=x=y", overrides);
        LocalInvoke.parameterOverrides("ParameterKey=C,ParameterValue=/p/", overrides);
        assertEquals(Map.of("A", "1", "B", "x=y", "C", "/p/"), overrides);
        assertThrows(InvokeException.class, () -> LocalInvoke.parameterOverrides("ParameterKey=C", new LinkedHashMap<>()));
        assertThrows(InvokeException.class, () -> LocalInvoke.parameterOverrides("=1", new LinkedHashMap<>()));
    }

    @Test
    void anEnvVarsFileThatIsNotThereOrNotAFileIsNamedOnceWithTheReason(@TempDir Path folder) {
        Path missing = folder.resolve("env.json");
        InvokeException notThere = assertThrows(InvokeException.class,
                () -> Options.parse(new String[] {"Fn", "--env-vars", missing.toString()}));
        assertEquals("--env-vars file " + missing + ": no such file", notThere.getMessage());
        InvokeException aFolder = assertThrows(InvokeException.class,
                () -> Options.parse(new String[] {"Fn", "-n", folder.toString()}));
        assertEquals("--env-vars file " + folder + ": not a file", aFolder.getMessage());
        // "$SITEOPS_ENV_VARS" in a shell that never ran bin/local env: the current folder would be "not a file".
        InvokeException empty = assertThrows(InvokeException.class, () -> Options.parse(new String[] {"Fn", "--env-vars", ""}));
        assertEquals("--env-vars is empty: is SITEOPS_ENV_VARS set? bin/local up && eval \"$(bin/local env)\"", empty.getMessage());
    }

    @Test
    void credentialsOfEveryKindPassThroughButNothingElseFromTheShell() {
        FunctionSpec function = new FunctionSpec("Fn", "siteops-fn", "x.Handler", "java21", 512, 10, Path.of("fn.jar"),
                Map.of("DECLARED", "template"));
        Map<String, String> shell = Map.of(
                "AWS_WEB_IDENTITY_TOKEN_FILE", "/token", "AWS_ROLE_ARN", "arn:aws:iam::1:role/r",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials", "AWS_CA_BUNDLE", "/ca.pem",
                "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:1", "DECLARED", "shell", "GITHUB_TOKEN", "never");
        Map<String, String> env = LocalInvoke.environment(function, null, shell, "ap-northeast-1");
        assertEquals("/token", env.get("AWS_WEB_IDENTITY_TOKEN_FILE"));
        assertEquals("arn:aws:iam::1:role/r", env.get("AWS_ROLE_ARN"));
        assertEquals("http://169.254.170.23/v1/credentials", env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
        assertEquals("/ca.pem", env.get("AWS_CA_BUNDLE"));
        assertEquals("http://127.0.0.1:1", env.get("AWS_ENDPOINT_URL_SSM"));
        assertEquals("template", env.get("DECLARED"), "the shell does not override template variables");
        assertEquals(null, env.get("GITHUB_TOKEN"), "other shell variables stay out");
        assertEquals("ap-northeast-1", env.get("AWS_REGION"));
        assertEquals("siteops-fn", env.get("AWS_LAMBDA_FUNCTION_NAME"));
    }
}
