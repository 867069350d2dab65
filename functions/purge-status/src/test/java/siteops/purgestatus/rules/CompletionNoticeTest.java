package siteops.purgestatus.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.registry.SiteRegistration;
import siteops.purgestatus.Messages;
import siteops.purgestatus.PurgeStatusException;
import siteops.purgestatus.request.StatusCheck;
import siteops.purgestatus.rules.CompletionNotice.Decision;

class CompletionNoticeTest {
    static final String TOPIC = "arn:aws:sns:ap-northeast-1:123456789012:siteops-news-chatbot";
    static final SiteRegistration SITE = new SiteRegistration("news", "/siteops/sites/news", "E2QWRUHAPOMQZL",
            List.of("www.example.jp"), TOPIC);
    static final Instant CREATED = Instant.parse("2026-11-30T10:00:00Z");
    static final StatusCheck CHECK = new StatusCheck("news", "I2J0I21PCUYOIK", List.of("/ニュース/*", "https://www.example.jp/index.html"), 2, false);

    @Test
    void inProgressWithChecksLeftWaitsAndPublishesNothing() {
        assertInstanceOf(Decision.KeepWaiting.class,
                CompletionNotice.decide(CHECK, SITE, "InProgress", CREATED, List.of(), CREATED.plusSeconds(30)));
    }

    @Test
    void completedIsOneCustomNotificationNamingTheSiteThePathsAsTypedAndTheTime() {
        Decision.Publish publish = assertInstanceOf(Decision.Publish.class,
                CompletionNotice.decide(CHECK, SITE, "Completed", CREATED, List.of("/%E3%83%8B/*"), CREATED.plusSeconds(95)));
        assertEquals(TOPIC, publish.topicArn());
        ChatbotNotification n = publish.notification();
        assertEquals("1.0", n.version());
        assertEquals("custom", n.source());
        assertEquals("client-markdown", n.content().textType());
        assertEquals(":white_check_mark: Purge done on www.example.jp", n.content().title());
        assertEquals("Site *news*: CloudFront finished purging `/ニュース/*` `https://www.example.jp/index.html` in about 2 minutes "
                + "(invalidation I2J0I21PCUYOIK). Visitors now get the fresh pages.", n.content().description());
        assertTrue(publish.completed() && !publish.gaveUp());
    }

    @Test
    void cloudFrontsOwnStatusSpellingIsAccepted() {
        // moto answers COMPLETED where CloudFront says Completed.
        assertInstanceOf(Decision.Publish.class, CompletionNotice.decide(CHECK, SITE, "COMPLETED", CREATED, List.of(), CREATED));
    }

    @Test
    void theLastCheckStillInProgressSaysItGaveUp() {
        StatusCheck last = new StatusCheck("news", "I2J0I21PCUYOIK", List.of("/news/*"), 1, true);
        Decision.Publish publish = assertInstanceOf(Decision.Publish.class,
                CompletionNotice.decide(last, SITE, "InProgress", CREATED, List.of(), CREATED.plus(Duration.ofMinutes(20).plusSeconds(40))));
        assertTrue(publish.gaveUp() && !publish.completed());
        assertEquals(":hourglass: Purge still running on www.example.jp", publish.notification().content().title());
        assertEquals("Site *news*: CloudFront has not finished purging `/news/*` about 21 minutes after the request (invalidation "
                + "I2J0I21PCUYOIK), and this channel will not be told when it does. Pages usually refresh anyway; if they stay old, "
                + "purge again or check the invalidation in the CloudFront console.", publish.notification().content().description());
        assertEquals("siteops.purge.gave-up", publish.notification().metadata().eventType());
    }

    @Test
    void theLastCheckFindingItCompletedSaysDone() {
        StatusCheck last = new StatusCheck("news", "I2J0I21PCUYOIK", List.of("/"), 1, true);
        Decision.Publish publish = assertInstanceOf(Decision.Publish.class,
                CompletionNotice.decide(last, SITE, "Completed", CREATED, List.of(), CREATED.plusSeconds(1200)));
        assertTrue(publish.completed() && !publish.gaveUp());
    }

