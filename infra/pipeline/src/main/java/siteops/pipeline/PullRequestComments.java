package siteops.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One comment per site on a pull request: found again by its hidden marker and edited in place on every push. */
public final class PullRequestComments {

    private final GitHubRest github;

    public PullRequestComments(GitHubRest github) {
        this.github = github;
    }

    /** Edits the comment holding {@code marker}, or creates it; returns the comment's id. */
    public long upsert(int pullRequest, String marker, String body) {
        if (!body.contains(marker)) {
            throw new IllegalArgumentException("the body must carry its marker, or the next run cannot find it");
        }
        for (JsonNode comment : github.list("/issues/" + pullRequest + "/comments")) {
            if (comment.path("body").asText().contains(marker)) {
                long id = comment.path("id").asLong();
                github.patch("/issues/comments/" + id, Map.of("body", body));
                return id;
            }
        }
        return github.post("/issues/" + pullRequest + "/comments", Map.of("body", body)).path("id").asLong();
    }
}
