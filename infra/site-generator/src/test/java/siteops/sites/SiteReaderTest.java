package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiteReaderTest {

    static final String VALID = """
            template: movabletype
            project: news
            env: prod
            domain: www.example.jp
            aliases: [example.jp]
            route53_zone: example.jp
            pagerduty_secret: siteops/pagerduty/news
            slack:
              team_id: T07EA123LEP
              channel_id: C07EZ1ABC23
            admin:
              allow_cidrs: [203.0.113.0/24]
            """;

    private static List<Problem> problems(String siteName, String yaml) {
        List<Problem> problems = new ArrayList<>();
        SiteReader.read("sites/" + siteName + ".yaml", siteName, yaml, problems);
        return problems;
    }

    @Test
    void theHostnamesAreTheDomainThenTheAliases() {
        List<Problem> problems = new ArrayList<>();
        Site site = SiteReader.read("sites/news.yaml", "news", VALID, problems).orElseThrow();
        assertEquals(List.of(), problems);
        assertEquals(List.of("www.example.jp", "example.jp"), site.hostnames());
    }

    /** Each row: a change to the valid file, then the expected "line: field: start of the problem". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "project: news|                                   |1: project: missing (required)",
        "env: prod|env: production                        |3: env: must be one of prod, stg, dev",
        "domain: www.example.jp|domain: https://www.example.jp/|4: domain: 'https://www.example.jp/' is not a valid domain",
        "domain: www.example.jp|domain: WWW.example.jp    |4: domain: 'WWW.example.jp' is not a valid domain",
        "template: movabletype|template: wordpress         |1: template: unknown template kind 'wordpress'",
        "env: prod|env: prod\\nbackups: daily               |4: backups: unknown field",
        "  team_id: T07EA123LEP|  team_id: T07EA123LEP\\n  channel: x|10: slack.channel: unknown field",
        "aliases: [example.jp]|aliases: [example.jp, www.example.jp]|5: aliases: 'www.example.jp' is listed twice",
        "route53_zone: example.jp|route53_zone: example.com|6: route53_zone: 'www.example.jp' is not inside the zone",
        "allow_cidrs: [203.0.113.0/24]|allow_cidrs: [0.0.0.0/0]|12: admin.allow_cidrs: '0.0.0.0/0' opens the admin to everyone",
        "allow_cidrs: [203.0.113.0/24]|allow_cidrs: [203.0.113.0/33]|12: admin.allow_cidrs: '203.0.113.0/33' is not a CIDR",
        "pagerduty_secret: siteops/pagerduty/news|pagerduty_secret: e93facc04764012d7bfb002500d5d1a6|7: pagerduty_secret: looks like a PagerDuty key",
        "pagerduty_secret: siteops/pagerduty/news|pagerduty_secret: siteops/news\\n# AKIAIOSFODNN7EXAMPLE\\nnote: AKIAIOSFODNN7EXAMPLE|9: note: looks like an AWS access key id",
        // Split so that secret scanners (secretlint runs on every push) do not take the fixture for a real token.
        "project: news|project: ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789|2: project: looks like a GitHub token",
        "env: prod|env: prod\\nenv: stg                     |4: env: duplicate field (first given on line 3)",
        "env: prod|env: prod\\nAKIAIOSFODNN7EXAMPLE: x       |4: AKIAIOSFODNN7EXAMPLE: looks like an AWS access key id",
        "  channel_id: C07EZ1ABC23|  channel_id: [C07EZ1ABC23|11: (yaml): syntax error",
        "env: prod|env: \"\"                                |3: env: must be a single value",
        "env: prod|env: prod\\n\"\": AKIAIOSFODNN7EXAMPLE    |4: (value): looks like an AWS access key id",
        "slack:|slack: x\\nunused:                          |8: slack: must be a mapping of fields",
    })
    void badInputIsReportedAtItsLine(String replace, String with, String expected) {
        String yaml = VALID.replace(replace, with == null ? "" : with.strip().replace("\\n", "\n"));
        List<Problem> problems = problems("news", yaml);
        String expectedText = "sites/news.yaml:" + expected.strip();
        assertTrue(problems.stream().anyMatch(problem -> problem.toString().startsWith(expectedText)),
                () -> "expected " + expectedText + "\n got " + problems);
    }

    /** Any /0 range, IPv4 or IPv6 and however written, would open the Movable Type admin to the whole Internet. */
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "::/0", "0::/0", "::0/0", "0:0:0:0:0:0:0:0/0", "10.0.0.0/0", "2001:db8::/0"})
    void anAdminRangeOpenToEveryoneIsRefused(String everyone) {
        String yaml = VALID.replace("allow_cidrs: [203.0.113.0/24]", "allow_cidrs: [203.0.113.0/24, '" + everyone + "']");
        assertEquals(List.of("sites/news.yaml:12: admin.allow_cidrs: '" + everyone + "' opens the admin to everyone: list the office or VPN ranges"),
                problems("news", yaml).stream().map(Problem::toString).toList());
    }

    @Test
    void ipv6AdminRangesAreAccepted() {
        String yaml = VALID.replace("allow_cidrs: [203.0.113.0/24]", "allow_cidrs: ['2001:db8::/32', '2001:db8:1::1/128']");
        assertEquals(List.of(), problems("news", yaml));
    }

    /** An admin block with an empty list would lock everyone out of Movable Type: refused, not read as "no restriction". */
    @Test
    void anEmptyAdminAllowListIsRefused() {
        String yaml = VALID.replace("allow_cidrs: [203.0.113.0/24]", "allow_cidrs: []");
        assertEquals(List.of("sites/news.yaml:12: admin.allow_cidrs: list at least one CIDR, or nobody can reach the Movable Type admin"),
                problems("news", yaml).stream().map(Problem::toString).toList());
    }

    /** A key pasted into a list is caught like one pasted into a single value, at the item's own line. */
    @Test
    void aSecretInAListItemIsRefused() {
        // Split so that secret scanners (secretlint runs on every push) do not take the fixture for a real token.
        String yaml = VALID.replace("aliases: [example.jp]", "aliases:\n  - example.jp\n  - ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789");
        List<String> shown = problems("news", yaml).stream().map(Problem::toString).toList();
        assertTrue(shown.contains("sites/news.yaml:7: aliases: looks like a GitHub token: never put secrets in site files;"
                + " store it in Secrets Manager and give the secret's name"), shown::toString);
        String cidrs = VALID.replace("allow_cidrs: [203.0.113.0/24]", "allow_cidrs:\n    - 203.0.113.0/24\n    - AKIAIOSFODNN7EXAMPLE");
        assertTrue(problems("news", cidrs).stream().map(Problem::toString)
                .anyMatch(line -> line.startsWith("sites/news.yaml:14: admin.allow_cidrs: looks like an AWS access key id")), () -> problems("news", cidrs).toString());
    }

    /** Each server block is refused once, at its key, however many of the block's fields the file gives. */
    @Test
    void archiveSitesRefuseServerFields() {
        String archive = VALID.replace("template: movabletype", "template: archive")
                .replace("admin:", "instance:\n  type: t3.small\n  volume_gb: 40\n  data_volume_gb: 50\nadmin:\n  path: /cms/");
        String why = "not used by template archive (static files in S3 have no server to size, back up, administer or watch)";
        assertEquals(List.of("sites/news.yaml:11: instance: " + why, "sites/news.yaml:15: admin: " + why),
                problems("news", archive).stream().map(Problem::toString).toList());
    }

    /** A wrong template is one problem: the site is not also reported as missing or mistyped in other ways. */
    @Test
    void anUnknownTemplateIsReportedOnce() {
        assertEquals(List.of("sites/news.yaml:1: template: unknown template kind 'wordpress' (known: movabletype, archive)"),
                problems("news", VALID.replace("template: movabletype", "template: wordpress")).stream().map(Problem::toString).toList());
    }

    @Test
    void aSiteCannotTakeTheFleetDashboardsDirectory() {
        assertEquals("sites/fleet.yaml:1: (file name): site name 'fleet' is taken by the fleet dashboard's root (infra/generated/fleet/): rename the file",
                problems("fleet", VALID).getFirst().toString());
    }

    @Test
    void numbersGivenInTheFileAreTheOnesUsed() {
        String yaml = VALID + "alarms:\n  rate_limit_per_5min: 5000\n  cdn_5xx_percent: 2.5\n";
        List<Problem> problems = new ArrayList<>();
        Site site = SiteReader.read("sites/news.yaml", "news", yaml, problems).orElseThrow(() -> new AssertionError(problems));
        assertEquals(5000, site.get(SiteSettings.RATE_LIMIT));
        assertEquals(2.5, site.get(SiteSettings.ALARM_CDN_5XX_PERCENT));
    }

    @Test
    void anEmptyFileIsRefusedAtItsFirstLine() {
        assertEquals("sites/news.yaml:1: (yaml): the file must be a mapping of fields (see infra/site.schema.json)",
                problems("news", "").getFirst().toString());
    }

    @Test
    void aFileNameThatIsNotASiteNameIsRefused() {
        assertEquals("sites/News_Site.yaml:1: (file name): site name 'News_Site' must be lowercase letters, digits and '-' (start with a letter or digit, at most 63): rename the file",
                problems("News_Site", VALID).getFirst().toString());
    }

    @Test
    void nothingIsWrittenWhenAnyFileIsBad(@TempDir Path dir) throws IOException {
        Path sites = Files.createDirectories(dir.resolve("sites"));
        Files.writeString(sites.resolve("good.yaml"), VALID);
        Files.writeString(sites.resolve("bad.yaml"), VALID.replace("www.example.jp", "www.other.jp").replace("example.jp", "other.jp").replace("env: prod", "env: live"));
        Path out = dir.resolve("out");

        Run run = Run.of(dir, "-o", out.toString(), sites.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("sites/bad.yaml:3: env: must be one of prod, stg, dev; got 'live'"), run.err());
        assertFalse(Files.exists(out), "output directory must not be created");
    }

    @Test
    void aSiteNameOrHostnameMayBelongToOneSiteOnly(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a/news.yaml"), VALID);
        Files.writeString(dir.resolve("b/news.yaml"), VALID.replace("www.example.jp", "news.example.jp"));
        Files.writeString(dir.resolve("b/shop.yaml"), VALID.replace("www.example.jp", "shop.example.jp"));

        Run run = Run.of(dir, "-o", dir.resolve("out").toString(), dir.resolve("a").toString(), dir.resolve("b").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("b/news.yaml:1: (file name): duplicate site name 'news': also a/news.yaml"), run.err());
        assertTrue(run.err().contains("b/shop.yaml:1: domain: 'example.jp' is already served by site 'news'"), run.err());
    }

    /** One run of the command line, with what it printed. */
    record Run(int exitCode, String out, String err) {
        static Run of(Path root, String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(args, root, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void secretScannerLeavesOrdinaryValuesAlone() {
        for (String value : List.of("siteops/pagerduty/corporate", "www.example.co.jp", "T07EA123LEP", "cron(0 18 ? * * *)", "campaign-2019-summer-special-site")) {
            assertEquals(Optional.empty(), SecretScanner.recognise(value), value);
        }
        assertTrue(SecretScanner.recognise("-----BEGIN OPENSSH PRIVATE KEY-----").isPresent());
    }
}
