package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Patch Manager as the generated Terraform sets it up, read with the project's HCL parser: the shared Amazon Linux
 * 2023 baselines (infra/modules/patch-baseline) and what each Movable Type site adds (patching.tf): the server's
 * patch group, the daily scan, and the install in the backup window after every backup task.
 */
class PatchingTest {

    private static final Path SITE_MODULE = Repository.MODULES.resolve("movabletype-site");
    private static final Path BASELINE_MODULE = Repository.MODULES.resolve("patch-baseline");

    // --- reading Terraform ----------------------------------------------------------------------------------

    private static List<HclParser.Block> blocks(Path module, String kind, String type) {
        return TerraformCheck.read(module).files().values().stream()
                .flatMap(file -> file.blocks(kind).stream())
                .filter(block -> block.labels().getFirst().equals(type)).toList();
    }

    private static HclParser.Block resource(Path module, String type, String name) {
        return blocks(module, "resource", type).stream().filter(block -> block.labels().get(1).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + type + "." + name + " in " + module));
    }

    /** The expression of an attribute as written, tokens joined without spaces ({@code "x"} gives {@code x}). */
    private static String text(HclParser.Block block, String attribute) {
        HclParser.Attribute found = block.attributes().get(attribute);
        if (found == null) {
            throw new AssertionError("no attribute " + attribute + " in " + block.type() + " " + block.labels() + " (line " + block.line() + ")");
        }
        return found.expression().stream().map(HclParser.Token::text).reduce("", String::concat);
    }

    private static HclParser.Block nested(HclParser.Block block, String type) {
        List<HclParser.Block> found = block.blocks(type);
        assertEquals(1, found.size(), () -> "one " + type + " block in " + block.labels());
        return found.getFirst();
    }

    /** The value of {@code name} in the locals blocks of a module, as written. */
    private static String local(Path module, String name) {
        return TerraformCheck.read(module).files().values().stream()
                .flatMap(file -> file.blocks("locals").stream())
                .filter(locals -> locals.attributes().containsKey(name)).map(locals -> text(locals, name)).findFirst()
                .orElseThrow(() -> new AssertionError("no local value " + name + " in " + module));
    }

    /** {@code { a = 1, b = 2 }} written as a map of whole numbers. */
    private static Map<String, Integer> numberMap(String written) {
        Matcher entry = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)=(\\d+)").matcher(written);
        Map<String, Integer> map = new LinkedHashMap<>();
        while (entry.find()) {
            map.put(entry.group(1), Integer.valueOf(entry.group(2)));
        }
        assertFalse(map.isEmpty(), () -> "not a map of numbers: " + written);
        return map;
    }

    /** The patch group name of a delay, by the format both modules must share. */
    private static String patchGroup(int days) {
        return "siteops-al2023-approve-after-%02dd".formatted(days);
    }

    /** format(NAME_FORMAT, ...) as {@link #text} shows it (string tokens without their quotes). */
    private static final Pattern NAME_FORMAT = Pattern.compile("format\\(([^,]+),");

    // --- the shared baselines -------------------------------------------------------------------------------

    /** range(0, 15) in the module is exactly the bounds of patching.approve_after_days: every choice has its baseline. */
    @Test
    void thereIsOneBaselinePerDelayASiteMayChooseAndNoOther() {
        Matcher range = Pattern.compile("range\\((\\d+),(\\d+)\\)").matcher(local(BASELINE_MODULE, "approve_after_days"));
        assertTrue(range.matches(), "approve_after_days is written as range(first, end)");
        Setting.WholeNumber bounds = (Setting.WholeNumber) MovableTypeTemplate.PATCH_APPROVE_AFTER_DAYS.kind();
        assertEquals(bounds.min(), Integer.parseInt(range.group(1)), "the smallest delay a site may choose has no baseline, or one is unused");
        assertEquals(bounds.max() + 1, Integer.parseInt(range.group(2)), "the largest delay a site may choose has no baseline, or one is unused");
        assertEquals("{fordaysinlocal.approve_after_days:format(siteops-al2023-approve-after-%02dd,days)=>days}", local(BASELINE_MODULE, "baselines"));
    }

    @Test
    void eachBaselineApprovesAmazonLinux2023SecurityAndBugfixUpdatesAfterItsDelay() {
        HclParser.Block baseline = resource(BASELINE_MODULE, "aws_ssm_patch_baseline", "al2023");
        assertEquals("local.baselines", text(baseline, "for_each"));
        assertEquals("each.key", text(baseline, "name"));
        assertEquals("AMAZON_LINUX_2023", text(baseline, "operating_system"));
        HclParser.Block rule = nested(baseline, "approval_rule");
        assertEquals("each.value", text(rule, "approve_after_days"), "the delay is the baseline's own, from its name");
        assertEquals("HIGH", text(rule, "compliance_level"), "a missing approved update makes the server non-compliant, not 'unspecified'");
        HclParser.Block filter = nested(rule, "patch_filter");
        assertEquals("CLASSIFICATION", text(filter, "key"));
        assertEquals("[Security,Bugfix]", text(filter, "values"));
        assertTrue(rule.blocks("patch_filter").stream().noneMatch(other -> text(other, "key").equals("SEVERITY")),
                "every severity of a security update is approved");
    }

    @Test
    void eachBaselineIsRegisteredWithThePatchGroupOfItsName() {
        HclParser.Block group = resource(BASELINE_MODULE, "aws_ssm_patch_group", "al2023");
        assertEquals("aws_ssm_patch_baseline.al2023", text(group, "for_each"));
        assertEquals("each.key", text(group, "patch_group"));
        assertEquals("each.value.id", text(group, "baseline_id"));
    }

    @Test
    void theSharedModuleIsValidAgainstTheProviderSchema() {
        TerraformCheck check = new TerraformCheck(ProviderSchema.load(), Set.of());
        check.check(BASELINE_MODULE);
        assertEquals(List.of(), check.problems());
    }

    // --- each site ------------------------------------------------------------------------------------------

    @Test
    void theSiteModuleNamesItsPatchGroupAsTheSharedModuleNamesItsBaselines() {
        Matcher site = NAME_FORMAT.matcher(local(SITE_MODULE, "patch_group"));
        Matcher shared = NAME_FORMAT.matcher(local(BASELINE_MODULE, "baselines"));
        assertTrue(site.find() && shared.find());
        assertEquals(shared.group(1), site.group(1));
        assertEquals("format(siteops-al2023-approve-after-%02dd,var.patch_approve_after_days)", local(SITE_MODULE, "patch_group"));
        HclParser.Block lookup = blocks(SITE_MODULE, "data", "aws_ssm_patch_baseline").getFirst();
        assertEquals("local.patch_group", text(lookup, "name_prefix"), "the plan fails where the baselines were not created");
        assertEquals("Self", text(lookup, "owner"));
    }

    /** Tags in instance metadata are on (IMDS), which forbids the key "Patch Group" with a space. */
    @Test
    void theServerCarriesThePatchGroupTagWithoutASpace() {
        HclParser.Block server = resource(SITE_MODULE, "aws_instance", "cms");
        assertTrue(text(server, "tags").contains("PatchGroup=local.patch_group"), text(server, "tags"));
        assertEquals("enabled", text(nested(server, "metadata_options"), "instance_metadata_tags"));
    }

    /** Each generated root passes the YAML's delay (or the default), and that delay's baseline exists. */
    @Test
    void everyMovableTypeSiteGetsTheDelayOfItsYamlOrTheDefaultAndItsBaselineExists() throws IOException {
        Set<String> baselines = new TreeSet<>();
        Matcher range = Pattern.compile("range\\((\\d+),(\\d+)\\)").matcher(local(BASELINE_MODULE, "approve_after_days"));
        assertTrue(range.matches());
        IntStream.range(Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2))).mapToObj(PatchingTest::patchGroup).forEach(baselines::add);

        Set<Integer> delaysSeen = new TreeSet<>();
        for (Site site : sites()) {
            if (!(site.template() instanceof MovableTypeTemplate)) {
                continue;
            }
            HclParser.Block call = HclParser.parse(Files.readString(Repository.GENERATED.resolve(site.name()).resolve("main.tf"))).blocks("module")
                    .stream().filter(module -> module.labels().getFirst().equals("site")).findFirst().orElseThrow();
            int days = Integer.parseInt(text(call, "patch_approve_after_days"));
            int expected = Optional.ofNullable(yamlDelay(site)).orElse(MovableTypeTemplate.PATCH_APPROVE_AFTER_DAYS.defaultValue());
            assertEquals(expected, days, site.name());
            assertTrue(baselines.contains(patchGroup(days)), site.name() + ": no shared baseline " + patchGroup(days));
            assertEquals("after-backup", text(call, "patch_install"), site.name());
            delaysSeen.add(days);
        }
        assertTrue(delaysSeen.contains(MovableTypeTemplate.PATCH_APPROVE_AFTER_DAYS.defaultValue()) && delaysSeen.size() > 1,
                "the sample sites show both the default delay and one given in YAML: " + delaysSeen);
    }

    private static Integer yamlDelay(Site site) throws IOException {
        Matcher given = Pattern.compile("(?m)^patching:\\n(?:  .*\\n)*?  approve_after_days: (\\d+)$")
                .matcher(Files.readString(Repository.SITES.resolve(site.name() + ".yaml")));
        return given.find() ? Integer.valueOf(given.group(1)) : null;
    }

    private static List<Site> sites() throws IOException {
        List<Site> sites = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repository.SITES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                List<Problem> problems = new ArrayList<>();
                String name = file.getFileName().toString().replace(".yaml", "");
                SiteReader.read(file.toString(), name, Files.readString(file), problems).ifPresent(sites::add);
                assertEquals(List.of(), problems);
            }
        }
        assertFalse(sites.isEmpty());
        return sites;
    }

    @Test
    void theScanRunsEveryDayTwelveHoursAwayFromTheWindow() {
        HclParser.Block scan = resource(SITE_MODULE, "aws_ssm_association", "patch_scan");
        assertEquals("AWS-RunPatchBaseline", text(scan, "name"));
        assertTrue(text(scan, "parameters").contains("Operation=Scan"), text(scan, "parameters"));
        assertTrue(text(scan, "parameters").contains("RebootOption=NoReboot"), text(scan, "parameters"));
        assertEquals("local.patch_scan_schedule", text(scan, "schedule_expression"));
        assertEquals("HIGH", text(scan, "compliance_severity"), "a failing scan shows as non-compliant, not as old data");
        String schedule = local(SITE_MODULE, "patch_scan_schedule");
        assertTrue(schedule.matches("cron\\(0 \\$\\{.*\\} \\? \\* \\* \\*\\)"), "every day of every month at one hour: " + schedule);
        assertEquals("cron(0 ${(local.backup_hour + 12) % 24} ? * * *)", schedule);
        assertTrue(local(SITE_MODULE, "backup_hour").contains("var.backup_schedule"), "the hour comes from the backup window's schedule");
        HclParser.Block target = nested(scan, "targets");
        assertEquals("InstanceIds", text(target, "key"));
        assertEquals("[aws_instance.cms.id]", text(target, "values"));
    }

    @Test
    void theInstallRunsInTheBackupWindowAfterEveryBackupTaskAndRebootsOnlyIfNeeded() {
        List<HclParser.Block> tasks = blocks(SITE_MODULE, "resource", "aws_ssm_maintenance_window_task");
        HclParser.Block install = resource(SITE_MODULE, "aws_ssm_maintenance_window_task", "patch_install");
        assertEquals("AWS-RunPatchBaseline", text(install, "task_arn"));
        assertEquals("RUN_COMMAND", text(install, "task_type"));
        assertEquals("aws_ssm_maintenance_window.backup.id", text(install, "window_id"));
        assertEquals("[aws_ssm_maintenance_window_target.cms.id]", text(nested(install, "targets"), "values"));
        int installPriority = Integer.parseInt(text(install, "priority"));

        List<HclParser.Block> backups = tasks.stream().filter(task -> !task.labels().get(1).equals("patch_install")).toList();
        assertFalse(backups.isEmpty(), "the backup tasks are in the same module");
        for (HclParser.Block backup : backups) {
            assertEquals(text(install, "window_id"), text(backup, "window_id"), "every task of the module is in the backup window");
            for (int priority : priorities(backup)) {
                assertTrue(installPriority > priority, "the install (priority " + installPriority + ") must start after " + backup.labels()
                        + " (priority " + priority + "): the window runs a priority once the previous one has finished");
            }
        }

        Map<String, String> parameters = new HashMap<>();
        for (HclParser.Block parameter : nested(nested(install, "task_invocation_parameters"), "run_command_parameters").blocks("parameter")) {
            parameters.put(text(parameter, "name"), text(parameter, "values"));
        }
        assertEquals(Map.of("Operation", "[Install]", "RebootOption", "[RebootIfNeeded]"), parameters);
    }

    /** A task's priority: a number, or each.value over a local map of numbers (the backup tasks). */
    private static List<Integer> priorities(HclParser.Block task) {
        String priority = text(task, "priority");
        if (priority.matches("\\d+")) {
            return List.of(Integer.valueOf(priority));
        }
        assertEquals("each.value", priority, "priority of " + task.labels());
        String forEach = text(task, "for_each");
        assertTrue(forEach.startsWith("local."), "for_each of " + task.labels() + ": " + forEach);
        return List.copyOf(numberMap(local(SITE_MODULE, forEach.substring("local.".length()))).values());
    }

    @Test
    void pausedLeavesOutTheInstallButNotTheScan() {
        HclParser.Block install = resource(SITE_MODULE, "aws_ssm_maintenance_window_task", "patch_install");
        assertEquals("var.patch_install==after-backup?1:0", text(install, "count"));
        assertFalse(resource(SITE_MODULE, "aws_ssm_association", "patch_scan").attributes().containsKey("count"));
        assertEquals(List.of("after-backup", "paused"), ((Setting.Choice) MovableTypeTemplate.PATCH_INSTALL.kind()).values());
    }

    /** Compliance per site: every generated root tags everything, the server included, with siteops:site. */
    @Test
    void everyServerIsTaggedWithItsSiteForComplianceBySite() throws IOException {
        for (Site site : sites()) {
            HclParser.Block root = HclParser.parse(Files.readString(Repository.GENERATED.resolve(site.name()).resolve("main.tf")));
            String tags = root.blocks("locals").stream().filter(locals -> locals.attributes().containsKey("tags"))
                    .map(locals -> text(locals, "tags")).findFirst().orElseThrow();
            assertTrue(tags.contains("siteops:site=" + site.name()), site.name() + ": " + tags);
            // Every AWS provider (the site's Region and us-east-1) tags what it creates; PagerDuty has no tags.
            for (HclParser.Block provider : root.blocks("provider").stream().filter(p -> p.labels().equals(List.of("aws"))).toList()) {
                assertEquals("local.tags", text(nested(provider, "default_tags"), "tags"), site.name() + ": provider " + provider.labels());
            }
        }
    }
}
