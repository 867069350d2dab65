package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * infra/bootstrap (the once-per-account root: state bucket, GitHub OIDC, workflow roles, quota requests) checked
 * offline against the hashicorp/aws schema, like the generated roots (ProviderSchemaCheckTest).
 */
class BootstrapRootTest {

    @Test
    void theBootstrapRootIsValidAgainstTheProviderSchema() {
        TerraformCheck check = new TerraformCheck(ProviderSchema.load(), Set.of());
        check.check(Repository.ROOT.resolve("infra/bootstrap"));
        assertEquals(List.of(), check.problems());
    }

    @Test
    void theRolesAreTrustedOnlyWhereTheWorkflowsNeedThem() throws IOException {
        String main = Files.readString(Repository.ROOT.resolve("infra/bootstrap/main.tf"));
        assertTrue(main.contains("plan = [\"${local.repo_claims}:pull_request\", \"${local.repo_claims}:ref:refs/heads/main\"]"), "plan: PRs and the nightly drift on main");
        assertTrue(main.contains("apply  = [\"${local.repo_claims}:environment:production\"]"), "apply: production only");
        assertTrue(main.contains("variable = \"aws:SecureTransport\""), "state bucket: TLS only");
        String outputs = Files.readString(Repository.ROOT.resolve("infra/bootstrap/outputs.tf"));
        for (String variable : List.of("SITEOPS_STATE_BUCKET", "SITEOPS_PLAN_ROLE_ARN", "SITEOPS_APPLY_ROLE_ARN", "SITEOPS_DEPLOY_ROLE_ARN")) {
            assertTrue(outputs.contains("output \"" + variable + "\""), variable);
        }
    }
}
