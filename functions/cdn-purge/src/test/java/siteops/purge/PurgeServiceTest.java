package siteops.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

class PurgeServiceTest {
    static final SiteRegistration SITE = new SiteRegistration("news", "/siteops/sites/news", "E2QWRUHAPOMQZL", List.of("www.example.jp"));
    static final Invalidation INVALIDATION = Invalidation.builder().id("I2J0I21PCUYOIK").status("InProgress").build();

    @Test
    void theSlackLineShowsPathsAsEditorsWroteThem() {
        assertEquals("Purging 2 paths on www.example.jp: /100% /ニュース/* (invalidation I2J0I21PCUYOIK, InProgress). Fresh pages within a few minutes.",
                PurgeService.message(SITE, List.of("/100%25", "/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/*"), INVALIDATION));
    }

    @Test
    void bytesThatAreNotTextStayEncoded() {
        assertEquals("/%FF%FE", PurgeService.readable("/%FF%FE"));
    }

    @Test
    void longListsAreShortened() {
        List<String> paths = IntStream.range(0, 8).mapToObj(i -> "/p" + i).toList();
        assertEquals("Purging 8 paths on www.example.jp: /p0 /p1 /p2 /p3 /p4 and 3 more (invalidation I2J0I21PCUYOIK, InProgress). Fresh pages within a few minutes.",
                PurgeService.message(SITE, paths, INVALIDATION));
    }
}
