package siteops.invoke;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siteops.testing.ProjectRoot;

class HelpTest {
    static final String HELP = Help.text(ProjectRoot.resolve("template.yaml"));

    @Test
    void theExampleEventIsOneTheFunctionHandles() {
        assertTrue(HELP.contains("CdnPurgeFunction   e.g. -e events/cdn-purge/purge-"), HELP);
        assertTrue(HELP.contains("PurgeStatusFunction   e.g. -e events/purge-status/by-hand.json"), HELP);
        assertFalse(HELP.contains("e.g. -e events/cdn-purge/bad-") || HELP.contains("e.g. -e events/purge-status/bad-"), HELP);
        assertTrue(HELP.contains(" bad-unknown-site.json"), "the refusals stay among the samples: " + HELP);
    }

    @Test
    void thePassedThroughVariablesReadAsNamesNotARegex() {
        assertTrue(HELP.contains("ENDPOINT_URL, ENDPOINT_URL_<SERVICE>}"), HELP);
        assertFalse(HELP.contains("[A-Z") || HELP.contains("+"), HELP);
    }
}
