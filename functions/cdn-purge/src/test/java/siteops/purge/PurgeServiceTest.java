package siteops.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import siteops.common.registry.SiteRegistration;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

class PurgeServiceTest {
    static final SiteRegistration SITE = new SiteRegistration("news", "/siteops/sites/news", "E2QWRUHAPOMQZL", List.of("www.example.jp"));
    static final Invalidation INVALIDATION = Invalidation.builder().id("I2J0I21PCUYOIK").status("InProgress").build();

    @Test
    void theSlackLineShowsPathsAsEditorsWroteThem() {
        assertEquals("Purging 2 paths on www.example.jp: /100% /ニュース/* (invalidation I2J0I21PCUYOIK, InProgress). Fresh pages within a few minutes.",
                Messages.purging(SITE, List.of("/100%25", "/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/*"), INVALIDATION));
    }

    @Test
    void anInvalidationCreatedBeforeThisRequestIsTheEarlierIdenticalOne() {
        Instant received = Instant.parse("2026-11-30T10:00:30Z");
        Invalidation earlier = INVALIDATION.toBuilder().createTime(Instant.parse("2026-11-30T10:00:03Z")).status("Completed").build();
        Invalidation created = INVALIDATION.toBuilder().createTime(received.plusMillis(300)).build();
        Invalidation skewed = INVALIDATION.toBuilder().createTime(received.minusSeconds(1)).build();
        assertTrue(PurgeService.createdBefore(earlier, received));
        assertFalse(PurgeService.createdBefore(created, received));
        assertFalse(PurgeService.createdBefore(skewed, received), "a second of clock difference is not a repeat");
        assertEquals("The same purge on www.example.jp was already requested at 10:00:03 UTC (invalidation I2J0I21PCUYOIK, "
                + "Completed); nothing new was sent. If you published again since, purge again after 60 seconds.",
                Messages.alreadyRequested(SITE, earlier, Duration.ofSeconds(60)));
    }

    @Test
    void bytesThatAreNotTextStayEncoded() {
        assertEquals("/%FF%FE", Messages.readable("/%FF%FE"));
    }

    @Test
    void longListsAreShortened() {
        List<String> paths = IntStream.range(0, 8).mapToObj(i -> "/p" + i).toList();
        assertEquals("Purging 8 paths on www.example.jp: /p0 /p1 /p2 /p3 /p4 and 3 more (invalidation I2J0I21PCUYOIK, InProgress). Fresh pages within a few minutes.",
                Messages.purging(SITE, paths, INVALIDATION));
    }
}
