package siteops.health;

/**
 * The event's issue is no longer in the repository: GitHub answered 410 (deleted), 301 (transferred to another
 * repository) or 404 (deleted or transferred where the token cannot see it) for it. The service opens a new issue
 * instead of failing for ever.
 */
public final class IssueGoneException extends GitHubCallException {
    private final int issueNumber;

    public IssueGoneException(String message, int issueNumber, int status, Throwable cause) {
        super(message, status, null, cause);
        this.issueNumber = issueNumber;
    }

    public int issueNumber() {
        return issueNumber;
    }
}
