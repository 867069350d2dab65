package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fleet needs of the AWS quotas, per Region and template, and how bin/generate-sites reports it. */
class FleetQuotasTest {

    private static final String ARCHIVE_ADMIN = "admin:\n  allow_cidrs: [203.0.113.0/24]\n";

    /** A valid site file: Movable Type unless {@code archive}, in {@code region}, admin reachable from {@code cidrs}. */
    private static String yaml(String name, String region, boolean archive, String cidrs) {
        String text = SiteReaderTest.VALID
                .replace("domain: www.example.jp", "domain: " + name + ".example.jp\nregion: " + region)
                .replace("aliases: [example.jp]\n", "")
                .replace("[203.0.113.0/24]", "[" + cidrs + "]");
        return archive ? text.replace("template: movabletype", "template: archive").replace(ARCHIVE_ADMIN.replace("203.0.113.0/24", cidrs), "") : text;
    }

    private static Site site(String name, String region, boolean archive) {
        return site(name, region, archive, "203.0.113.0/24");
    }

    private static Site site(String name, String region, boolean archive, String cidrs) {
        List<Problem> problems = new ArrayList<>();
        Site site = SiteReader.read("sites/" + name + ".yaml", name, yaml(name, region, archive, cidrs), problems)
                .orElseThrow(() -> new AssertionError(problems));
        assertEquals(List.of(), problems);
        return site;
    }

    /** "region quota-name" → need. */
    private static Map<String, Integer> needs(List<Site> sites) {
        return FleetQuotas.of(sites).stream().collect(Collectors.toMap(row -> row.region() + " " + row.quota().name(), FleetQuotas.Row::need,
                (a, b) -> { throw new AssertionError("duplicate row"); }, TreeMap::new));
    }

    @Test
    void regionalQuotasAreCountedInEachSitesRegionAndAccountWideOnesInUsEast1() {
        Map<String, Integer> needs = needs(List.of(
                site("a", "ap-northeast-1", false), site("b", "ap-northeast-1", false), site("c", "us-west-2", false),
                site("d", "eu-west-1", true), site("e", "us-east-1", false, "203.0.113.0/24, 2001:db8::/32")));

        assertEquals(2, needs.get("ap-northeast-1 VPCs per Region"));
        assertEquals(2, needs.get("ap-northeast-1 EC2-VPC Elastic IPs"));
        assertEquals(2, needs.get("ap-northeast-1 Application Load Balancers per Region"));
        assertEquals(2, needs.get("ap-northeast-1 Maintenance Windows"));
        assertEquals(2, needs.get("ap-northeast-1 ACM certificates"));
        assertEquals(1, needs.get("us-west-2 VPCs per Region"));
        // CloudFront, its certificates and CLOUDFRONT-scope WAF are in us-east-1 whatever the site's Region.
        assertEquals(5, needs.get("us-east-1 Web distributions per AWS account"));
        assertEquals(5, needs.get("us-east-1 Maximum web ACLs (WAF for CloudFront)"));
        assertEquals(5 + 1, needs.get("us-east-1 ACM certificates"), "5 for CloudFront + the ALB's of the site in us-east-1");
        assertEquals(4, needs.get("us-east-1 Cache policies per AWS account"));
        assertEquals(1 + 1 + 1 + 2, needs.get("us-east-1 Maximum IP sets (WAF for CloudFront)"), "one per address family of each admin allow-list");
        assertEquals(2 * 5, needs.get("us-east-1 General purpose buckets"), "canary bucket + ops or content bucket per site");
        assertEquals(1, needs.get("us-east-1 VPCs per Region"));
    }

    @Test
    void archiveSitesNeedNoVpcElasticIpOrLoadBalancer() {
        Map<String, Integer> needs = needs(List.of(site("d", "eu-west-1", true), site("f", "eu-west-1", true)));

        assertEquals(Set.of(), needs.keySet().stream().filter(key -> key.startsWith("eu-west-1")).collect(Collectors.toSet()),
                "an archive site has nothing regional of its own");
        assertEquals(Set.of("us-east-1 ACM certificates", "us-east-1 General purpose buckets", "us-east-1 Maximum web ACLs (WAF for CloudFront)",
                "us-east-1 Web distributions per AWS account"), new TreeSet<>(needs.keySet()));
        assertEquals(2, needs.get("us-east-1 Web distributions per AWS account"));
    }

    @Test
    void aNeedAboveTheDefaultIsWarnedAboutWithWhatToRequest() {
        List<Site> sites = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            sites.add(site("mt" + i, "ap-northeast-1", false));
        }
        List<FleetQuotas.Row> rows = FleetQuotas.of(sites);

