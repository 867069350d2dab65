package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** terraform validate's job, offline: names checked against hashicorp/aws 6.25, hashicorp/random 3.7 and PagerDuty/pagerduty 3.30 (@cdktf/provider-*). */
class ProviderSchemaCheckTest {

    private static ProviderSchema schema;

    @BeforeAll
    static void loadSchema() {
        schema = ProviderSchema.load();
    }

    @Test
    void everyGeneratedRootAndTheModulesItUsesAreValid() throws IOException {
        TerraformCheck check = new TerraformCheck(schema, Set.of("slack-purge"));
        try (Stream<Path> roots = Files.list(Repository.GENERATED)) {
            roots.filter(Files::isDirectory).sorted().forEach(check::check);
        }
        check.notes().forEach(note -> System.out.println("NOTE " + note));
        assertEquals(List.of(), check.problems());
    }

    @Test
    void theSchemaKnowsNestedBlocksAndComputedAttributes() {
        ProviderSchema.Shape instance = schema.resource("aws_instance").orElseThrow();
        assertTrue(instance.blocks().get("metadata_options").arguments().contains("http_tokens"));
        assertTrue(instance.readable().contains("public_ip"));
        assertTrue(schema.resource("aws_wafv2_web_acl").orElseThrow().blocks().get("rule").opaque().contains("statement"));
        assertTrue(schema.resource("aws_acm_certificate").orElseThrow().readable().contains("domain_validation_options"));
        assertTrue(schema.dataSource("aws_ec2_managed_prefix_list").isPresent());
        assertTrue(schema.resource("aws_no_such_thing").isEmpty());
        ProviderSchema.Shape password = schema.resource("random_password").orElseThrow();
        assertTrue(password.arguments().contains("length") && password.arguments().contains("special"), password.toString());
        assertTrue(password.readable().contains("result"), password.toString());
        assertTrue(schema.resource("random_no_such_thing").isEmpty());
        ProviderSchema.Shape integration = schema.resource("pagerduty_service_integration").orElseThrow();
        assertTrue(integration.arguments().containsAll(List.of("service", "vendor", "type")), integration.toString());
        assertTrue(integration.readable().contains("integration_key"), integration.toString());
        assertTrue(schema.dataSource("pagerduty_vendor").isPresent());
        assertTrue(schema.provider("pagerduty").orElseThrow().arguments().contains("token"));
        assertTrue(schema.provider("nosuch").isEmpty());
    }

    /** Each row: a deliberately broken snippet, and the problem it must produce. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "resource \"aws_instance\" \"a\" {\\n  instance_typ = \"t3.small\"\\n}|main.tf:2: aws_instance: unknown argument 'instance_typ'",
        "resource \"aws_instance\" \"a\" {\\n  metadata_options {\\n    http_token = \"required\"\\n  }\\n}|main.tf:3: aws_instance.metadata_options: unknown argument 'http_token'",
        "resource \"aws_instance\" \"a\" {\\n  metadata_option {\\n  }\\n}|main.tf:2: aws_instance: unknown block 'metadata_option'",
        "resource \"aws_instance\" \"a\" {\\n  root_block_device = {}\\n}|main.tf:2: aws_instance: 'root_block_device' is a block",
        "resource \"aws_ec2_instance\" \"a\" {\\n}|main.tf:1: unknown resource type 'aws_ec2_instance'",
        "resource \"random_password\" \"a\" {\\n  lenght = 32\\n}|main.tf:2: random_password: unknown argument 'lenght'",
        "resource \"random_password\" \"a\" {\\n  length = 32\\n}\\noutput \"o\" {\\n  value = random_password.a.value\\n}|main.tf:5: random_password.a.value: no attribute 'value'",
        "resource \"aws_eip\" \"a\" {\\n  instance = aws_instance.missing.id\\n}|main.tf:2: aws_instance.missing.id: unknown reference",
        "resource \"aws_instance\" \"a\" {\\n}\\noutput \"o\" {\\n  value = aws_instance.a.public_ipp\\n}|main.tf:4: aws_instance.a.public_ipp: no attribute 'public_ipp'",
        "output \"o\" {\\n  value = \"${var.nope}\"\\n}|main.tf:2: var.nope: no variable 'nope'",
        "output \"o\" {\\n  value = local.nope\\n}|main.tf:2: local.nope: no local value 'nope'",
        "provider \"aws\" {\\n  regoin = \"us-east-1\"\\n}|main.tf:2: provider aws: unknown argument 'regoin'",
        "provider \"pagerduty\" {\\n  tokn = \"x\"\\n}|main.tf:2: provider pagerduty: unknown argument 'tokn'",
        "resource \"pagerduty_service\" \"a\" {\\n  escalation_polcy = \"P1\"\\n}|main.tf:2: pagerduty_service: unknown argument 'escalation_polcy'",
        "data \"pagerduty_vendr\" \"a\" {\\n}|main.tf:1: unknown data source type 'pagerduty_vendr'",
        "module \"m\" {\\n  source = \"./child\"\\n  sitee  = \"x\"\\n}|main.tf:3: module 'm' has no variable 'sitee'",
        "module \"m\" {\\n  source = \"./child\"\\n}|main.tf:1: module 'm' needs 'site' (no default)",
        "module \"m\" {\\n  source = \"./child\"\\n  site   = \"x\"\\n}\\noutput \"o\" {\\n  value = module.m.nope\\n}|main.tf:6: module.m.nope: module 'm' has no output 'nope'",
    })
    void aBrokenSnippetFails(String snippet, String expected, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), snippet.replace("\\n", "\n") + "\n");
        Files.createDirectories(dir.resolve("child"));
        Files.writeString(dir.resolve("child/main.tf"), "variable \"site\" {\n  type = string\n}\n\noutput \"name\" {\n  value = var.site\n}\n");
        TerraformCheck check = new TerraformCheck(schema, Set.of());
        check.check(dir);
        String expectedProblem = dir.resolve(expected.split(":")[0]) + expected.substring(expected.indexOf(':'));
        assertTrue(check.problems().stream().anyMatch(problem -> problem.startsWith(expectedProblem)),
                () -> "expected " + expectedProblem + "\n got " + check.problems());
    }

    @Test
    void aCorrectSnippetPasses(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_instance" "a" {
                  instance_type = "t3.small"
                  metadata_options {
                    http_tokens = "required"
                  }
                }

                output "ip" {
                  value = [for i in [aws_instance.a] : i.public_ip]
                }
                """);
        TerraformCheck check = new TerraformCheck(schema, Set.of());
        check.check(dir);
        assertEquals(List.of(), check.problems());
    }
}
