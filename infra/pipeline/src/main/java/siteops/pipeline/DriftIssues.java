package siteops.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One GitHub issue per drifted site, labelled {@code drift} and the site's name: created on the first drifted
 * night, its body replaced with the latest plan on the next ones, closed when the site is clean again. A failed plan
 * touches no issue: it is an error of the check, reported by the failing job, not drift.
 */
public final class DriftIssues {

    public static final String LABEL = "drift";

    /** What a run did, for the job summary. */
    public record Outcome(String action, int issue) {}

    private final GitHubRest github;

    public DriftIssues(GitHubRest github) {
        this.github = github;
    }

    public static String marker(String site) {
        return "<!-- siteops-drift: " + site + " -->";
    }

    /** Applies the result of one site's nightly plan. {@code FAILED} is refused: the caller reports it as an error. */
    public Outcome record(String site, DriftCheck check, PlanSummary summary, String planText, String artifactUrl, String runUrl) {
        Optional<JsonNode> open = openIssue(site);
        switch (check) {
            case DRIFTED -> {
                String body = PlanComment.body(marker(site), "`" + site + "` differs from its Terraform code",
                        summary, planText, artifactUrl, runUrl)
                        + "\nThe nightly drift check updates this issue and closes it once the site matches its code again "
                        + "(apply the code, or change the code to match what was done by hand).\n";
                if (open.isPresent()) {
                    int number = open.get().path("number").asInt();
                    github.patch("/issues/" + number, Map.of("body", body));
                    return new Outcome("updated", number);
                }
                JsonNode created = github.post("/issues", Map.of("title", "Drift: " + site + " differs from its Terraform code",
                        "body", body, "labels", List.of(LABEL, site)));
                return new Outcome("opened", created.path("number").asInt());
            }
            case CLEAN -> {
                if (open.isEmpty()) {
                    return new Outcome("clean", 0);
                }
                int number = open.get().path("number").asInt();
                github.post("/issues/" + number + "/comments", Map.of("body",
                        "The nightly plan of `" + site + "` shows no changes any more" + (runUrl.isEmpty() ? "" : " ([run](" + runUrl + "))") + ": closing."));
                github.patch("/issues/" + number, Map.of("state", "closed", "state_reason", "completed"));
                return new Outcome("closed", number);
            }
            default -> throw new PipelineException("terraform plan failed for " + site
                    + ": that is an error of the check, not drift; no drift issue was changed (read the plan step's log)");
        }
    }

    /** The open issue of this site: both labels (pull requests excluded) and the site's marker in the body. */
    private Optional<JsonNode> openIssue(String site) {
        return github.list("/issues?state=open&labels=" + LABEL + "," + site).stream()
                .filter(issue -> !issue.has("pull_request"))
                .filter(issue -> issue.path("body").asText().contains(marker(site)))
                .findFirst();
    }
}
