package siteops.fleet;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import siteops.testing.MotoServer;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * What the fleet tests share: an emptied moto_server with clients on it, the fake SSM in front of it, running
 * instances tagged like sites' servers, and bin/fleet run in process with its stdout, stderr and exit code.
 */
final class FleetTestBed implements AutoCloseable {
    /** How one bin/fleet run ended. */
    record Run(int exitCode, String stdout, String stderr) {}

    private static String image;

    final MotoServer moto;
    final FakeSsmRunCommand ssmFake;
    final Ec2Client ec2;
    final S3Client s3;
    final CloudWatchLogsClient logs;
    private Fleet current;

    FleetTestBed(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        ssmFake = new FakeSsmRunCommand(moto.endpoint());
        ec2 = moto.configure(Ec2Client.builder()).build();
        s3 = moto.configure(S3Client.builder()).forcePathStyle(true).build();
        logs = moto.configure(CloudWatchLogsClient.builder()).build();
    }

    @Override
    public void close() {
        ssmFake.close();
    }

    String instance(String site, String env) {
        return instances(List.of(site), env).getFirst();
    }

    /** Running instances, one per site, started in one call (moto answers DescribeImages slowly, so once per JVM). */
    List<String> instances(List<String> sites, String env) {
        if (image == null) {
            image = ec2.describeImages(r -> r.owners("amazon").maxResults(5)).images().getFirst().imageId();
        }
        List<String> ids = ec2.runInstances(r -> r.imageId(image).minCount(sites.size()).maxCount(sites.size()).instanceType("t3.small"))
                .instances().stream().map(Instance::instanceId).toList();
        for (int i = 0; i < sites.size(); i++) {
            String site = sites.get(i);
            String id = ids.get(i);
            ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("siteops:site").value(site).build(),
                    Tag.builder().key("siteops:env").value(env).build()));
        }
        return ids;
    }

    /** The Fleet of the run in progress (a sleeper presses Ctrl-C through it). */
    Fleet current() {
        return current;
    }

    Run run(CommandRunner.Sleeper sleeper, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        // Retries without backoff, so throttling tests do not wait; everything else is the production setup.
        SsmClient ssm = moto.configure(SsmClient.builder()).endpointOverride(ssmFake.endpoint())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .backoffStrategy(BackoffStrategy.retryImmediately()).throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build()))
                .build();
        current = new Fleet(new Fleet.Clients(ec2, ssm, s3, logs), new Fleet.Settings(Duration.ofSeconds(3), Fleet.DEFAULT_LOG_GROUP),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        current.sleeper(sleeper);
        int code = current.run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
