package siteops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siteops.standins.FakeGitHub;

/** The CLI's GitHub steps as a workflow runs them, against a fake GitHub that enforces the real API's rules. */
class GitHubStepsTest {

    private static final String TOKEN = "ghs_test0123456789";
    private static final String REPOSITORY = "example/siteops";

    private FakeGitHub github;
    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        github = new FakeGitHub(TOKEN, REPOSITORY);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        Map<String, String> env = Map.of("GITHUB_API_URL", github.apiUrl(), "GITHUB_REPOSITORY", REPOSITORY,
                "GITHUB_TOKEN", TOKEN, "GITHUB_RUN_ID", "42");
        return Main.run(args, env, dir, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void plan(String json, String text) throws IOException {
        Files.writeString(dir.resolve("plan.json"), json);
        Files.writeString(dir.resolve("plan.txt"), text);
    }

    @Test
    void thePlanCommentIsCreatedOnceThenEditedInPlaceOnTheNextPush() throws IOException {
        FakeGitHub.Issue pullRequest = github.addIssue("Add site shop", "");
        pullRequest.comments.add(new FakeGitHub.Comment(1, "LGTM", java.time.Instant.now()));
        plan(PlanSummaryTest.plan("\"create\"", "\"create\"", "\"create\"", "\"update\""), "first plan");
        assertEquals(0, run("plan-comment", "--site", "shop", "--pr", "1", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        assertTrue(out.toString().startsWith("Plan for `shop`: +3 ~1 -0"), out::toString);

        plan(PlanSummaryTest.plan("\"delete\""), "second plan");
        assertEquals(0, run("plan-comment", "--site", "shop", "--pr", "1", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        // Another site's comment on the same pull request is its own.
        assertEquals(0, run("plan-comment", "--site", "blog", "--pr", "1", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);

        List<FakeGitHub.Comment> comments = github.issue(pullRequest.number).comments;
        assertEquals(3, comments.size(), () -> comments.toString());
        assertEquals("LGTM", comments.get(0).body());
        assertTrue(comments.get(1).body().contains("### Plan for `shop`: +0 ~0 **-1**"), comments.get(1).body());
        assertTrue(comments.get(1).body().contains("second plan"));
        assertTrue(comments.get(2).body().startsWith(PlanComment.marker("blog")));
    }

    @Test
    void theMarkerIsFoundBeyondTheFirstPageOfComments() throws IOException {
        FakeGitHub.Issue pullRequest = github.addIssue("A long review", "");
        for (int i = 0; i < 150; i++) {
            pullRequest.comments.add(new FakeGitHub.Comment(i + 1, i == 140 ? PlanComment.marker("shop") + " old plan" : "comment " + i,
                    java.time.Instant.now()));
        }
        plan(PlanSummaryTest.plan("\"update\""), "new plan");
        assertEquals(0, run("plan-comment", "--site", "shop", "--pr", "1", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        assertEquals(150, github.issue(1).comments.size(), "edited, not added");
        assertTrue(github.issue(1).comments.get(140).body().contains("new plan"));
        assertTrue(github.calls().stream().anyMatch(call -> call.query() != null && call.query().contains("page=2")), () -> github.calls().toString());
    }

    @Test
    void aPlanLargerThanACommentIsCutAndGitHubAcceptsIt() throws IOException {
        github.addIssue("Change every site", "");
        plan(PlanSummaryTest.plan("\"update\""), "  ~ resource changed in place\n".repeat(5000));
        assertEquals(0, run("plan-comment", "--site", "shop", "--pr", "1", "--plan-json", "plan.json", "--plan-text", "plan.txt",
                "--artifact-url", "https://github.com/example/siteops/actions/runs/42/artifacts/7"), err::toString);
        String body = github.issue(1).comments.get(0).body();
        assertTrue(body.length() <= FakeGitHub.BODY_LIMIT);
        assertTrue(body.contains("[plan artifact](https://github.com/example/siteops/actions/runs/42/artifacts/7)"));
    }

    @Test
    void driftOpensOneIssueUpdatesItAndClosesItWhenClean() throws IOException {
        github.addIssue("Unrelated issue", "mentions drift");
        plan(PlanSummaryTest.plan("\"update\""), "  ~ ingress changed by hand");
        assertEquals(0, run("drift", "--site", "shop", "--exit-code", "2", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        FakeGitHub.Issue issue = github.issue(2);
        assertEquals("Drift: shop differs from its Terraform code", issue.title);
        assertEquals(List.of("drift", "shop"), issue.labels);
        assertTrue(issue.body.contains("+0 ~1 -0") && issue.body.contains("ingress changed by hand"), issue.body);
        assertTrue(issue.body.contains("https://github.com/example/siteops/actions/runs/42"), issue.body);

        plan(PlanSummaryTest.plan("\"update\"", "\"delete\""), "  - bucket deleted by hand");
        assertEquals(0, run("drift", "--site", "shop", "--exit-code", "2", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        // Another drifted site gets its own issue.
        assertEquals(0, run("drift", "--site", "blog", "--exit-code", "2", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        assertEquals(3, github.issues().size());
        assertTrue(github.issue(2).body.contains("+0 ~1 **-1**") && github.issue(2).body.contains("bucket deleted by hand"), github.issue(2).body);
        assertTrue(out.toString().contains("issue #3 opened"), out::toString);

        plan(PlanSummaryTest.plan(), "No changes.");
        assertEquals(0, run("drift", "--site", "shop", "--exit-code", "0", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        assertEquals("closed", github.issue(2).state);
        assertEquals("completed", github.issue(2).stateReason);
        assertEquals("open", github.issue(3).state, "blog still drifts");
        assertTrue(github.issue(2).comments.get(0).body().contains("no changes any more"));

        // Drifting again later opens a new issue rather than reviving the closed one.
        plan(PlanSummaryTest.plan("\"update\""), "again");
        assertEquals(0, run("drift", "--site", "shop", "--exit-code", "2", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        assertEquals(4, github.issues().size());
    }

    @Test
    void aCleanSiteWithoutIssueChangesNothing() throws IOException {
        plan(PlanSummaryTest.plan(), "No changes.");
        assertEquals(0, run("drift", "--site", "shop", "--exit-code", "0", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        assertEquals(List.of(), github.issues());
        assertTrue(github.calls().stream().allMatch(call -> call.method().equals("GET")), () -> github.calls().toString());
    }

    @Test
    void aFailedPlanIsAnErrorAndLeavesTheDriftIssueAlone() throws IOException {
        plan(PlanSummaryTest.plan("\"update\""), "drifted");
        assertEquals(0, run("drift", "--site", "shop", "--exit-code", "2", "--plan-json", "plan.json", "--plan-text", "plan.txt"), err::toString);
        int callsBefore = github.calls().size();

        assertEquals(1, run("drift", "--site", "shop", "--exit-code", "1"));
        assertTrue(err.toString().startsWith("::error title=Drift check failed for shop::terraform plan failed (exit 1)"), err::toString);
        assertTrue(err.toString().contains("not drift"), err::toString);
        assertEquals(callsBefore, github.calls().size(), "no GitHub call for a failed plan");
        assertEquals("open", github.issue(1).state);
    }

    @Test
    void gitHubRefusingACallFailsTheStepWithItsMessageAndNoToken() throws IOException {
        plan(PlanSummaryTest.plan("\"update\""), "drifted");
        github.setHasIssues(false);
        assertEquals(1, run("drift", "--site", "shop", "--exit-code", "2", "--plan-json", "plan.json", "--plan-text", "plan.txt"));
        assertTrue(err.toString().contains("GitHub refused POST /issues: 410 Issues are disabled for this repo"), err::toString);
        assertTrue(!err.toString().contains(TOKEN));
    }

    @Test
    void badUsageNamesTheProblem() throws IOException {
        assertEquals(2, run("drift", "--site", "shop", "--exit-code", "two"));
        assertTrue(err.toString().contains("--exit-code must be a number, got 'two'"), err::toString);
        assertEquals(2, run("plan-comment", "--site", "shop", "--pr", "1", "--plan-json", "missing.json", "--plan-text", "x"));
        assertTrue(err.toString().contains("missing.json: no such file"), err::toString);
        assertEquals(2, run("plan-summary", "--plan-jsn", "plan.json"));
        assertTrue(err.toString().contains("--plan-json is required"), err::toString);
    }
}