    @Test
    void noTopicRegisteredPublishesNothingAndSaysWhy() {
        SiteRegistration withoutTopic = new SiteRegistration("news", "/siteops/sites/news", "E2QWRUHAPOMQZL", List.of("www.example.jp"));
        Decision.NoTopic none = assertInstanceOf(Decision.NoTopic.class,
                CompletionNotice.decide(CHECK, withoutTopic, "Completed", CREATED, List.of(), CREATED));
        assertEquals("site 'news' has no notificationTopicArn in its registry entry /siteops/sites/news, so no Slack channel was told; "
                + "the site's Terraform (slack-purge) writes it", Messages.noTopic(withoutTopic));
        assertTrue(none.completed() && !none.gaveUp());
        StatusCheck last = new StatusCheck("news", "I1", List.of(), 0, true);
        Decision.NoTopic gaveUp = assertInstanceOf(Decision.NoTopic.class,
                CompletionNotice.decide(last, withoutTopic, "InProgress", CREATED, List.of(), CREATED));
        assertTrue(gaveUp.gaveUp() && !gaveUp.completed());
        assertInstanceOf(Decision.KeepWaiting.class,
                CompletionNotice.decide(CHECK, withoutTopic, "InProgress", CREATED, List.of(), CREATED), "nothing is due yet");
    }

    @Test
    void withoutPathsOrCreationTimeTheGaveUpMessageSaysWhatItKnows() {
        StatusCheck last = new StatusCheck("news", "I1", List.of(), 0, true);
        Decision.Publish publish = assertInstanceOf(Decision.Publish.class,
                CompletionNotice.decide(last, SITE, "InProgress", null, List.of(), CREATED));
        assertTrue(publish.notification().content().description().startsWith(
                "Site *news*: CloudFront has not finished purging the requested paths (invalidation I1), and this channel"),
                publish.notification().content().description());
    }

    @Test
    void aMalformedTopicIsAnErrorNamingTheEntry() {
        SiteRegistration broken = new SiteRegistration("news", "/siteops/sites/news", "E2QWRUHAPOMQZL", List.of(), "siteops-news-chatbot");
        PurgeStatusException error = assertThrows(PurgeStatusException.class,
                () -> CompletionNotice.decide(CHECK, broken, "Completed", CREATED, List.of(), CREATED));
        assertTrue(error.getMessage().contains("malformed notificationTopicArn 'siteops-news-chatbot'")
                && error.getMessage().contains("/siteops/sites/news"), error.getMessage());
    }

    @Test
    void withoutTypedPathsTheInvalidationsOwnAreShownAndManyAreCounted() {
        StatusCheck byHand = new StatusCheck("news", "I1", List.of(), 0, false);
        List<String> many = IntStream.range(0, 25).mapToObj(i -> "/p" + i).toList();
        Decision.Publish publish = assertInstanceOf(Decision.Publish.class,
                CompletionNotice.decide(byHand, SITE, "Completed", null, many, CREATED));
        assertTrue(publish.notification().content().description()
                .startsWith("Site *news*: CloudFront finished purging `/p0` `/p1` `/p2` `/p3` `/p4` `/p5` `/p6` `/p7` `/p8` `/p9` and 15 more "
                        + "(invalidation I1)."), publish.notification().content().description());
        assertEquals("`/a` and 498 more", Messages.pathList(List.of("/a"), 499));
        assertEquals("`/it's` `/x*`", Messages.pathList(List.of("/it`s", "/x*"), 2), "a backtick cannot end the code span");
    }

    @ParameterizedTest
    @CsvSource({"0, 0 seconds", "1, 1 second", "59, 59 seconds", "60, about 1 minute", "89, about 1 minute", "90, about 2 minutes",
                "1230, about 21 minutes"})
    void elapsedTimeReadsAsPeopleSayIt(long seconds, String expected) {
        assertEquals(expected, Messages.elapsed(Duration.ofSeconds(seconds)));
    }
}
