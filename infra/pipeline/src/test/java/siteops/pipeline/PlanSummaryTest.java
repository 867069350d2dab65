package siteops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanSummaryTest {

    /** A plan JSON with one resource change per action list. */
    static String plan(String... actionLists) {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i < actionLists.length; i++) {
            changes.append(i == 0 ? "" : ",").append("{\"address\":\"aws_instance.r").append(i)
                    .append("\",\"change\":{\"actions\":[").append(actionLists[i]).append("]}}");
        }
        return "{\"format_version\":\"1.2\",\"resource_changes\":[" + changes + "]}";
    }

    @Test
    void countsLikeTerraformWithAReplacementAsOneAddAndOneDestroy() {
        PlanSummary summary = PlanSummary.fromJson(plan("\"create\"", "\"create\"", "\"update\"", "\"no-op\"", "\"read\"",
                "\"delete\"", "\"delete\",\"create\"", "\"create\",\"delete\""), "plan.json");
        assertEquals(4, summary.add());
        assertEquals(1, summary.change());
        assertEquals(3, summary.destroy());
        assertEquals("+4 ~1 **-3**", summary.counts());
        assertEquals(List.of("aws_instance.r5"), summary.destroyed());
        assertEquals(List.of("aws_instance.r6", "aws_instance.r7"), summary.replaced());
        String markdown = summary.markdown();
        assertTrue(markdown.contains("- **destroys `aws_instance.r5`**"), markdown);
        assertTrue(markdown.contains("- **replaces `aws_instance.r6`** (destroyed, then created)"), markdown);
    }

    @Test
    void noDestroyIsNotBoldAndNoChangeSaysSo() {
        assertEquals("+3 ~1 -0", PlanSummary.fromJson(plan("\"create\"", "\"create\"", "\"create\"", "\"update\""), "p").counts());
        PlanSummary none = PlanSummary.fromJson("{\"format_version\":\"1.2\"}", "p");
        assertFalse(none.hasChanges());
        assertEquals("+0 ~0 -0 (no changes)\n", none.markdown());
    }

    @Test
    void somethingElseThanAPlanIsRefusedNamingTheFile() {
        assertTrue(assertThrows(PipelineException.class, () -> PlanSummary.fromJson("Error: no plan", "plan.json"))
                .getMessage().startsWith("plan.json: not the JSON of terraform show -json"));
        assertTrue(assertThrows(PipelineException.class, () -> PlanSummary.fromJson("{\"a\":1}", "plan.json"))
                .getMessage().contains("no format_version"));
    }
}
