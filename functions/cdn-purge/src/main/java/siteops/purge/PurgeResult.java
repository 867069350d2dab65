package siteops.purge;

import java.util.List;

/** What the function returns: ids for tools, paths exactly as sent, and one line for the editor in Slack. */
public record PurgeResult(String site, String distributionId, String invalidationId, String status, List<String> paths,
                          String callerReference, String createTime, List<String> notes, String message) {}
