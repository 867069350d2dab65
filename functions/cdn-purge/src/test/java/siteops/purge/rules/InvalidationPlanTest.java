package siteops.purge.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import siteops.common.registry.SiteRegistration;
import siteops.purge.Messages;
import siteops.purge.PurgeRequestException;
import siteops.purge.request.PurgeRequest;
import siteops.purge.rules.InvalidationPlan.Note;

class InvalidationPlanTest {
    static final SiteRegistration SITE = new SiteRegistration("news", "/siteops/sites/news", "E2QWRUHAPOMQZL",
            List.of("www.example.jp", "example.jp"));
    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(5);

    static InvalidationPlan plan(String... entries) {
        return InvalidationPlan.of(new PurgeRequest("news", List.of(entries)), SITE, NOW, WINDOW);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            /index.html                                  | /index.html
            /                                            | /
            /news/*                                      | /news/*
            /*                                           | /*
            /images/logo.*                               | /images/logo.*
            /ニュース/*                                   | /%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/*
            /%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/       | /%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/
            /%e3%83%8b/                                  | /%E3%83%8B/
            /ニュース/%E3%83%8B.html                      | /%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/%E3%83%8B.html
            /ä                                           | /%C3%A4
            /😀                                          | /%F0%9F%98%80
            '/a b.html'                                  | /a%20b.html
            /100%                                        | /100%25
            /a%2                                         | /a%252
            /a%zz                                        | /a%25zz
            /%09%af%AF%0f                                | /%09%AF%AF%0F
            '/%:0%/0%@0%G0%`0%g0'                        | '/%25:0%25/0%25@0%25G0%25%600%25g0'
            /a~b                                         | /a%7Eb
            '/{x}|"y"<z>^[`]\\'                          | /%7Bx%7D%7C%22y%22%3Cz%3E%5E%5B%60%5D%5C
            /keep-these_.!$&'()+,;=:@                    | /keep-these_.!$&'()+,;=:@
            /News/Logo.JPG                               | /News/Logo.JPG
            https://www.example.jp/news/a.html           | /news/a.html
            https://WWW.EXAMPLE.JP:443/news/             | /news/
            http://example.jp                            | /
            https://www.example.jp.                      | /
            https://user@www.example.jp/x                | /x
            https://www.example.jp/ニュース/              | /%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/
            https://www.example.jp/news/#top             | /news/
            /c#-guide.html                               | /c%23-guide.html
            www.example.jp/news/                         | /news/
            example.jp                                   | /
            /news/?utm_source=slack                      | /news/
            """)
    void turnsEntriesIntoCloudFrontPaths(String entry, String expected) {
        assertEquals(List.of(expected), plan(entry).paths());
    }

    @Test
    void aTildeIsEncodedWithANoteOnWhatToDoIfItDoesNotMatch() {
        InvalidationPlan plan = plan("/~user/page.html");
        assertEquals(List.of("/%7Euser/page.html"), plan.paths());
        assertEquals(List.of(new Note.TildeEncoded("/~user/page.html", "/*")), plan.notes());
        assertEquals(List.of("/docs/%7Ea"), plan("/docs/~a").paths());
        assertEquals(List.of(new Note.TildeEncoded("/docs/~a", "/docs/*")), plan("/docs/~a").notes());
        assertEquals("'~' in /docs/~a was sent as %7E, which CloudFront requires; if the page still shows old content, purge a "
                + "wildcard above it (e.g. /docs/*)", Messages.note(plan("/docs/~a").notes().get(0)));
    }

    @Test
    void controlCharactersAreEncoded() {
        assertEquals(List.of("/a%01b%7F"), plan("/a\u0001b\u007f").paths());
    }

    @Test
    void dropsTheQueryStringWithANote() {
        InvalidationPlan plan = plan("https://www.example.jp/search?q=a");
        assertEquals(List.of("/search"), plan.paths());
        assertEquals(List.of(new Note.QueryDropped("https://www.example.jp/search?q=a", "/search")), plan.notes());
        assertTrue(Messages.note(plan.notes().get(0)).contains("purge /search* to be sure"), plan.notes().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            news/a.html                       | write /news/a.html
            index.html                        | write /index.html
            /a/*/b.html                       | only at the very end
            /a*b                              | only at the very end
            https://evil.example.com/a        | its domains: www.example.jp, example.jp
            https://www.example.jp.evil.com/  | not on site 'news'
            ftp://www.example.jp/a            | not a web address
            https://[2001:db8::1]:8443/a      | the site that serves [2001:db8::1]
            https://www.example.com:8443/a    | the site that serves www.example.com
            """)
    void refusesWhatCloudFrontWouldNotPurgeAsMeant(String entry, String messagePart) {
        PurgeRequestException error = assertThrows(PurgeRequestException.class, () -> plan(entry));
        assertTrue(error.getMessage().contains(messagePart), error.getMessage());
    }

    @Test
    void removesDuplicatesAfterNormalisingAndSorts() {
        assertEquals(List.of("/%E3%83%8B", "/a", "/b"),
                plan("/a", "https://www.example.jp/a", "/b", "https://www.example.jp/a#x", "/ニ", "/%e3%83%8b").paths());
    }

    @Test
    void leavesOutPathsThatAWildcardInTheSameRequestCovers() {
        InvalidationPlan plan = plan("/news/a.html", "/news/*", "/newsletter", "/news/b/c.html");
        assertEquals(List.of("/news/*", "/newsletter"), plan.paths());
        assertEquals(1, plan.wildcards());
        assertEquals(List.of(new Note.CoveredPathsLeftOut(2)), plan.notes());
        assertTrue(Messages.note(plan.notes().get(0)).startsWith("2 paths were left out"), plan.notes().toString());
        assertEquals(List.of("/news*"), plan("/news*", "/newsletter", "/news.html").paths());
    }

    @Test
    void acceptsUpToCloudFrontsLimits() {
        assertEquals(3000, plan(paths(3000, "/p")).paths().size());
        assertEquals(15, plan(Arrays.stream(paths(15, "/w")).map(p -> p + "/*").toArray(String[]::new)).wildcards());
    }

    @Test
    void refusesMoreThan3000PathsAndSuggestsAWildcard() {
        PurgeRequestException error = assertThrows(PurgeRequestException.class, () -> plan(paths(3001, "/p")));
        assertTrue(error.getMessage().contains("3,001 paths") && error.getMessage().contains("/*"), error.getMessage());
    }

    @Test
    void refusesMoreThan15WildcardsAndSuggestsACommonOne() {
        String[] wildcards = IntStream.range(0, 16).mapToObj(i -> "/w" + i + "/*").toArray(String[]::new);
        PurgeRequestException error = assertThrows(PurgeRequestException.class, () -> plan(wildcards));
        assertTrue(error.getMessage().contains("16 wildcard paths") && error.getMessage().contains("/*"), error.getMessage());
    }

    @Test
    void refusesAPathLongerThan4000CharactersOnceEncoded() {
        String japanese = "/" + "あ".repeat(1334); // 1 + 1334 * 9 encoded characters
        PurgeRequestException error = assertThrows(PurgeRequestException.class, () -> plan(japanese));
        assertTrue(error.getMessage().contains("4000"), error.getMessage());
        assertEquals(1, plan("/" + "a".repeat(3999)).paths().size());
    }

    @Test
    void sameRequestInTheSameWindowHasTheSameCallerReference() {
        String first = plan("/a", "/b").callerReference();
        assertEquals(first, plan("/b", "https://www.example.jp/a").callerReference());
        assertEquals(first, InvalidationPlan.of(new PurgeRequest("news", List.of("/a", "/b")), SITE,
                NOW.plusSeconds(299), WINDOW).callerReference());
        assertNotEquals(first, plan("/a").callerReference());
        assertNotEquals(first, InvalidationPlan.of(new PurgeRequest("news", List.of("/a", "/b")), SITE,
                NOW.plus(WINDOW), WINDOW).callerReference());
        SiteRegistration other = new SiteRegistration("other", "/p", "E111111111111", List.of("www.example.jp"));
        assertNotEquals(first, InvalidationPlan.of(new PurgeRequest("other", List.of("/a", "/b")), other, NOW, WINDOW).callerReference());
    }

    @Test
    void aSecondPurgeOfOtherPathsInTheSameWindowIsANewInvalidation() {
        // The editor purges /news/, then /about/ a minute later: CloudFront must purge /about/ too, not return
        // the /news/ invalidation again because the caller reference ignored the paths.
        String news = plan("/news/").callerReference();
        String about = InvalidationPlan.of(new PurgeRequest("news", List.of("/about/")), SITE, NOW.plusSeconds(60), WINDOW)
                .callerReference();
        assertNotEquals(news, about);
        // Two paths are not the one path their texts would spell together.
        assertNotEquals(plan("/a", "/b").callerReference(), plan("/a/b").callerReference());
    }

    @Test
    void notesOnlyWhenAWildcardReallyLeftPathsOut() {
        assertEquals(List.of(), plan("/news/*", "/about/").notes());
        assertEquals(List.of("1 path was left out: a wildcard in the same request covers them"),
                plan("/news/*", "/news/a.html").notes().stream().map(Messages::note).toList());
    }

    @Test
    void refusesMoreThan10000EntriesBeforeReadingThemButReadsUpTo10000() {
        PurgeRequestException error = assertThrows(PurgeRequestException.class, () -> plan(paths(10_001, "/p")));
        assertTrue(error.getMessage().startsWith("10,001 entries is far more than CloudFront accepts"), error.getMessage());
        String[] sameTwice = new String[10_000];
        Arrays.fill(sameTwice, "/news/");
        assertEquals(List.of("/news/"), plan(sameTwice).paths());
    }

    private static String[] paths(int count, String prefix) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            paths.add(prefix + i);
        }
        return paths.toArray(String[]::new);
    }
}
