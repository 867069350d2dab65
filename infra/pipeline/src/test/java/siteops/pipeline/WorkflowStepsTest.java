package siteops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows' shell steps run as the runner runs them ({@code shell: bash} is {@code bash -eo pipefail}),
 * with a fake {@code terraform} on PATH: a failing plan must fail the check, drift must be told from an error.
 */
class WorkflowStepsTest {

    @TempDir Path dir;
    private Path work;

    record Step(int exitCode, String output, String githubOutput, String summary, String terraformCalls) {}

    @BeforeEach
    void fakeTerraform() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path terraform = bin.resolve("terraform");
        // Exit codes per subcommand from FAKE_<SUBCOMMAND>_EXIT; every call logged.
        Files.writeString(terraform, """
                #!/usr/bin/env bash
                echo "$*" >> "$FAKE_LOG"
                case "$1" in
                  plan) echo "Terraform will perform the following actions"; exit "${FAKE_PLAN_EXIT:-0}" ;;
                  init) exit "${FAKE_INIT_EXIT:-0}" ;;
                  show) [ "$2" = -json ] && echo '{"format_version":"1.2"}' || echo "plan text"; exit 0 ;;
                esac
                """);
        Files.setPosixFilePermissions(terraform, PosixFilePermissions.fromString("rwxr-xr-x"));
        work = Files.createDirectories(dir.resolve("work"));
    }

    private Step run(String workflow, String job, String stepName, boolean pipefail, Map<String, String> env) throws IOException {
        Map<String, Object> step = WorkflowsTest.steps(WorkflowsTest.workflow(workflow).jobs().get(job)).stream()
                .filter(s -> stepName.equals(s.get("name")) || stepName.equals(s.get("run")))
                .findFirst().orElseThrow(() -> new AssertionError(workflow + " " + job + ": no step " + stepName));
        Path output = dir.resolve("github-output");
        Path summary = dir.resolve("step-summary");
        Path log = dir.resolve("terraform-calls");
        for (Path file : List.of(output, summary, log)) {
            Files.writeString(file, "");
        }
        List<String> command = pipefail ? List.of("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", (String) step.get("run"))
                : List.of("bash", "--noprofile", "--norc", "-e", "-c", (String) step.get("run"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("GITHUB_OUTPUT", output.toString());
        builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        builder.environment().put("FAKE_LOG", log.toString());
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            return new Step(process.exitValue(), text, Files.readString(output), Files.readString(summary), Files.readString(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aFailingPlanFailsThePlanJobAlthoughItsOutputIsPipedToTee() throws IOException {
        Step failed = run("sites-plan.yml", "plan", "terraform plan", true, Map.of("FAKE_PLAN_EXIT", "1"));
        assertNotEquals(0, failed.exitCode(), failed.output());
        assertFalse(failed.terraformCalls().contains("show"), "nothing posted from a failed plan");
        // The same step without pipefail (what the workflow had before) turns green: the test can tell.
        assertEquals(0, run("sites-plan.yml", "plan", "terraform plan", false, Map.of("FAKE_PLAN_EXIT", "1")).exitCode());

        Step passed = run("sites-plan.yml", "plan", "terraform plan", true, Map.of("FAKE_PLAN_EXIT", "0"));
        assertEquals(0, passed.exitCode(), passed.output());
        assertTrue(Files.readString(work.resolve("plan.json")).contains("format_version"));
    }

    @Test
    void applyRefusesASiteWithoutLockFileAndSaysHowToMakeIt() throws IOException {
        Step missing = run("sites-apply.yml", "apply", "Lock file present", true, Map.of("SITE", "shop"));
        assertEquals(1, missing.exitCode());
        assertTrue(missing.output().startsWith("::error file=infra/generated/shop/.terraform.lock.hcl,title=No provider lock file::"), missing.output());
        assertTrue(missing.output().contains("run infra/tools/lock-providers shop and commit the file"), missing.output());

        Files.writeString(work.resolve(".terraform.lock.hcl"), "# lock\n");
        assertEquals(0, run("sites-apply.yml", "apply", "Lock file present", true, Map.of("SITE", "shop")).exitCode());
    }

    @Test
    void theDriftPlanStepTellsDriftFromAnError() throws IOException {
        Map<String, String> env = Map.of("STATE_BUCKET", "state");
        Step drifted = run("sites-drift.yml", "drift", "terraform plan -detailed-exitcode", true, Map.of("STATE_BUCKET", "state", "FAKE_PLAN_EXIT", "2"));
        assertEquals(0, drifted.exitCode(), drifted.output());
        assertEquals("exit-code=2\n", drifted.githubOutput());
        assertTrue(drifted.terraformCalls().contains("plan -input=false -lock=false -no-color -detailed-exitcode"), drifted.terraformCalls());
        assertTrue(Files.exists(work.resolve("plan.json")) && Files.exists(work.resolve("plan.txt")));

        assertEquals("exit-code=0\n", run("sites-drift.yml", "drift", "terraform plan -detailed-exitcode", true, env).githubOutput());

        Files.delete(work.resolve("plan.json"));
        Step failed = run("sites-drift.yml", "drift", "terraform plan -detailed-exitcode", true, Map.of("STATE_BUCKET", "state", "FAKE_PLAN_EXIT", "1"));
        assertEquals("exit-code=1\n", failed.githubOutput());
        assertFalse(Files.exists(work.resolve("plan.json")));

        Step initFailed = run("sites-drift.yml", "drift", "terraform plan -detailed-exitcode", true, Map.of("STATE_BUCKET", "state", "FAKE_INIT_EXIT", "1"));
        assertEquals("exit-code=1\n", initFailed.githubOutput());
        assertFalse(initFailed.terraformCalls().contains("plan "), initFailed.terraformCalls());
    }

    @Test
    void aForkPullRequestIsToldWhyItIsNotPlanned() throws IOException {
        Step fork = run("sites-plan.yml", "fork", "Explain why a fork is not planned", true, Map.of());
        assertEquals(1, fork.exitCode());
        assertTrue(fork.output().startsWith("::error title=Fork pull request::Pull requests from forks are not planned"), fork.output());
        assertTrue(fork.summary().contains("A maintainer pushes this branch to the repository"), fork.summary());
    }

    @Test
    void newLockFilesAreCommittedToThePullRequestBranchOnce() throws IOException {
        Path origin = dir.resolve("origin.git");
        git(dir, "init", "-q", "--bare", origin.toString());
        git(work, "init", "-q", "-b", "feature");
        Files.createDirectories(work.resolve("infra/generated/shop"));
        Files.writeString(work.resolve("infra/generated/shop/main.tf"), "# root\n");
        git(work, "add", "-A");
        git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "site");
        git(work, "remote", "add", "origin", origin.toString());
        git(work, "push", "-q", "origin", "feature");
        Files.writeString(work.resolve("infra/generated/shop/.terraform.lock.hcl"), "provider \"registry.terraform.io/hashicorp/aws\" {}\n");

        Map<String, String> env = Map.of("SITES", "[\"shop\"]", "GITHUB_HEAD_REF", "feature");
        Step committed = run("sites-plan.yml", "lock", "Commit lock files to the pull request", true, env);
        assertEquals(0, committed.exitCode(), committed.output());
        String head = git(work, "rev-parse", "HEAD");
        assertEquals("sha=" + head + "\n", committed.githubOutput());
        assertEquals(head, git(origin, "rev-parse", "feature"), "pushed to the pull request's branch");
        assertEquals("Provider lock files for shop", git(origin, "log", "-1", "--format=%s", "feature"));
        assertTrue(committed.summary().contains("infra/generated/shop/.terraform.lock.hcl"), committed.summary());

        Step again = run("sites-plan.yml", "lock", "Commit lock files to the pull request", true, env);
        assertEquals(0, again.exitCode(), again.output());
        assertEquals("sha=" + head + "\n", again.githubOutput());
        assertTrue(again.summary().contains("Lock files are up to date."), again.summary());
    }

    private static String git(Path in, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", in.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), () -> command + ": " + text);
            return text;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
