package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.testing.MotoServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * bin/fleet archive end to end against moto_server: the site's server (EC2, tagged), the archive content bucket
 * (S3, with the CloudFront read policy the archive-site module gives it), Run Command through the fake, which
 * plays the server: when the sync script arrives it uploads the published pages to the bucket named in it.
 */
@ExtendWith(MotoServer.class)
class FleetArchiveTest {
    static final String SITE = "campaign-2019";
    static final String BUCKET = "siteops-campaign-2019-archive-20261201";
    static final Map<String, String> PAGES = Map.of("index.html", "<h1>Campaign</h1>", "news/index.html", "<p>ended</p>", "img/a.png", "PNG...");

    private FleetTestBed bed;
    private FakeSsmRunCommand ssmFake;
    private S3Client s3;
    private String stdout;
    private String stderr;

    @BeforeEach
    void setUp(MotoServer moto) {
        bed = new FleetTestBed(moto);
        ssmFake = bed.ssmFake;
        s3 = bed.s3;
        bed.instance(SITE, "prod");
        s3.createBucket(r -> r.bucket(BUCKET));
        s3.putBucketPolicy(r -> r.bucket(BUCKET).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudfront.amazonaws.com\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + BUCKET + "/*\"}]}"));
        // The site's ops bucket shares the name prefix but is not CloudFront's: it must never be chosen.
        s3.createBucket(r -> r.bucket("siteops-campaign-2019-20250101"));
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    /** The fake's stand-in for the server: uploads {@code uploaded} pages, reports the server's count of all pages. */
    private void serverSyncs(int uploaded) {
        ssmFake.onSend((sent, instanceId) -> {
            String script = sent.at("/Parameters/commands/0").asText();
            assertTrue(script.contains("aws s3 sync . \"s3://" + BUCKET + "/\""), script);
            long bytes = 0;
            int count = 0;
            for (var page : PAGES.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                if (count++ < uploaded) {
                    s3.putObject(r -> r.bucket(BUCKET).key(page.getKey()), RequestBody.fromString(page.getValue()));
                }
                bytes += page.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
            return FakeSsmRunCommand.Outcome.success("siteops-archive files=" + PAGES.size() + " bytes=" + bytes + "\n");
        });
    }

    int fleet(String... args) {
        FleetTestBed.Run run = bed.run(duration -> { }, args);
        stdout = run.stdout();
        stderr = run.stderr();
        return run.exitCode();
    }

    private String diagnostics() {
        return "--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }

    @Test
    void theCopyIsVerifiedAndTheTwoStepChangePrinted() {
        serverSyncs(PAGES.size());

        assertEquals(0, fleet("archive", "--site", SITE), this::diagnostics);

        var sent = ssmFake.sentCommands().getFirst();
        assertEquals("[{\"Key\":\"tag:siteops:site\",\"Values\":[\"" + SITE + "\"]}]", sent.get("Targets").toString());
        assertEquals("1", sent.get("MaxConcurrency").asText());
        assertTrue(stderr.contains("the server counted 3 files, 35 bytes; s3://" + BUCKET + "/ holds the same"), this::diagnostics);
        assertTrue(stdout.startsWith("Archive of " + SITE + " verified in s3://" + BUCKET + "/."), this::diagnostics);
        assertTrue(stdout.contains("Step 1") && stdout.contains("Step 2"));
        assertTrue(stdout.contains("deletion_protection.enabled,Value=false"));
        assertTrue(stdout.contains("--no-disable-api-termination"));
    }

    @Test
    void aCopyThatDoesNotMatchTheServersCountStopsBeforeTheSwitch() {
        serverSyncs(2);

        assertEquals(1, fleet("archive", "--site", SITE, "--bucket", BUCKET), this::diagnostics);

        assertTrue(stderr.contains("the archive bucket holds 2 files"), this::diagnostics);
        assertTrue(stderr.contains("but the server counted 3 files"), this::diagnostics);
        assertTrue(!stdout.contains("Step 2"), "no switch is proposed");
    }

    @Test
    void aFailedCopyShowsTheServersOutput() {
        ssmFake.onSend((sent, instanceId) -> FakeSsmRunCommand.Outcome.failed(1, "upload failed: ./index.html An error occurred (AccessDenied)\n"));

        assertEquals(1, fleet("archive", "--site", SITE), this::diagnostics);

        assertTrue(stdout.contains("AccessDenied"), this::diagnostics);
        assertTrue(stderr.contains("the copy did not succeed"), this::diagnostics);
    }

    @Test
    void aSiteWithoutARunningServerIsNamed() {
        assertEquals(1, fleet("archive", "--site", "gone"), this::diagnostics);
        assertTrue(stderr.contains("no instance matched (tags looked for: siteops:site=gone"), this::diagnostics);
        assertEquals(List.of(), ssmFake.operations());
    }
}
