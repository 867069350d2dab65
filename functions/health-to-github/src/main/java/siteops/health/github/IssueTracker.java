package siteops.health.github;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import siteops.health.rules.IssuePlan;

/**
 * The service's port to the issue tracker: {@link GitHubIssues}, or {@link DryRunIssueTracker} under
 * {@code DRY_RUN=true}. Every write the service makes on GitHub is a method here, so the dry-run adapter must
 * decide about each new one (see siteops.common.DryRun).
 */
public interface IssueTracker {
    /** Creates the issue (its labels too); returns its number. */
    int create(String title, String body, List<IssueText.Label> labels);

    GitHubIssues.Issue issue(int number);

    /** The issue created since the given time whose body holds the marker. */
    Optional<Integer> findByMarker(String marker, Instant since);

    /** Whether a comment holding the marker was posted since the given time. */
    boolean hasComment(GitHubIssues.Issue issue, String marker, Instant since);

    void comment(GitHubIssues.Issue issue, String body);

    /** Brings title, body and open/closed state to what is given. */
    void refresh(GitHubIssues.Issue issue, String title, String body, IssuePlan.Transition transition);
}
