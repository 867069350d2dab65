package siteops.purge.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import siteops.common.Retrier;
import siteops.common.registry.SiteRegistration;
import siteops.purge.PurgeFailedException;
import siteops.purge.PurgeRequestException;
import siteops.purge.request.PurgeRequest;
import siteops.purge.rules.InvalidationPlan;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/** CloudFront's rules and faults that moto does not model, through the real SDK against a fake at the HTTP layer. */
class CloudFrontPurgerTest {
    static final String DISTRIBUTION = "E2QWRUHAPOMQZL";
    static final SiteRegistration SITE = new SiteRegistration("news", "/siteops/sites/news", DISTRIBUTION, List.of("www.example.jp"));

    FakeCloudFront cloudFront;
    CloudFrontClient client;
    List<Duration> waits;
    CloudFrontPurger purger;

    @BeforeEach
    void start() {
        cloudFront = new FakeCloudFront().withDistribution(DISTRIBUTION);
        client = CloudFrontClient.builder()
                .endpointOverride(cloudFront.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                // One SDK attempt per call, so the test counts the purger's own retries.
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
        waits = new ArrayList<>();
        purger = new CloudFrontPurger(client, new Retrier(4, Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(6), waits::add));
    }

    @AfterEach
    void stop() {
        client.close();
        cloudFront.close();
    }

    static InvalidationPlan plan(Instant at, String... paths) {
        return InvalidationPlan.of(new PurgeRequest("news", List.of(paths)), SITE, at, Duration.ofMinutes(5));
    }

    @Test
    void aDoubleClickCreatesOneInvalidation() {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        var first = purger.purge(SITE, plan(now, "/index.html", "/news/*"));
        var second = purger.purge(SITE, plan(now.plusSeconds(20), "/news/*", "https://www.example.jp/index.html"));
        assertEquals(first.id(), second.id());
        assertEquals(1, cloudFront.invalidations().size());
        var later = purger.purge(SITE, plan(now.plus(Duration.ofMinutes(5)), "/index.html", "/news/*"));
        assertEquals(2, cloudFront.invalidations().size(), "the same purge in a later window is a new one");
        assertTrue(!later.id().equals(first.id()));
    }

    @Test
    void retriesWhileTooManyInvalidationsAreInProgressThenSucceedsOnce() {
        cloudFront.failNext("TooManyInvalidationsInProgress", "TooManyInvalidationsInProgress");
        var invalidation = purger.purge(SITE, plan(Instant.now(), "/a"));
        assertEquals(List.of("/a"), cloudFront.invalidations().get(0).paths());
        assertEquals(invalidation.id(), cloudFront.invalidations().get(0).id());
        assertEquals(3, cloudFront.requests().size());
        assertEquals(2, waits.size());
    }

    @Test
    void givesUpAfterBoundedRetriesWithAMessageSayingWhatToDo() {
        cloudFront.failNext(IntStream.range(0, 10).mapToObj(i -> "TooManyInvalidationsInProgress").toArray(String[]::new));
        PurgeFailedException error = assertThrows(PurgeFailedException.class, () -> purger.purge(SITE, plan(Instant.now(), "/a")));
        assertTrue(error.getMessage().contains("Wait a few minutes") && error.getMessage().contains("/*"), error.getMessage());
        assertTrue(cloudFront.requests().size() <= 4, "bounded: " + cloudFront.requests().size());
        assertTrue(waits.stream().reduce(Duration.ZERO, Duration::plus).compareTo(Duration.ofSeconds(6)) <= 0, "total wait bounded: " + waits);
        assertEquals(0, cloudFront.invalidations().size());
    }

    @Test
    void throttlingIsRetriedAndThenExplained() {
        cloudFront.failNext("Throttling");
        purger.purge(SITE, plan(Instant.now(), "/a"));
        assertEquals(1, cloudFront.invalidations().size());

        cloudFront.failNext(IntStream.range(0, 10).mapToObj(i -> "Throttling").toArray(String[]::new));
        PurgeFailedException error = assertThrows(PurgeFailedException.class, () -> purger.purge(SITE, plan(Instant.now(), "/b")));
        assertTrue(error.getMessage().contains("throttling"), error.getMessage());
    }

    @Test
    void wildcardsInProgressAcrossRequestsHitCloudFrontsLimitWithAClearMessage() {
        for (int i = 0; i < 3; i++) {
            int from = i * 5;
            purger.purge(SITE, plan(Instant.now(), IntStream.range(from, from + 5).mapToObj(n -> "/w" + n + "/*").toArray(String[]::new)));
        }
        PurgeFailedException error = assertThrows(PurgeFailedException.class, () -> purger.purge(SITE, plan(Instant.now(), "/more/*")));
        assertTrue(error.getMessage().contains("15 wildcard paths"), error.getMessage());
        cloudFront.completeAll();
        purger.purge(SITE, plan(Instant.now(), "/more/*"));
        assertEquals(4, cloudFront.invalidations().size());
    }

    @Test
    void aStaleRegistryEntryIsNamedAndNotRetried() {
        SiteRegistration stale = new SiteRegistration("news", "/siteops/sites/news", "E0000000000000", List.of("www.example.jp"));
        PurgeRequestException error = assertThrows(PurgeRequestException.class,
                () -> purger.purge(stale, InvalidationPlan.of(new PurgeRequest("news", List.of("/a")), stale, Instant.now(), Duration.ofMinutes(5))));
        assertTrue(error.getMessage().contains("E0000000000000") && error.getMessage().contains("/siteops/sites/news"), error.getMessage());
        assertEquals(1, cloudFront.requests().size());
    }

    @Test
    void accessDeniedIsAConfigurationProblemNotRetried() {
        cloudFront.failNext("AccessDenied");
        PurgeFailedException error = assertThrows(PurgeFailedException.class, () -> purger.purge(SITE, plan(Instant.now(), "/a")));
        assertTrue(error.getMessage().contains("IAM policy"), error.getMessage());
        assertEquals(1, cloudFront.requests().size());
    }

    @Test
    void sendsPathsCloudFrontAccepts() {
        purger.purge(SITE, plan(Instant.now(), "/ニュース/*", "/a b", "/100%", "/%E3%83%8B"));
        assertEquals(List.of("/%E3%83%8B", "/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/*", "/100%25", "/a%20b"),
                cloudFront.invalidations().get(0).paths());
    }
}
