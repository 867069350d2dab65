package siteops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlanCommentTest {

    private static final PlanSummary SUMMARY = PlanSummary.fromJson(PlanSummaryTest.plan("\"create\""), "p");
    private static final String ARTIFACT = "https://github.com/o/r/actions/runs/1/artifacts/2";

    @Test
    void aSmallPlanIsWholeInACollapsedBlockUnderTheSummary() {
        String body = PlanComment.body("corporate", SUMMARY, "  # aws_instance.web will be created\n", ARTIFACT, "");
        assertTrue(body.startsWith("<!-- siteops-plan: corporate -->\n### Plan for `corporate`: +1 ~0 -0"), body);
        assertTrue(body.contains("<details><summary>terraform plan</summary>\n\n```\n# aws_instance.web will be created\n```\n</details>"), body);
        assertFalse(body.contains(ARTIFACT), "no link needed when nothing is cut");
    }

    @Test
    void aHugePlanIsCutAtALineToTheLimitWithALinkToTheArtifact() {
        String line = "  ~ tags = { \"siteops:project\" = \"corporate\" }\n";
        String plan = line.repeat(3000);
        String body = PlanComment.body("corporate", SUMMARY, plan, ARTIFACT, "https://github.com/o/r/actions/runs/1");
        assertTrue(body.length() <= PlanComment.LIMIT, "length " + body.length());
        assertTrue(body.length() > PlanComment.LIMIT - line.length() - 2, "uses the room: " + body.length());
        assertTrue(body.contains("**The plan is cut here** (" + plan.strip().length() + " characters"), body.substring(body.length() - 300));
        assertTrue(body.endsWith("read all of it in the [plan artifact](" + ARTIFACT + ").\n"));
        String kept = body.substring(body.indexOf("```\n") + 4, body.indexOf("\n```\n</details>"));
        assertTrue(kept.endsWith("\"corporate\" }"), "cut at a line end: " + kept.substring(kept.length() - 40));
    }

    @Test
    void aPlanCannotCloseTheCodeBlockEarly() {
        String body = PlanComment.body("s", SUMMARY, "value = \"```\"", ARTIFACT, "");
        assertEquals(2, body.split("```", -1).length - 1, body);
    }
}
