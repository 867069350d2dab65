package siteops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import siteops.testing.ProjectRoot;

/** The workflows' security and reliability properties, read from the parsed YAML. */
class WorkflowsTest {

    static final Path WORKFLOWS = ProjectRoot.resolve(".github/workflows");
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}");
    private static final Pattern USES_LINE = Pattern.compile("uses: ([^\\s#]+)(?:\\s+#\\s*(\\S+))?");
    private static final Pattern VERSION = Pattern.compile("v\\d+(\\.\\d+){0,2}");

    record Workflow(Path file, String text, Map<String, Object> yaml) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> jobs() {
            return (Map<String, Map<String, Object>>) yaml.get("jobs");
        }

        String name() {
            return file.getFileName().toString();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Workflow> workflows() throws IOException {
        List<Workflow> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                String text = Files.readString(file);
                all.add(new Workflow(file, text, (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text)));
            }
        }
        assertTrue(all.size() >= 7, "workflows found: " + all);
        return all;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.getOrDefault("steps", List.of());
    }

    @Test
    void everyActionIsPinnedToACommitWithItsVersionInAComment() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Workflow workflow : workflows()) {
            for (Map<String, Object> job : workflow.jobs().values()) {
                for (Map<String, Object> step : steps(job)) {
                    Object uses = step.get("uses");
                    if (uses != null && !uses.toString().startsWith("./") && !PINNED.matcher(uses.toString()).matches()) {
                        problems.add(workflow.name() + ": " + uses + " is not pinned to a 40-hex commit SHA");
                    }
                }
            }
            // The version comment is not in the parsed YAML: read it from the line of each (parsed) uses.
            Matcher line = USES_LINE.matcher(workflow.text());
            while (line.find()) {
                if (line.group(1).startsWith("./")) {
                    continue; // a workflow of this repository
                }
                if (line.group(2) == null || !VERSION.matcher(line.group(2)).matches()) {
                    problems.add(workflow.name() + ": " + line.group(1) + " has no '# vX.Y.Z' version comment");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void permissionsAreGrantedPerJobAndIdTokenOnlyWhereAnAwsRoleIsAssumed() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Workflow workflow : workflows()) {
            if (!Map.of().equals(workflow.yaml().get("permissions"))) {
                problems.add(workflow.name() + ": the workflow must grant nothing (permissions: {}), its jobs what they need");
            }
            workflow.jobs().forEach((name, job) -> {
                Object permissions = job.get("permissions");
                if (!(permissions instanceof Map<?, ?> granted)) {
                    problems.add(workflow.name() + " " + name + ": no permissions of its own");
                    return;
                }
                boolean assumesRole = steps(job).stream().anyMatch(step -> String.valueOf(step.get("uses")).startsWith("aws-actions/configure-aws-credentials@"));
                boolean idToken = "write".equals(granted.get("id-token"));
                if (assumesRole != idToken) {
                    problems.add(workflow.name() + " " + name + ": id-token: write " + (idToken ? "without" : "missing for") + " an AWS role");
                }
                granted.forEach((scope, level) -> {
                    if ("write-all".equals(level) || "read-all".equals(level)) {
                        problems.add(workflow.name() + " " + name + ": " + scope + ": " + level);
                    }
                });
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyJobHasATimeout() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Workflow workflow : workflows()) {
            workflow.jobs().forEach((name, job) -> {
                if (job.containsKey("uses")) {
                    return; // a called workflow: its own jobs carry the timeouts
                }
                if (!(job.get("timeout-minutes") instanceof Integer minutes) || minutes <= 0 || minutes > 60) {
                    missing.add(workflow.name() + " " + name);
                }
            });
        }
        assertEquals(List.of(), missing, "jobs without timeout-minutes (1..60)");
    }

    /** GitHub runs a step with {@code shell: bash} as {@code bash -eo pipefail}; without it, plain {@code bash -e}. */
    @Test
    void everyRunStepIsBashWithPipefail() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Workflow workflow : workflows()) {
            workflow.jobs().forEach((name, job) -> {
                Object defaultShell = job.get("defaults") instanceof Map<?, ?> defaults && defaults.get("run") instanceof Map<?, ?> run ? run.get("shell") : null;
                for (Map<String, Object> step : steps(job)) {
                    if (step.containsKey("run") && !"bash".equals(step.getOrDefault("shell", defaultShell))) {
                        problems.add(workflow.name() + " " + name + ": run step without shell: bash: " + step.get("run"));
                    }
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void planCommitsLockFilesForSameRepositoryPullRequestsAndExplainsForks() throws IOException {
        Map<String, Map<String, Object>> jobs = workflow("sites-plan.yml").jobs();
        assertTrue(jobs.get("fork").get("if").toString().contains("github.event.pull_request.head.repo.full_name != github.repository"));
        assertTrue(jobs.get("lock").get("if").toString().contains("github.event.pull_request.head.repo.full_name == github.repository"));
        String lockSteps = steps(jobs.get("lock")).toString();
        assertTrue(lockSteps.contains("infra/tools/lock-providers") && lockSteps.contains("git push"), lockSteps);
        assertEquals(List.of("changed", "lock"), jobs.get("plan").get("needs"));
        String planSteps = steps(jobs.get("plan")).toString();
        assertTrue(planSteps.contains("-lockfile=readonly") && planSteps.contains("plan-comment"), planSteps);
        String script = Files.readString(ProjectRoot.resolve("infra/tools/lock-providers"));
        for (String platform : List.of("linux_amd64", "linux_arm64", "darwin_arm64", "darwin_amd64")) {
            assertTrue(script.contains("-platform=" + platform), platform);
        }
    }

    @Test
    void applyIsSerialisedPerSiteAndRefusesAMissingLockFile() throws IOException {
        Map<String, Object> apply = workflow("sites-apply.yml").jobs().get("apply");
        assertEquals(Map.of("group", "sites-apply-${{ matrix.site }}", "cancel-in-progress", false), apply.get("concurrency"));
        assertEquals("production", apply.get("environment"));
        String stepsText = steps(apply).toString();
        assertTrue(stepsText.contains("-lockfile=readonly"), stepsText);
        assertTrue(stepsText.contains("has no .terraform.lock.hcl"), stepsText);
    }

    @Test
    void driftRunsNightlyAndOnDemandForEverySite() throws IOException {
        Workflow drift = workflow("sites-drift.yml");
        Map<?, ?> on = (Map<?, ?>) drift.yaml().get("on");
        assertTrue(on.containsKey("schedule") && on.containsKey("workflow_dispatch"), on.toString());
        Map<String, Object> job = drift.jobs().get("drift");
        assertEquals("${{ fromJSON(needs.sites.outputs.sites) }}", ((Map<?, ?>) ((Map<?, ?>) job.get("strategy")).get("matrix")).get("site"));
        assertEquals("write", ((Map<?, ?>) job.get("permissions")).get("issues"));
        String stepsText = steps(job).toString();
        assertTrue(stepsText.contains("-detailed-exitcode") && stepsText.contains("infra/tools/pipeline"), stepsText);
    }

    @Test
    void theNewSiteFormAsksForEverythingASiteFileNeeds() throws IOException {
        Workflow newSite = workflow("new-site.yml");
        Map<?, ?> dispatch = (Map<?, ?>) ((Map<?, ?>) newSite.yaml().get("on")).get("workflow_dispatch");
        Map<?, ?> inputs = (Map<?, ?>) dispatch.get("inputs");
        assertEquals(Set.of("site", "template", "project", "env", "domain", "aliases", "route53_zone", "pagerduty_secret",
                "slack_channel", "admin_cidrs"), inputs.keySet());
        assertEquals(List.of("movabletype", "archive"), ((Map<?, ?>) inputs.get("template")).get("options"));
        for (String required : List.of("site", "template", "project", "env", "domain", "pagerduty_secret", "slack_channel")) {
            assertEquals(true, ((Map<?, ?>) inputs.get(required)).get("required"), required);
        }
        String stepsText = steps(newSite.jobs().get("new-site")).toString();
        assertTrue(stepsText.contains("infra/tools/pipeline new-site") && stepsText.contains("bin/generate-sites")
                && stepsText.contains("peter-evans/create-pull-request@"), stepsText);
        // Inputs reach the shell only through env: (an expression pasted into a script is a script injection).
        for (Map<String, Object> step : steps(newSite.jobs().get("new-site"))) {
            Object run = step.get("run");
            assertFalse(run != null && run.toString().contains("${{"), () -> "expression inside run: " + run);
        }
    }

    @Test
    void functionsDeployTestsFirstThenDeploysWithTheDeployRole() throws IOException {
        Workflow deploy = workflow("functions-deploy.yml");
        Map<?, ?> push = (Map<?, ?>) ((Map<?, ?>) deploy.yaml().get("on")).get("push");
        assertEquals(List.of("main"), push.get("branches"));
        assertTrue(((List<?>) push.get("paths")).containsAll(List.of("functions/**", "template.yaml", "**/pom.xml")));
        assertEquals("./.github/workflows/test.yml", deploy.jobs().get("test").get("uses"));
        assertTrue(((Map<?, ?>) workflow("test.yml").yaml().get("on")).containsKey("workflow_call"));
        Map<String, Object> job = deploy.jobs().get("deploy");
        assertEquals("test", job.get("needs"));
        String stepsText = steps(job).toString();
        assertTrue(stepsText.contains("SITEOPS_DEPLOY_ROLE_ARN") && stepsText.contains("sam build") && stepsText.contains("sam deploy"), stepsText);
        assertTrue(Files.isRegularFile(ProjectRoot.resolve("samconfig.toml")));
    }

    static Workflow workflow(String name) throws IOException {
        return workflows().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }
}
