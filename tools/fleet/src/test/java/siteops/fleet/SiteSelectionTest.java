package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteSelectionTest {
    private static final List<String> RUNNING = List.of("campaign-2019", "campaign-2020", "corporate", "news", "news-stg", "recruit-stg");

    /** Each row: patterns (space separated), the sites chosen, the patterns that matched nothing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "campaign-*|campaign-2019 campaign-2020|",
        "news|news|",
        "news*|news news-stg|",
        "*-stg|news-stg recruit-stg|",
        "campaign-20?9|campaign-2019|",
        "campaign-20[12]*|campaign-2019 campaign-2020|",
        "campaign-20[!1]*|campaign-2020|",
        "c*|campaign-2019 campaign-2020 corporate|",
        "news corporate news|corporate news|",
        "gone-* news|news|gone-*",
        "new||new",
        "*|campaign-2019 campaign-2020 corporate news news-stg recruit-stg|",
    })
    void globsExpandAgainstRunningSites(String patterns, String sites, String unmatched) {
        var expansion = SiteSelection.expand(Arrays.asList(patterns.split(" ")), RUNNING);
        assertEquals(words(sites), expansion.sites());
        assertEquals(words(unmatched), expansion.unmatched());
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.split(" "));
    }

    @ParameterizedTest
    @CsvSource({"0, ''", "1, 1", "50, 50", "51, 50 1", "120, 50 50 20"})
    void valuesAreSplitIntoCommandsOfAtMostFifty(int count, String sizes) {
        List<String> values = IntStream.range(0, count).mapToObj(i -> "s" + i).toList();
        var batches = SiteSelection.batches(values);
        assertEquals(words(sizes).stream().map(Integer::valueOf).toList(), batches.stream().map(List::size).toList());
        assertEquals(values, batches.stream().flatMap(List::stream).toList());
    }

    @Test
    void regexCharactersInNamesAreLiteral() {
        assertEquals(List.of(), SiteSelection.expand(List.of("news."), List.of("newsx")).sites());
    }
}