        List<String> warnings = FleetQuotas.warnings(rows);
        assertEquals(List.of(
                "warning: ap-northeast-1: VPCs per Region (vpc L-F678F1CE): the sites need 6, the default quota is 5: request 8"
                        + " (bin/generate-sites --quotas-tfvars, then apply infra/bootstrap)",
                "warning: ap-northeast-1: Internet gateways per Region (vpc L-A4707A72): the sites need 6, the default quota is 5: request 8"
                        + " (bin/generate-sites --quotas-tfvars, then apply infra/bootstrap)",
                "warning: ap-northeast-1: EC2-VPC Elastic IPs (ec2 L-0263D0A3): the sites need 6, the default quota is 5: request 8"
                        + " (bin/generate-sites --quotas-tfvars, then apply infra/bootstrap)"), warnings);
        String table = FleetQuotas.table(rows, 6);
        assertTrue(table.startsWith("AWS quotas the 6 site(s) need"), table);
        assertTrue(table.lines().anyMatch(line -> line.matches(" +ap-northeast-1 +vpc +VPCs per Region +L-F678F1CE +6 +5 !")), table);
        assertTrue(table.lines().anyMatch(line -> line.matches(" +ap-northeast-1 +elasticloadbalancing +Application Load Balancers per Region +L-53DA6B97 +6 +50")), table);
    }

    @Test
    void aQuotaWithoutAKnownCodeIsWarnedAboutForTheConsole() {
        List<FleetQuotas.Row> rows = List.of(new FleetQuotas.Row(ServiceQuota.WAF_WEB_ACLS, "us-east-1", 101));
        assertEquals(List.of("warning: us-east-1: Maximum web ACLs (WAF for CloudFront) (wafv2 (console)): the sites need 101, the default"
                + " quota is 100: request 127 in the Service Quotas console"), FleetQuotas.warnings(rows));
        assertEquals("{\n  \"service_quota_increases\" : { }\n}\n", FleetQuotas.tfvarsJson(rows), "nothing bootstrap could request");
    }

    @Test
    void cachePoliciesRunOutFirstAtTwentyOneMovableTypeSites() {
        List<Site> sites = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            sites.add(site("mt" + i, i % 2 == 0 ? "ap-northeast-1" : "eu-west-1", false));
        }
        List<String> warned = FleetQuotas.warnings(FleetQuotas.of(sites)).stream().map(line -> line.substring(0, line.indexOf(" ("))).toList();
        assertTrue(warned.contains("warning: us-east-1: Cache policies per AWS account"), warned.toString());
        assertTrue(warned.contains("warning: ap-northeast-1: VPCs per Region"), warned.toString());
        assertFalse(warned.stream().anyMatch(line -> line.contains("distributions")), warned.toString());
    }

    @Test
    void tfvarsListTheIncreasesWithHeadroomWhereTheDefaultIsTooSmall() throws IOException {
        List<Site> sites = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            sites.add(site("mt" + i, "ap-northeast-1", false));
        }
        JsonNode increases = new ObjectMapper().readTree(FleetQuotas.tfvarsJson(FleetQuotas.of(sites))).get("service_quota_increases");

        // 4 VPCs fit the default 5, but not with 25% headroom (5): still within; 4 + 1 = 5 is not above 5.
        assertEquals(0, increases.size(), increases.toString());

        sites.add(site("mt5", "ap-northeast-1", false));
        increases = new ObjectMapper().readTree(FleetQuotas.tfvarsJson(FleetQuotas.of(sites))).get("service_quota_increases");
        assertEquals(Set.of("ap-northeast-1/ec2/L-0263D0A3", "ap-northeast-1/vpc/L-A4707A72", "ap-northeast-1/vpc/L-F678F1CE"),
                iterate(increases.fieldNames()));
        JsonNode vpcs = increases.get("ap-northeast-1/vpc/L-F678F1CE");
        assertEquals("ap-northeast-1", vpcs.get("region").asText());
        assertEquals("vpc", vpcs.get("service_code").asText());
        assertEquals("L-F678F1CE", vpcs.get("quota_code").asText());
        assertEquals("VPCs per Region", vpcs.get("quota_name").asText());
        assertEquals(5, vpcs.get("need").asInt());
        assertEquals(7, vpcs.get("value").asInt(), "5 sites + 25% headroom, rounded up");
    }

    @Test
    void generateSitesPrintsTheQuotaTableAndWarnsWithoutFailing(@TempDir Path dir) throws IOException {
        Path sites = Files.createDirectories(dir.resolve("sites"));
        for (int i = 1; i <= 6; i++) {
            Files.writeString(sites.resolve("mt" + i + ".yaml"), yaml("mt" + i, "ap-northeast-1", false, "203.0.113.0/24"));
        }
        SiteReaderTest.Run run = SiteReaderTest.Run.of(Repository.ROOT, "-o", dir.resolve("out").toString(), sites.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("AWS quotas the 6 site(s) need"), run.out());
        assertTrue(run.err().contains("warning: ap-northeast-1: VPCs per Region (vpc L-F678F1CE): the sites need 6, the default quota is 5"), run.err());

        SiteReaderTest.Run tfvars = SiteReaderTest.Run.of(Repository.ROOT, "--quotas-tfvars", sites.toString());
        assertEquals(0, tfvars.exitCode(), tfvars.err());
        assertEquals("", tfvars.err(), "only the JSON, so it can be redirected to a file");
        assertEquals(8, new ObjectMapper().readTree(tfvars.out()).at("/service_quota_increases/ap-northeast-1~1vpc~1L-F678F1CE/value").asInt(), tfvars.out());
    }

    @Test
    void theSampleSitesFitTheDefaults() {
        SiteReaderTest.Run run = SiteReaderTest.Run.of(Repository.ROOT, "--quotas-tfvars");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("{\n  \"service_quota_increases\" : { }\n}\n", run.out());
    }

    @Test
    void badSiteFilesStillFailBeforeAnyQuotaOutput(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "template: movabletype\n");
        SiteReaderTest.Run run = SiteReaderTest.Run.of(Repository.ROOT, "--quotas-tfvars", bad.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("problem(s); nothing written"), run.err());
    }

    private static Set<String> iterate(java.util.Iterator<String> names) {
        Set<String> all = new TreeSet<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
