package siteops.invoke;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The one-line hints bin/invoke adds after a failure that comes from the local set-up, not from the function. */
class LambdaShimTest {
    private static final String LOCAL = "http://127.0.0.1:32819";

    /** Shaped like the functions' own exception wrapping an SDK failure. */
    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("cannot read the site registry: " + cause.getMessage(), cause);
    }

    @Test
    void anEmulatorThatDoesNotAnswerIsNamedWithTheWayBack() {
        String hint = LambdaShim.hint(wrapped(new RuntimeException("Unable to execute HTTP request: Connection refused")), LOCAL);
        assertTrue(hint.startsWith("nothing answers at AWS_ENDPOINT_URL " + LOCAL + ":"), hint);
        assertTrue(hint.contains("bin/local status") && hint.contains("eval \"$(bin/local env)\""), hint);
        String direct = LambdaShim.hint(wrapped(new ConnectException("connect timed out")), LOCAL);
        assertTrue(direct.startsWith("nothing answers at AWS_ENDPOINT_URL"), direct);
    }

    @Test
    void withoutAnEndpointMissingCredentialsOrAnAwsHostPointToTheEmulator() {
        for (Throwable failure : new Throwable[] {
                wrapped(new RuntimeException("Unable to load credentials from any of the providers in the chain")),
                wrapped(new UnknownHostException("ssm.ap-northeast-1.amazonaws.com"))}) {
            String hint = LambdaShim.hint(failure, null);
            assertTrue(hint.startsWith("no AWS_ENDPOINT_URL, so the function called the AWS account of your credentials"), hint);
            assertTrue(hint.endsWith("bin/local up && eval \"$(bin/local env)\""), hint);
        }
        // With an endpoint set, the same failures are the function's own business: no advice about endpoints.
        assertNull(LambdaShim.hint(wrapped(new RuntimeException("Unable to load credentials")), LOCAL));
    }

    @Test
    void aConfigurationErrorPointsToTheEnvVarsFile() {
        class ConfigurationException extends RuntimeException {
            ConfigurationException() {
                super("environment variable GITHUB_REPOSITORY is not set");
            }
        }
        String hint = LambdaShim.hint(new ConfigurationException(), LOCAL);
        assertTrue(hint.contains("--env-vars \"$SITEOPS_ENV_VARS\""), hint);
    }

    @Test
    void theFunctionsOwnFailuresGetNoHint() {
        assertNull(LambdaShim.hint(new IllegalArgumentException("unknown site 'no-such-site'"), LOCAL));
        assertNull(LambdaShim.hint(new IllegalArgumentException("unknown site 'no-such-site'"), null));
        assertNull(LambdaShim.hint(new RuntimeException("Connection refused"), null), "no endpoint to name");
    }
}
