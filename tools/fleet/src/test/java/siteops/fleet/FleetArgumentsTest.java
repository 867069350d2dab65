package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetArgumentsTest {

    private static FleetRequest parse(String line) throws UsageException {
        return FleetArguments.parse(Arrays.asList(line.split(" ")));
    }

    /** Each row: a command line (single spaces separate arguments) and a part of the usage error it must give. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "run --all --site news --command true|exclude each other",
        "run --env prod --all --command true|exclude each other",
        "run --command true|choose the instances",
        "run --all|exactly one of --command",
        "run --all --command true --document siteops-os-update|exactly one of --command",
        "run --all --command true --max-concurrency 0|--max-concurrency '0'",
        "run --all --command true --max-concurrency 10%%|--max-concurrency '10%%'",
        "run --all --command true --max-concurrency 101%|--max-concurrency '101%'",
        "run --all --command true --max-concurrency ten|--max-concurrency 'ten'",
        "run --all --command true --max-errors -1|--max-errors '-1'",
        "run --all --command true --max-errors 5.5|--max-errors '5.5'",
        "run --all --command true --timeout soon|--timeout 'soon' is not a whole number",
        "run --all --command true --timeout 10|between 30 and 172800",
        "run --all --command true --timeout 999999|between 30 and 172800",
        "run --all --document siteops-os-update --parameter releaseVersion|--parameter 'releaseVersion' is not KEY=VALUE",
        "run --all --document siteops-os-update --parameter =x|--parameter '=x' is not KEY=VALUE",
        "run --all --command true --parameter a=b|--parameter goes with --document",
        "run --all --document x|is not a document name",
        "run --site News --command true|site names are lower-case",
        "run --env production --command true|must be prod, stg or dev",
        "run --all --command true --timeout|--timeout needs a value",
        "run --all --command true --dry-run=yes|--dry-run takes no value",
        "run --all --command true --json --json|--json is given twice",
        "run --all --command true --timeout 60 --timeout 90|given 2 times",
        "run --all --command true extra|unexpected argument 'extra'",
        "run --all --command true --force|unknown option --force for run",
        "list --all --command true|unknown option --command for list",
        "archive --site campaign-*|exactly one --site NAME",
        "archive --site a --site b|exactly one --site NAME",
        "archive --site news --bucket Bad_Bucket|is not an S3 bucket name",
        "deploy --all|unknown subcommand 'deploy'",
    })
    void badCommandLinesAreUsageErrors(String line, String expected) {
        UsageException e = assertThrows(UsageException.class, () -> parse(line));
        assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " does not contain " + expected);
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThrows(UsageException.class, () -> FleetArguments.parse(List.of()));
    }

    @Test
    void aShellCommandGetsTheDefaultsAndBecomesAwsRunShellScript() throws UsageException {
        var run = (FleetRequest.Run) FleetArguments.parse(List.of("run", "--site", "campaign-*", "--command", "dnf -y upgrade && echo done"));
        assertEquals(Targets.sites(List.of("campaign-*")), run.targets());
        assertEquals(new CommandSpec("AWS-RunShellScript", Map.of("commands", List.of("dnf -y upgrade && echo done"), "executionTimeout", List.of("600")),
                "10%", "0", 600, "bin/fleet"), run.command());
        assertEquals(false, run.dryRun());
        assertEquals(false, run.json());
    }

    @Test
    void aDocumentGetsExactlyItsParametersRepeatedKeysBecomingLists() throws UsageException {
        var run = (FleetRequest.Run) FleetArguments.parse(List.of("run", "--env=prod", "--document", "siteops-install-movabletype",
                "--parameter", "zipKey=install/MT-8.4.zip", "--parameter", "plugins=a", "--parameter", "plugins=b=c",
                "--max-concurrency", "1", "--max-errors", "0", "--timeout", "1800", "--comment", "MT 8.4", "--dry-run", "--json"));
        assertEquals(Targets.env("prod"), run.targets());
        assertEquals(new CommandSpec("siteops-install-movabletype", Map.of("zipKey", List.of("install/MT-8.4.zip"), "plugins", List.of("a", "b=c")),
                "1", "0", 1800, "MT 8.4"), run.command());
        assertTrue(run.dryRun() && run.json());
    }

    @Test
    void listAndArchive() throws UsageException {
        assertEquals(new FleetRequest.ListTargets(Targets.all(), true), parse("list --all --json"));
        assertEquals(new FleetRequest.Archive("campaign-2019", null, 3600), parse("archive --site campaign-2019"));
        assertEquals(new FleetRequest.Archive("campaign-2019", "siteops-campaign-2019-archive-1", 900),
                parse("archive --site campaign-2019 --bucket siteops-campaign-2019-archive-1 --timeout 900"));
    }

    @Test
    void targetsDescribeTheTagsLookedFor() {
        assertEquals("siteops:site=campaign-*,news", Targets.sites(List.of("campaign-*", "news")).describe());
        assertEquals("siteops:env=stg", Targets.env("stg").describe());
        assertEquals("any siteops:site", Targets.all().describe());
    }
}
