package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteArchiveTest {
    @Test
    void theServerCountsWhatItSyncsAndPrintsTheCountLast() {
        String script = SiteArchive.script("siteops-news-archive-1");
        assertTrue(script.startsWith("set -euo pipefail\ncd /var/www/html\n"));
        assertTrue(script.contains("aws s3 sync . \"s3://siteops-news-archive-1/\" --delete"));
        assertTrue(script.endsWith("echo \"siteops-archive files=$files bytes=$bytes\""));
    }

    @Test
    void theLastCountLineOfTheOutputIsTheServersCount() {
        assertEquals(Optional.of(new SiteArchive.Count(3, 1200)),
                SiteArchive.serverCount("upload: x\nsiteops-archive files=2 bytes=10\nsiteops-archive files=3 bytes=1200\n"));
        assertEquals(Optional.empty(), SiteArchive.serverCount("aws: command not found"));
        assertEquals(Optional.empty(), SiteArchive.serverCount(null));
    }

    @Test
    void theBucketMustHoldExactlyWhatTheServerCounted() {
        assertNull(SiteArchive.mismatch(new SiteArchive.Count(3, 1200), new SiteArchive.Count(3, 1200)));
        assertTrue(SiteArchive.mismatch(new SiteArchive.Count(3, 1200), new SiteArchive.Count(2, 1200))
                .startsWith("the archive bucket holds 2 files, 1200 bytes but the server counted 3 files, 1200 bytes"));
        assertTrue(SiteArchive.mismatch(new SiteArchive.Count(3, 1200), new SiteArchive.Count(3, 1199)) != null);
    }

    @Test
    void theArchiveBucketPrefixFollowsTheArchiveSiteModule() {
        assertEquals("siteops-news-archive-", SiteArchive.bucketPrefix("news"));
        assertEquals(37, SiteArchive.bucketPrefix("a-very-long-site-name-for-tests").length());
    }
}
