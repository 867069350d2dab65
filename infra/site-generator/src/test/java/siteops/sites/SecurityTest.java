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
import java.util.regex.Pattern;
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
    private static final List<Resource> OUTPUTS = new ArrayList<>();

    @BeforeAll
    static void readAllTerraform() throws IOException {
        for (Path file : files(".tf")) {
            HclParser.Block parsed = HclParser.parse(Files.readString(file));
            for (HclParser.Block block : parsed.blocks("resource")) {
                RESOURCES.add(new Resource(file, block));
            }
            for (HclParser.Block block : parsed.blocks("output")) {
                OUTPUTS.add(new Resource(file, block));
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
    void theAlbAdmitsCloudFrontOnHttpsOnly() {
        List<Resource> fromCloudFront = ofType("aws_vpc_security_group_ingress_rule").stream()
                .filter(rule -> value(rule.block(), "prefix_list_id").isPresent()).toList();
        assertFalse(fromCloudFront.isEmpty());
        for (Resource rule : fromCloudFront) {
            assertEquals(Optional.of("443"), value(rule.block(), "from_port"), rule.where() + ": CloudFront reaches the ALB on 443 only");
            assertEquals(Optional.of("443"), value(rule.block(), "to_port"), rule.where() + ": CloudFront reaches the ALB on 443 only");
        }
    }

    @Test
    void everyCloudFrontCustomOriginIsHttpsOnlyWithTls12() {
        int customOrigins = 0;
        for (Resource distribution : ofType("aws_cloudfront_distribution")) {
            for (HclParser.Block origin : distribution.block().blocks("origin")) {
                for (HclParser.Block custom : origin.blocks("custom_origin_config")) {
                    customOrigins++;
                    assertEquals(Optional.of("https-only"), value(custom, "origin_protocol_policy"), distribution.where() + ": origin " + value(origin, "origin_id"));
                    assertEquals(Optional.of("[TLSv1.2]"), value(custom, "origin_ssl_protocols"), distribution.where() + ": origin TLS 1.2 only (no SSLv3, TLSv1, TLSv1.1)");
                }
            }
        }
        assertTrue(customOrigins > 0, "no custom origin found: the Movable Type distribution has one");
    }

    /** Listener names of a module directory whose protocol is HTTPS. */
    private static Set<String> httpsListeners(Path moduleDir) {
        Set<String> names = new java.util.HashSet<>();
        for (Resource listener : ofType("aws_lb_listener")) {
            if (listener.file().getParent().equals(moduleDir) && value(listener.block(), "protocol").orElse("").equals("HTTPS")) {
                names.add(listener.block().labels().get(1));
            }
        }
        return names;
    }

    @Test
    void noAlbListenerForwardsPlainHttp() {
        assertFalse(ofType("aws_lb_listener").isEmpty());
        for (Resource listener : ofType("aws_lb_listener")) {
            String protocol = value(listener.block(), "protocol").orElse("");
            if (protocol.equals("HTTPS")) {
                assertTrue(value(listener.block(), "ssl_policy").orElse("").startsWith("ELBSecurityPolicy-TLS13-1-2-"),
                        listener.where() + ": TLS 1.2+ policy (ELBSecurityPolicy-TLS13-1-2-*)");
                assertTrue(value(listener.block(), "certificate_arn").isPresent(), listener.where());
            } else {
                for (HclParser.Block action : listener.block().blocks("default_action")) {
                    assertEquals(Optional.of("redirect"), value(action, "type"), listener.where() + ": a " + protocol + " listener may only redirect to HTTPS");
                    assertEquals(Optional.of("HTTPS"), value(action, "redirect.protocol"), listener.where());
                }
            }
        }
        for (Resource rule : ofType("aws_lb_listener_rule")) {
            String listener = value(rule.block(), "listener_arn").orElse("");
            assertTrue(listener.startsWith("aws_lb_listener.") && httpsListeners(rule.file().getParent()).contains(listener.split("\\.")[1]),
                    rule.where() + ": rules belong to an HTTPS listener, got " + listener);
        }
    }

    @Test
    void everyAlbWritesAccessLogsAndProdServersAreProtected() {
        assertFalse(ofType("aws_lb").isEmpty());
        for (Resource alb : ofType("aws_lb")) {
            assertEquals(Optional.of("true"), value(alb.block(), "access_logs.enabled"), alb.where() + ": ALB access logs");
            assertEquals(Optional.of("true"), value(alb.block(), "drop_invalid_header_fields"), alb.where());
            assertEquals(Optional.of("var.env==prod"), value(alb.block(), "enable_deletion_protection"), alb.where());
        }
        for (Resource instance : ofType("aws_instance")) {
            assertEquals(Optional.of("var.env==prod"), value(instance.block(), "disable_api_termination"), instance.where() + ": termination protection in prod");
        }
    }

    @Test
    void theAlbForwardsOnlyRequestsCarryingCloudFrontsSecretHeader() {
        for (Resource listener : ofType("aws_lb_listener")) {
            for (HclParser.Block action : listener.block().blocks("default_action")) {
                assertFalse(value(action, "type").orElse("").equals("forward"), listener.where() + ": the default action must refuse; forward only in a rule checking the secret header");
            }
        }
        List<Resource> forwarding = ofType("aws_lb_listener_rule").stream()
                .filter(rule -> rule.block().blocks("action").stream().anyMatch(action -> value(action, "type").orElse("").equals("forward"))).toList();
        assertFalse(forwarding.isEmpty());
        for (Resource rule : forwarding) {
            Path module = rule.file().getParent();
            Optional<String> headerName = value(rule.block(), "condition.http_header.http_header_name");
            assertTrue(headerName.isPresent(), rule.where() + ": forwards without checking the secret origin header");
            assertTrue(value(rule.block(), "condition.http_header.values").orElse("").startsWith("[random_password."),
                    rule.where() + ": the header value is a random_password, never a literal");
            List<HclParser.Block> origins = ofType("aws_cloudfront_distribution").stream().filter(d -> d.file().getParent().equals(module))
                    .flatMap(d -> d.block().blocks("origin").stream()).filter(origin -> !origin.blocks("custom_origin_config").isEmpty()).toList();
            assertFalse(origins.isEmpty(), rule.where() + ": no CloudFront custom origin in the same module");
            for (HclParser.Block origin : origins) {
                assertEquals(headerName, value(origin, "custom_header.name"), rule.where() + ": CloudFront must send the header the ALB checks");
                assertEquals(value(rule.block(), "condition.http_header.values").map(v -> v.substring(1, v.length() - 1)), value(origin, "custom_header.value"), rule.where());
            }
        }
        for (Resource password : ofType("random_password")) {
            assertTrue(Integer.parseInt(value(password.block(), "length").orElse("0")) >= 32, password.where() + ": at least 32 characters");
        }
    }

    @Test
    void noOutputRevealsAGeneratedSecretOrAPagerDutyKey() {
        assertFalse(OUTPUTS.isEmpty());
        for (Resource output : OUTPUTS) {
            String text = value(output.block(), "value").orElse("");
            assertFalse(text.contains("random_password.") || text.contains("secret_string") || text.contains("integration_key"),
                    output.where() + ": outputs are printed in plan and apply logs");
        }
    }

    @Test
    void instancesRequireImdsV2AndEncryptTheirDisks() {
        assertFalse(ofType("aws_instance").isEmpty());
        for (Resource instance : ofType("aws_instance")) {
            assertEquals(Optional.of("required"), value(instance.block(), "metadata_options.http_tokens"), instance.where());
            assertEquals(Optional.of("1"), value(instance.block(), "metadata_options.http_put_response_hop_limit"),
                    instance.where() + ": hop limit 1 keeps instance credentials away from containers and forwarded requests");
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

    /** A package-lock.json content hash: base64 of a digest, which can hold 32 letters and digits in a row. */
    private static final Pattern NPM_INTEGRITY =
            Pattern.compile("\\s*\"integrity\": \"sha(256|384|512)-[A-Za-z0-9+/]+={0,2}\",?");

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
                    if (NPM_INTEGRITY.matcher(lines.get(i)).matches()) {
                        continue;
                    }
                    SecretScanner.recognise(lines.get(i)).ifPresent(kind -> found.add(file + ":" + line + ": " + kind));
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
