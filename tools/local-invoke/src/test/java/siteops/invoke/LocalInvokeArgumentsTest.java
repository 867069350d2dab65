package siteops.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
