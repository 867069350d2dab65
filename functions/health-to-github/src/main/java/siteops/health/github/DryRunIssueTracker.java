package siteops.health.github;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import siteops.common.DryRun;
import siteops.health.rules.IssuePlan;

/**
 * {@code DRY_RUN=true}: reads GitHub as usual and records each issue, comment and update in the {@link DryRun}
 * instead of sending it. An issue it would have created has number {@link #NOT_CREATED}.
 */
public final class DryRunIssueTracker implements IssueTracker {
    /** The number of an issue a dry run would have created (GitHub numbers start at 1). */
    public static final int NOT_CREATED = 0;

    private final IssueTracker github;
    private final String target;
    private final DryRun dryRun;

    public DryRunIssueTracker(IssueTracker github, String repository, DryRun dryRun) {
        this.github = github;
        this.target = "GitHub " + repository;
        this.dryRun = dryRun;
    }

    @Override
    public int create(String title, String body, List<IssueText.Label> labels) {
        dryRun.record(target, "create issue", Map.of("title", title, "body", body,
                "labels", labels.stream().map(IssueText.Label::name).toList()));
        return NOT_CREATED;
    }

    @Override
    public GitHubIssues.Issue issue(int number) {
        return number == NOT_CREATED ? GitHubIssues.Issue.notCreated() : github.issue(number);
    }

    @Override
    public Optional<Integer> findByMarker(String marker, Instant since) {
        return github.findByMarker(marker, since);
    }

    @Override
    public boolean hasComment(GitHubIssues.Issue issue, String marker, Instant since) {
        return issue.number() != NOT_CREATED && github.hasComment(issue, marker, since);
    }

    @Override
    public void comment(GitHubIssues.Issue issue, String body) {
        dryRun.record(target, "comment on issue", Map.of("issue", issue.number(), "body", body));
    }

    /** Records only what differs from the issue as GitHub shows it, as {@link GitHubIssues#refresh} would send. */
    @Override
    public void refresh(GitHubIssues.Issue issue, String title, String body, IssuePlan.Transition transition) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (!title.equals(issue.title())) {
            changes.put("title", title);
        }
        if (!body.equals(issue.body())) {
            changes.put("body", body);
        }
        if (transition == IssuePlan.Transition.CLOSE && !issue.closed()) {
            changes.put("state", "closed");
        } else if (transition == IssuePlan.Transition.REOPEN && issue.closed()) {
            changes.put("state", "open");
        }
        if (issue.number() == NOT_CREATED) {
            changes.remove("title");
            changes.remove("body"); // the issue it would have created already has them
        }
        if (!changes.isEmpty()) {
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("issue", issue.number());
            update.putAll(changes);
            dryRun.record(target, "update issue", update);
        }
    }
}
