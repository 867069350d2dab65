package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Security properties of everything under infra/modules and infra/generated, read from the Terraform itself. */
class SecurityTest {

    private record Resource(Path file, HclParser.Block block) {
        String type() {
            return block.labels().getFirst();
        }

        String where() {
            return file + ":" + block.line();
        }
    }

    private static final List<Resource> RESOURCES = new ArrayList<>();

    @BeforeAll
    static void readAllTerraform() throws IOException {
        for (Path file : files(".tf")) {
            for (HclParser.Block block : HclParser.parse(Files.readString(file)).blocks("resource")) {
                RESOURCES.add(new Resource(file, block));
            }
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Repository.MODULES, Repository.GENERATED)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(path -> path.toString().endsWith(suffix)).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static List<Resource> ofType(String type) {
        return RESOURCES.stream().filter(resource -> resource.type().equals(type)).toList();
    }

    private static Optional<String> value(HclParser.Block block, String path) {
        HclParser.Block at = block;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            List<HclParser.Block> nested = at.blocks(parts[i]);
            if (nested.isEmpty()) {
                return Optional.empty();
            }
            at = nested.getFirst();
        }
        HclParser.Attribute attribute = at.attributes().get(parts[parts.length - 1]);
        if (attribute == null) {
            return Optional.empty();
        }
        return Optional.of(attribute.expression().stream().map(HclParser.Token::text).reduce("", String::concat));
    }

    @Test
    void nothingAcceptsSshOrAllTraffic() {
        assertTrue(ofType("aws_security_group").stream().allMatch(group -> group.block().blocks("ingress").isEmpty()),
                "inline ingress blocks hide rules from review: use aws_vpc_security_group_ingress_rule");
        assertTrue(ofType("aws_security_group_rule").isEmpty(), "use aws_vpc_security_group_ingress_rule");
        List<Resource> ingress = ofType("aws_vpc_security_group_ingress_rule");
        assertFalse(ingress.isEmpty());
        for (Resource rule : ingress) {
            int from = Integer.parseInt(value(rule.block(), "from_port").orElseThrow());
            int to = Integer.parseInt(value(rule.block(), "to_port").orElseThrow());
            assertFalse(from <= 22 && 22 <= to, rule.where() + " opens port 22");
            assertEquals("tcp", value(rule.block(), "ip_protocol").orElseThrow(), rule.where());
            assertFalse(value(rule.block(), "cidr_ipv4").isPresent() || value(rule.block(), "cidr_ipv6").isPresent(),
                    rule.where() + ": ingress only from CloudFront's prefix list or another security group");
        }
    }

    @Test
    void instancesRequireImdsV2AndEncryptTheirDisks() {
        assertFalse(ofType("aws_instance").isEmpty());
        for (Resource instance : ofType("aws_instance")) {
            assertEquals(Optional.of("required"), value(instance.block(), "metadata_options.http_tokens"), instance.where());
            assertEquals(Optional.of("true"), value(instance.block(), "root_block_device.encrypted"), instance.where());
            assertTrue(instance.block().attributes().get("key_name") == null, instance.where() + ": no SSH key pairs");
        }
    }

    @Test
    void everyBucketIsEncryptedAndPrivate() {
        for (Resource bucket : ofType("aws_s3_bucket")) {
            String reference = "aws_s3_bucket." + bucket.block().labels().get(1) + ".id";
            for (String companion : List.of("aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_public_access_block")) {
                assertTrue(ofType(companion).stream().anyMatch(other -> other.file().equals(bucket.file())
                        && value(other.block(), "bucket").orElse("").equals(reference)), bucket.where() + " has no " + companion);
            }
        }
    }

    @Test
    void everyDistributionHasWafModernTlsAndHttpsOnly() {
        assertFalse(ofType("aws_cloudfront_distribution").isEmpty());
        for (Resource distribution : ofType("aws_cloudfront_distribution")) {
            assertTrue(value(distribution.block(), "web_acl_id").isPresent(), distribution.where() + " has no WAF");
            assertEquals(Optional.of("TLSv1.2_2021"), value(distribution.block(), "viewer_certificate.minimum_protocol_version"), distribution.where());
            for (HclParser.Block behavior : distribution.block().blocks().stream()
                    .filter(block -> block.type().endsWith("cache_behavior")).toList()) {
                assertTrue(Set.of("redirect-to-https", "https-only").contains(value(behavior, "viewer_protocol_policy").orElse("")), distribution.where());
                assertEquals(Optional.of("true"), value(behavior, "compress"), distribution.where());
            }
        }
        for (Resource acl : ofType("aws_wafv2_web_acl")) {
            assertEquals(Optional.of("CLOUDFRONT"), value(acl.block(), "scope"), acl.where());
        }
    }

    @Test
    void backupWindowsCarryTheTagsThePagerDutyFunctionRoutesBy() {
        assertFalse(ofType("aws_ssm_maintenance_window").isEmpty());
        for (Resource window : ofType("aws_ssm_maintenance_window")) {
            String tags = value(window.block(), "tags").orElse("");
            for (String key : List.of("siteops:backup", "siteops:site", "siteops:pagerduty-secret")) {
                assertTrue(tags.contains(key), window.where() + " lacks tag " + key);
            }
        }
    }

    @Test
    void noSecretLiteralsAnywhereUnderInfra() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Repository.ROOT.resolve("infra"))) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(path -> !path.toString().contains("/target/") && !path.toString().endsWith(".zip") && !path.toString().endsWith("Test.java"))
                    .toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    int line = i + 1;
                    SecretScanner.recognise(lines.get(i)).ifPresent(kind -> found.add(file + ":" + line + ": " + kind));
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
