package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.common.Json;
import siteops.testing.MotoServer;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * bin/fleet in process against moto_server (EC2 instances with site tags, S3, CloudWatch Logs) and a fake SSM at
 * the SDK's HTTP layer for the Run Command life cycle moto lacks. Only the wait between polls is replaced.
 */
@ExtendWith(MotoServer.class)
class FleetRunTest {
    private FleetTestBed bed;
    private FakeSsmRunCommand ssmFake;
    private Ec2Client ec2;
    private S3Client s3;
    private CloudWatchLogsClient logs;
    private final List<Duration> sleeps = new ArrayList<>();
    private String stdout;
    private String stderr;

    @BeforeEach
    void setUp(MotoServer moto) {
        bed = new FleetTestBed(moto);
        ssmFake = bed.ssmFake;
        ec2 = bed.ec2;
        s3 = bed.s3;
        logs = bed.logs;
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    String instance(String site, String env) {
        return bed.instance(site, env);
    }

    int fleet(String... args) {
        return fleet(sleeps::add, args);
    }

    int fleet(CommandRunner.Sleeper sleeper, String... args) {
        FleetTestBed.Run run = bed.run(sleeper, args);
        stdout = run.stdout();
        stderr = run.stderr();
        return run.exitCode();
    }

    private List<String> lines() {
        return stdout.lines().toList();
    }

    private String diagnostics() {
        return "--- stdout\n" + stdout + "\n--- stderr\n" + stderr + "\n--- ssm\n" + ssmFake.operations();
    }

    @Test
    void aCommandOnAGlobOfSitesSucceedsAndSendsTagTargetsWithTheDefaultRateControls() {
        String a1 = instance("campaign-a", "prod");
        String a2 = instance("campaign-b", "stg");
        instance("corporate", "prod");
        ssmFake.listDelay(2);

        assertEquals(0, fleet("run", "--site", "campaign-*", "--command", "uptime"), this::diagnostics);

        JsonNode sent = ssmFake.sentCommands().getFirst();
        assertEquals(1, ssmFake.sentCommands().size());
        assertEquals("[{\"Key\":\"tag:siteops:site\",\"Values\":[\"campaign-a\",\"campaign-b\"]}]", sent.get("Targets").toString());
        assertFalse(sent.has("InstanceIds"));
        assertEquals("AWS-RunShellScript", sent.get("DocumentName").asText());
        assertEquals(2, sent.get("Parameters").size());
        assertEquals("[\"uptime\"]", sent.at("/Parameters/commands").toString());
        assertEquals("[\"600\"]", sent.at("/Parameters/executionTimeout").toString());
        assertEquals("10%", sent.get("MaxConcurrency").asText());
        assertEquals("0", sent.get("MaxErrors").asText());
        assertEquals(600, sent.get("TimeoutSeconds").asInt());
        assertEquals(Fleet.DEFAULT_LOG_GROUP, sent.at("/CloudWatchOutputConfig/CloudWatchLogGroupName").asText());

        assertTrue(stdout.contains("campaign-a  prod  " + a1 + "  Success     0  42s"), this::diagnostics);
        assertTrue(stdout.contains("campaign-b  stg   " + a2 + "  Success     0  42s"), this::diagnostics);
        assertFalse(stdout.contains("corporate"));
        assertEquals("2 succeeded, 0 failed", lines().getLast());
        // The first polls saw no invocations yet (Pending, no targets): that was not taken for "done".
        assertTrue(stderr.contains("fleet: 0/? done, 0 failed"), this::diagnostics);
        assertTrue(stderr.contains("fleet: 2/2 done, 0 failed"), this::diagnostics);
        // One ListCommands per poll, the invocations listed once at the end (one page for two instances).
        assertEquals(ssmFake.count("ListCommands"), sleeps.size() + 1);
        assertEquals(1, ssmFake.count("ListCommandInvocations"));
        assertTrue(sleeps.stream().allMatch(Duration.ofSeconds(3)::equals), sleeps::toString);
    }

    @Test
    void everyKindOfFailureIsReportedInSsmsWordsWithTheEndOfItsOutput() {
        String ok = instance("a-ok", "prod");
        String failed = instance("b-failed", "prod");
        String timedOut = instance("c-timedout", "prod");
        String undeliverable = instance("d-undeliverable", "prod");
        String output = IntStream.rangeClosed(1, 12).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n";
        ssmFake.outcome(ok, FakeSsmRunCommand.Outcome.success("fine\n"))
                .outcome(failed, FakeSsmRunCommand.Outcome.failed(2, output))
                .outcome(timedOut, FakeSsmRunCommand.Outcome.timedOut("still waiting\n"))
                .outcome(undeliverable, FakeSsmRunCommand.Outcome.undeliverable());

        assertEquals(1, fleet("run", "--env", "prod", "--command", "dnf -y upgrade", "--max-errors", "100%"), this::diagnostics);

        assertEquals("[{\"Key\":\"tag:siteops:env\",\"Values\":[\"prod\"]}]", ssmFake.sentCommands().getFirst().get("Targets").toString());
        assertTrue(stdout.contains(failed + "  Failed") && stdout.contains("     2  42s"), this::diagnostics);
        assertTrue(stdout.contains(timedOut + "  timed out"), this::diagnostics);
        assertTrue(stdout.contains(undeliverable + "  Undeliverable     -  "), this::diagnostics);
        assertTrue(stdout.contains("--- b-failed " + failed + " Failed: last 10 lines of output\n    line 3\n"), this::diagnostics);
        assertTrue(stdout.contains("    line 12\n"));
        assertFalse(stdout.contains("    line 2\n"));
        assertTrue(stdout.contains("--- c-timedout " + timedOut + " timed out: last 1 lines of output\n    still waiting"), this::diagnostics);
        assertTrue(stdout.contains("--- d-undeliverable " + undeliverable + " Undeliverable: no output"), this::diagnostics);
        assertFalse(stdout.contains("--- a-ok"), "a success shows no output");
        assertEquals("1 succeeded, 3 failed", lines().getLast());
        assertTrue(stderr.contains("4/4 done, 3 failed"), this::diagnostics);
    }

    @Test
    void truncatedOutputOfAFailureIsReadWholeFromTheCommandsLogGroup() {
        String server = instance("news", "prod");
        StringBuilder big = new StringBuilder();
        for (int i = 1; i <= 400; i++) {
            big.append("installing package ").append(i).append('\n');
        }
        big.append("error: disk full\n");
        ssmFake.outcome(server, FakeSsmRunCommand.Outcome.failed(1, big.toString()));
        logs.createLogGroup(r -> r.logGroupName(Fleet.DEFAULT_LOG_GROUP));

        // The agent writes the streams while the command runs: the test writes them once the id is known.
        int code = fleet(duration -> {
            String commandId = ssmFake.sentCommands().isEmpty() ? null : lastCommandId();
            if (commandId != null && sleeps.isEmpty()) {
                String stream = commandId + "/" + server + "/aws-runShellScript/stdout";
                logs.createLogStream(r -> r.logGroupName(Fleet.DEFAULT_LOG_GROUP).logStreamName(stream));
                List<InputLogEvent> events = big.toString().lines()
                        .map(line -> InputLogEvent.builder().timestamp(System.currentTimeMillis()).message(line).build()).toList();
                logs.putLogEvents(r -> r.logGroupName(Fleet.DEFAULT_LOG_GROUP).logStreamName(stream).logEvents(events));
            }
            sleeps.add(duration);
        }, "run", "--site", "news", "--command", "dnf -y upgrade");

        assertEquals(1, code, this::diagnostics);
        assertTrue(stdout.contains("complete output from CloudWatch Logs " + Fleet.DEFAULT_LOG_GROUP), this::diagnostics);
        assertTrue(stdout.contains("    error: disk full\n"), this::diagnostics);
        assertTrue(stdout.contains("    installing package 400\n"), this::diagnostics);
    }

    private String lastCommandId() {
        return ssmFake.lastCommandId();
    }

    @Test
    void truncatedOutputIsReadWholeFromTheCommandsS3OutputWhenItHasOne() {
        String server = instance("news", "prod");
        s3.createBucket(r -> r.bucket("siteops-news-ops"));
        String full = "x".repeat(3000) + "\nfinal error line\n";
        s3.putObject(r -> r.bucket("siteops-news-ops").key("run/cmd/" + server + "/awsrunShellScript/0.awsrunShellScript/stdout"),
                software.amazon.awssdk.core.sync.RequestBody.fromString(full));
        ssmFake.outcome(server, FakeSsmRunCommand.Outcome.failed(3, full).withS3("siteops-news-ops", "run/cmd/" + server + "/awsrunShellScript"));

        assertEquals(1, fleet("run", "--site", "news", "--command", "make"), this::diagnostics);

        assertTrue(stdout.contains("complete output from s3://siteops-news-ops/run/cmd/"), this::diagnostics);
        assertTrue(stdout.contains("    final error line"), this::diagnostics);
    }

    @Test
    void invocationsAreReadPageByPage() {
        List<String> servers = bed.instances(IntStream.range(0, 17).mapToObj(i -> "site-" + i).toList(), "stg");
        ssmFake.pageSize(7);

        assertEquals(0, fleet("run", "--all", "--command", "true"), this::diagnostics);

        assertEquals("[{\"Key\":\"tag-key\",\"Values\":[\"siteops:site\"]}]", ssmFake.sentCommands().getFirst().get("Targets").toString());
        assertEquals(3, ssmFake.count("ListCommandInvocations"));
        servers.forEach(id -> assertTrue(stdout.contains(id + "  Success"), id));
        assertEquals("17 succeeded, 0 failed", lines().getLast());
    }

    @Test
    void moreThanFiftySitesGoInSeveralCommandsWithOneSummary() {
        bed.instances(IntStream.range(0, 53).mapToObj(i -> String.format("s%02d", i)).toList(), "prod");

        assertEquals(0, fleet("run", "--site", "s*", "--command", "true", "--json"), this::diagnostics);

        List<JsonNode> sent = ssmFake.sentCommands();
        assertEquals(2, sent.size());
        assertEquals(50, sent.get(0).at("/Targets/0/Values").size());
        assertEquals(3, sent.get(1).at("/Targets/0/Values").size());
        JsonNode result = Json.MAPPER.valueToTree(parse(stdout));
        assertEquals(53, result.get("succeeded").asInt());
        assertEquals(2, result.get("commandIds").size());
        assertEquals(1, stdout.trim().lines().count(), "one JSON document on one line");
    }

    @Test
    void jsonGivesEveryInstanceWithANumericExitCodeAndItsOutput() {
        String ok = instance("a", "prod");
        String bad = instance("b", "prod");
        ssmFake.outcome(ok, FakeSsmRunCommand.Outcome.success("hello\n")).outcome(bad, FakeSsmRunCommand.Outcome.failed(7, "boom\n"));

        assertEquals(1, fleet("run", "--site", "a", "--site", "b", "--command", "echo", "--json", "--max-errors", "1"), this::diagnostics);

        JsonNode result = parse(stdout);
        assertEquals(ssmFake.lastCommandId(), result.get("commandId").asText());
        assertEquals(1, result.get("succeeded").asInt());
        assertEquals(1, result.get("failed").asInt());
        JsonNode first = result.get("instances").get(0);
        assertEquals(ok, first.get("instanceId").asText());
        assertEquals("a", first.get("site").asText());
        assertEquals("prod", first.get("env").asText());
        assertEquals("Success", first.get("status").asText());
        assertTrue(first.get("exitCode").isInt());
        assertEquals("hello\n", first.get("output").asText());
        assertEquals(7, result.get("instances").get(1).get("exitCode").asInt());
        assertEquals("1", ssmFake.sentCommands().getFirst().get("MaxErrors").asText());
    }

    @Test
    void aDocumentGetsExactlyTheParametersGivenAndTheRateControlsAsked() {
        instance("news", "prod");

        assertEquals(0, fleet("run", "--site", "news", "--document", "siteops-os-update", "--parameter", "releaseVersion=2023.6.20241212",
                "--max-concurrency", "2", "--max-errors", "10%", "--timeout", "1800", "--comment", "monthly patch"), this::diagnostics);

        JsonNode sent = ssmFake.sentCommands().getFirst();
        assertEquals("siteops-os-update", sent.get("DocumentName").asText());
        assertEquals("{\"releaseVersion\":[\"2023.6.20241212\"]}", sent.get("Parameters").toString());
        assertEquals("2", sent.get("MaxConcurrency").asText());
        assertEquals("10%", sent.get("MaxErrors").asText());
        assertEquals(1800, sent.get("TimeoutSeconds").asInt());
        assertEquals("monthly patch", sent.get("Comment").asText());
    }

    @Test
    void throttledPollsSlowDownInsteadOfFailing() {
        instance("news", "prod");
        // More refusals than the SDK's own three attempts: two polls are lost to throttling.
        ssmFake.throttle("ListCommands", 6);

        assertEquals(0, fleet("run", "--site", "news", "--command", "true"), this::diagnostics);

        assertTrue(stderr.contains("SSM is throttling requests; polling every 6.0 s"), this::diagnostics);
        assertTrue(stderr.contains("polling every 12.0 s"), this::diagnostics);
        assertEquals(List.of(Duration.ofSeconds(6), Duration.ofSeconds(12)), sleeps.subList(0, 2));
        assertEquals("1 succeeded, 0 failed", lines().getLast());
    }

    @Test
    void ctrlCCancelsTheCommandAndSaysSo() {
        String a = instance("a", "prod");
        ssmFake.outcome(a, new FakeSsmRunCommand.Outcome("Success", "Success", 0, "late\n", 1, 10, null, null));

        int code = fleet(duration -> {
            sleeps.add(duration);
            if (sleeps.size() == 2) {
                bed.current().interrupt();
            }
        }, "run", "--site", "a", "--command", "sleep 600");

        assertEquals(1, code, this::diagnostics);
        assertEquals(1, ssmFake.count("CancelCommand"));
        assertTrue(stderr.contains("Ctrl-C: cancelled command " + ssmFake.lastCommandId()), this::diagnostics);
        assertTrue(stdout.contains(a + "  Cancelled"), this::diagnostics);
        assertEquals("0 succeeded, 1 failed", lines().getLast());
    }

    @Test
    void anInstanceSsmNeverInvokedIsAFailure() {
        String online = instance("a", "prod");
        String offline = instance("b", "prod");
        ssmFake.offline(offline);

        assertEquals(1, fleet("run", "--all", "--command", "true"), this::diagnostics);

        assertTrue(stdout.contains(online + "  Success"));
        assertTrue(stdout.contains(offline + "  not run"), this::diagnostics);
        assertEquals("1 succeeded, 1 failed", lines().getLast());
    }

    @Test
    void dryRunListsTheTargetsAndSendsNothing() {
        String a = instance("campaign-a", "prod");
        instance("corporate", "prod");

        assertEquals(0, fleet("run", "--site", "campaign-*", "--site", "nothing-*", "--command", "reboot", "--dry-run"), this::diagnostics);

        assertEquals(List.of(), ssmFake.operations(), "a dry run calls no SSM API");
        assertTrue(stdout.contains("campaign-a  prod  " + a), this::diagnostics);
        assertFalse(stdout.contains("corporate"));
        assertTrue(stdout.contains("dry run: nothing sent. Would send AWS-RunShellScript"), this::diagnostics);
        assertTrue(stdout.contains("Targets tag:siteops:site=campaign-a, max concurrency 10%, max errors 0, timeout 600 s"), this::diagnostics);
        assertTrue(stderr.contains("--site 'nothing-*' matched no running instance"), this::diagnostics);
    }

    @Test
    void aJsonDryRunIsOneDocumentAndSendsNothing() {
        String a = instance("news", "prod");

        assertEquals(0, fleet("run", "--all", "--document", "siteops-restart-web", "--dry-run", "--json"), this::diagnostics);

        JsonNode plan = parse(stdout);
        assertTrue(plan.get("dryRun").asBoolean());
        assertEquals(a, plan.at("/instances/0/instanceId").asText());
        assertEquals("tag-key=siteops:site", plan.at("/commandTargets/0").asText());
        assertEquals("{}", plan.get("parameters").toString());
        assertEquals(List.of(), ssmFake.operations());
    }

    @Test
    void noMatchingInstanceIsAFailureNamingTheTags() {
        instance("corporate", "prod");

        assertEquals(1, fleet("run", "--env", "dev", "--command", "true"));

        assertEquals(List.of(), ssmFake.operations());
        assertTrue(stderr.contains("no instance matched (tags looked for: siteops:env=dev, running instances only)"), this::diagnostics);
        assertEquals(1, fleet("run", "--site", "gone-*", "--command", "true"));
        assertTrue(stderr.contains("tags looked for: siteops:site=gone-*"), this::diagnostics);
    }

    @Test
    void usageErrorsCallNothing() {
        instance("corporate", "prod");

        assertEquals(2, fleet("run", "--all", "--site", "corporate", "--command", "true"));
        assertTrue(stderr.contains("exclude each other") && stderr.contains("usage: bin/fleet run"), this::diagnostics);
        assertEquals(2, fleet("run", "--all", "--command", "true", "--max-concurrency", "0"));
        assertEquals(List.of(), ssmFake.operations());
    }

    @Test
    void listShowsTheRunningInstancesAsOneJsonDocument() {
        String a = instance("a", "prod");
        String b = instance("b", "stg");
        ec2.stopInstances(r -> r.instanceIds(b));

        assertEquals(0, fleet("list", "--all", "--json"), this::diagnostics);

        JsonNode listed = parse(stdout);
        assertEquals(1, listed.get("count").asInt(), "stopped instances are not targets");
        assertEquals(a, listed.at("/instances/0/instanceId").asText());
        assertEquals(List.of(), ssmFake.operations());
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not one JSON document: " + text, e);
        }
    }
}
