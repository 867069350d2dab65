package siteops.purgestatus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import siteops.common.registry.SiteRegistration;

/** The state machine's failure text, read by the SRE in the execution's error: what is wrong, where to fix it. */
class MessagesTest {
    private static final SiteRegistration NEWS = new SiteRegistration("news", "/siteops/sites/news", "E2QWRUHAPOMQZL",
            List.of("www.example.jp"));

    @Test
    void anUnknownInvalidationNamesTheIdTheDistributionAndTheSite() {
        assertEquals("unknown invalidation I2J0I21PCUYOIK: CloudFront distribution E2QWRUHAPOMQZL of site 'news' has no such"
                + " invalidation; nothing was published", Messages.unknownInvalidation(NEWS, "I2J0I21PCUYOIK"));
    }

    @Test
    void aVanishedDistributionPointsAtTheStaleRegistryEntry() {
        assertEquals("site 'news' points at CloudFront distribution E2QWRUHAPOMQZL, which does not exist: its registry entry"
                + " /siteops/sites/news is stale; nothing was published", Messages.staleDistribution(NEWS));
    }
}
