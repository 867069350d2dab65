package siteops.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandPlugin;

/**
 * The whole output of a plugin whose text SSM cut at 2,500 characters: from the command's S3 output (the plugin's
 * OutputS3BucketName / OutputS3KeyPrefix) or from its CloudWatch log group (streams
 * {@code <command>/<instance>/<plugin>/stdout} and {@code .../stderr}).
 */
public final class FullOutput {
    /** SSM keeps this many characters of a plugin's output in the API and marks the cut. */
    public static final int SSM_OUTPUT_LIMIT = 2500;
    static final String TRUNCATED_MARK = "---Output truncated---";

    /** The complete text and where it came from ({@code s3://...} or {@code CloudWatch Logs ...}). */
    public record Fetched(String text, String source) {}

    private final S3Client s3;
    private final CloudWatchLogsClient logs;

    public FullOutput(S3Client s3, CloudWatchLogsClient logs) {
        this.s3 = s3;
        this.logs = logs;
    }

    public static boolean truncated(String output) {
        return output != null && (output.length() >= SSM_OUTPUT_LIMIT || output.contains(TRUNCATED_MARK));
    }

    public Optional<Fetched> fetch(String commandId, CommandInvocation invocation, CommandPlugin plugin) {
        if (plugin.outputS3BucketName() != null && !plugin.outputS3BucketName().isEmpty()) {
            return fromS3(plugin.outputS3BucketName(), plugin.outputS3KeyPrefix());
        }
        var cloudWatch = invocation.cloudWatchOutputConfig();
        if (cloudWatch != null && Boolean.TRUE.equals(cloudWatch.cloudWatchOutputEnabled()) && cloudWatch.cloudWatchLogGroupName() != null) {
            return fromLogs(cloudWatch.cloudWatchLogGroupName(), commandId + "/" + invocation.instanceId() + "/" + plugin.name().replace(':', '-'));
        }
        return Optional.empty();
    }

    private Optional<Fetched> fromS3(String bucket, String prefix) {
        String base = prefix == null ? "" : prefix.endsWith("/") || prefix.isEmpty() ? prefix : prefix + "/";
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(base)).contents().forEach(objects::add);
        List<S3Object> streams = objects.stream().filter(o -> o.key().endsWith("/stdout") || o.key().endsWith("/stderr"))
                // stdout before stderr, as SSM's own Output shows them
                .sorted(Comparator.comparing((S3Object o) -> o.key().endsWith("/stderr")).thenComparing(S3Object::key)).toList();
        if (streams.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (S3Object object : streams) {
            text.append(s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asString(StandardCharsets.UTF_8));
        }
        return Optional.of(new Fetched(text.toString(), "s3://" + bucket + "/" + base));
    }

    private Optional<Fetched> fromLogs(String group, String streamPrefix) {
        StringBuilder text = new StringBuilder();
        boolean found = false;
        for (String stream : List.of(streamPrefix + "/stdout", streamPrefix + "/stderr")) {
            try {
                String token = null;
                while (true) {
                    String from = token;
                    GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName(group).logStreamName(stream).startFromHead(true).nextToken(from));
                    for (OutputLogEvent event : page.events()) {
                        text.append(event.message()).append('\n');
                    }
                    found = true;
                    // The forward token repeats once the end of the stream is reached.
                    if (page.events().isEmpty() || page.nextForwardToken() == null || page.nextForwardToken().equals(token)) {
                        break;
                    }
                    token = page.nextForwardToken();
                }
            } catch (ResourceNotFoundException e) {
                // no stderr (or no stdout) stream: the script wrote nothing there
            }
        }
        return found ? Optional.of(new Fetched(text.toString(), "CloudWatch Logs " + group + " " + streamPrefix)) : Optional.empty();
    }
}
