package siteops.purge;

import java.util.List;

/**
 * What the function returns: ids for tools, paths exactly as sent, whether an identical request of the last minute
 * already created this invalidation, and one line for the editor in Slack. A dry run has no invalidation: its paths
 * and caller reference are what a purge would send.
 */
public record PurgeResult(String site, String distributionId, String invalidationId, String status, List<String> paths,
                          String callerReference, String createTime, boolean alreadyRequested, List<String> notes,
                          String message, boolean dryRun) {
    /** The result of a purge that was sent. */
    public PurgeResult(String site, String distributionId, String invalidationId, String status, List<String> paths,
                       String callerReference, String createTime, boolean alreadyRequested, List<String> notes, String message) {
        this(site, distributionId, invalidationId, status, paths, callerReference, createTime, alreadyRequested, notes, message, false);
    }
}
