package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's alerting properties, read from the generated roots and the modules they call (parsed, not grepped):
 * page once, for the right site, with what to do.
 */
class AlertingTest {

    private static final String ALARM = "aws_cloudwatch_metric_alarm";
    private static final Pattern ANCHOR = Pattern.compile("<a id=\"(runbook[a-z0-9-]*)\"></a>");

    private static final Map<Site, TerraformTree> SITES = new LinkedHashMap<>();
    private static Set<String> runbookAnchors;

    @BeforeAll
    static void readTheFleet() throws IOException {
        SiteFiles.Loaded loaded = SiteFiles.load(SiteFiles.expand(List.of(Repository.SITES)), Repository.ROOT);
        assertEquals(List.of(), loaded.problems());
        for (Site site : loaded.sites()) {
            SITES.put(site, TerraformTree.of(Repository.GENERATED.resolve(site.name())));
        }
        runbookAnchors = new TreeSet<>();
        Matcher anchors = ANCHOR.matcher(Files.readString(Repository.ROOT.resolve("README.md")));
        while (anchors.find()) {
            runbookAnchors.add(anchors.group(1));
        }
    }

    private static List<TerraformTree.Instance> alarms(TerraformTree tree) {
        return tree.instances(ALARM);
    }

    /** Namespaces an alarm reads: its own, its metric queries', and a Metrics Insights query's FROM. */
    private static Set<String> namespaces(TerraformTree.Instance alarm) {
        Set<String> namespaces = new TreeSet<>();
        alarm.literal("namespace").ifPresent(namespaces::add);
        for (HclParser.Block query : alarm.block().blocks("metric_query")) {
            query.blocks("metric").forEach(metric -> Optional.ofNullable(TerraformCheck.literal(metric.attributes().get("namespace")).orElse(null))
                    .ifPresent(namespaces::add));
            Optional.ofNullable(query.attributes().get("expression")).map(expression -> expression.expression().getFirst().text())
                    .map(Pattern.compile("FROM (\\S+)")::matcher).filter(Matcher::find).ifPresent(from -> namespaces.add(from.group(1)));
        }
        return namespaces;
    }

    /** Metric names an alarm reads, including a Metrics Insights query's. */
    private static Set<String> metricNames(TerraformTree.Instance alarm) {
        Set<String> names = new TreeSet<>();
        alarm.literal("metric_name").ifPresent(names::add);
        for (HclParser.Block query : alarm.block().blocks("metric_query")) {
            query.blocks("metric").forEach(metric -> TerraformCheck.literal(metric.attributes().get("metric_name")).ifPresent(names::add));
            Optional.ofNullable(query.attributes().get("expression")).map(expression -> expression.expression().getFirst().text())
                    .map(Pattern.compile("SELECT \\w+\\((\\w+)\\)")::matcher).filter(Matcher::find).ifPresent(select -> names.add(select.group(1)));
        }
        return names;
    }

    private static String argument(TerraformTree tree, String module, String name) {
        HclParser.Block call = tree.root().blocks("module", module).getFirst();
        HclParser.Attribute attribute = call.attributes().get(name);
        assertNotNull(attribute, "module " + module + " has no argument " + name);
        return attribute.expression().stream().map(HclParser.Token::text).collect(Collectors.joining());
    }

    @Test
    void theFleetHasBothTemplatesAndASiteWithAndWithoutAPagerDutyBlock() {
        assertEquals(Set.of(SiteTemplate.MOVABLETYPE, SiteTemplate.ARCHIVE), SITES.keySet().stream().map(Site::template).collect(Collectors.toSet()));
        assertEquals(Set.of(true, false), SITES.keySet().stream().map(RootModule::managesPagerDuty).collect(Collectors.toSet()));
    }

    // --- page once ------------------------------------------------------------------------------------------

    @Test
    void noSiteAlarmWatchesTheSharedPurgeFunction() {
        for (TerraformTree tree : SITES.values()) {
            for (TerraformTree.Instance alarm : alarms(tree)) {
                assertFalse(namespaces(alarm).contains("AWS/Lambda"), alarm.where() + ": the shared functions are alarmed once, in template.yaml");
                assertTrue(alarm.references().stream().noneMatch(reference -> reference.startsWith("var.purge_function")), alarm.where());
            }
        }
    }

    @Test
    void theSharedPurgeFunctionIsAlarmedOnceInTheSamTemplate() throws IOException {
        String template = Files.readString(Repository.ROOT.resolve("template.yaml"));
        Matcher alarm = Pattern.compile("(?m)^  (\\w+):\\n    Type: AWS::CloudWatch::Alarm\\n(?:    .*\\n|      .*\\n|\\s*\\n)*?.*Value: !Ref CdnPurgeFunction").matcher(template);
        assertTrue(alarm.find(), "template.yaml alarms CdnPurgeFunction's errors");
    }

    @Test
    void backupsReachPagerDutyThroughTheMaintenanceWindowOnly() {
        int windows = 0;
        for (Map.Entry<Site, TerraformTree> site : SITES.entrySet()) {
            for (TerraformTree.Instance alarm : alarms(site.getValue())) {
                assertFalse(namespaces(alarm).contains("Siteops/Backup"), alarm.where() + ": a backup metric alarm would page a second time");
            }
            for (TerraformTree.Instance window : site.getValue().instances("aws_ssm_maintenance_window")) {
                Map<String, Object> tags = TerraformTree.object(window.attribute("tags").orElseThrow());
                assertEquals(List.of("true"), texts(tags.get("siteops:backup")), window.where());
                assertEquals(List.of("var.pagerduty_secret"), List.of(String.join("", texts(tags.get("siteops:pagerduty-secret")))), window.where());
                windows++;
            }
        }
        assertEquals(SITES.keySet().stream().filter(site -> site.template() == SiteTemplate.MOVABLETYPE).count(), windows);
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(Object tokens) {
        assertNotNull(tokens);
        return ((List<HclParser.Token>) tokens).stream().map(HclParser.Token::text).toList();
    }

    /** Metrics that exist from the resource's creation: only their alarms may treat missing data as breaching. */
    private static final Set<String> EXIST_FROM_CREATION = Set.of("StatusCheckFailed", "UnHealthyHostCount", "SuccessPercent");

    @Test
    void alarmsOnMetricsThatAppearLaterDoNotBreachOnMissingData() {
        int checked = 0;
        for (TerraformTree tree : SITES.values()) {
            for (TerraformTree.Instance alarm : alarms(tree)) {
                String missing = alarm.literal("treat_missing_data").orElseThrow(() -> new AssertionError(alarm.where() + ": say treat_missing_data"));
                if (!EXIST_FROM_CREATION.containsAll(metricNames(alarm))) {
                    assertTrue(Set.of("notBreaching", "missing").contains(missing), alarm.where() + " " + metricNames(alarm) + ": " + missing);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 10, "alarms checked: " + checked);
    }

    // --- the server's own alarms ----------------------------------------------------------------------------

    /** The agent's metrics as cloud-init configures them: CloudWatch names and the disk paths it reports. */
    private record AgentMetrics(String namespace, Set<String> names, Set<String> diskPaths, Set<String> dimensions) {}

    private static AgentMetrics agentMetrics(Site site) throws IOException {
        String json = GeneratedCloudConfig.of(site.name()).writtenFile("/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json").content();
        JsonNode metrics = new ObjectMapper().readTree(json).path("metrics");
        Set<String> names = new TreeSet<>();
        metrics.path("metrics_collected").properties().forEach(plugin -> plugin.getValue().path("measurement").forEach(measurement -> {
            String name = measurement.isTextual() ? measurement.asText() : measurement.path("name").asText();
            names.add(name.startsWith(plugin.getKey() + "_") ? name : plugin.getKey() + "_" + name);
        }));
        Set<String> paths = new TreeSet<>();
        metrics.path("metrics_collected").path("disk").path("resources").forEach(path -> paths.add(path.asText()));
        Set<String> dimensions = new TreeSet<>();
        metrics.path("append_dimensions").fieldNames().forEachRemaining(dimensions::add);
        return new AgentMetrics(metrics.path("namespace").asText(), names, paths, dimensions);
    }

    @Test
    void diskMemoryAndSwapAlarmOnWhatTheAgentShipsWithThresholdsFromTheSiteFile() throws IOException {
        Map<String, Setting<Integer>> thresholds = Map.of(
                "alarm_disk_root_percent", MovableTypeTemplate.ALARM_DISK_ROOT_PERCENT, "alarm_disk_data_percent", MovableTypeTemplate.ALARM_DISK_DATA_PERCENT,
                "alarm_memory_percent", MovableTypeTemplate.ALARM_MEMORY_PERCENT, "alarm_swap_percent", MovableTypeTemplate.ALARM_SWAP_PERCENT);
        boolean sawDefault = false;
        boolean sawOwnValue = false;
        for (Map.Entry<Site, TerraformTree> entry : SITES.entrySet()) {
            Site site = entry.getKey();
            if (site.template() != SiteTemplate.MOVABLETYPE) {
                continue;
            }
            for (Map.Entry<String, Setting<Integer>> threshold : thresholds.entrySet()) {
                int value = site.get(threshold.getValue());
                assertEquals(String.valueOf(value), argument(entry.getValue(), "site", threshold.getKey()), site.name() + ": " + threshold.getKey());
                sawDefault |= value == threshold.getValue().defaultValue();
                sawOwnValue |= value != threshold.getValue().defaultValue();
            }
            AgentMetrics agent = agentMetrics(site);
            Map<String, String> thresholdOf = new LinkedHashMap<>();
            for (TerraformTree.Instance alarm : alarms(entry.getValue())) {
                if (namespaces(alarm).contains(agent.namespace())) {
                    assertTrue(agent.names().containsAll(metricNames(alarm)), alarm.where() + ": " + metricNames(alarm) + " not shipped by the agent " + agent.names());
                    if (alarm.literal("metric_name").isPresent()) {
                        assertEquals(agent.dimensions(), TerraformTree.object(alarm.attribute("dimensions").orElseThrow().size() == 3
                                ? alarm.module().local(alarm.attribute("dimensions").get().get(2).text()).orElseThrow()
                                : alarm.attribute("dimensions").get()).keySet(), alarm.where() + ": dimensions the agent sends");
                    }
                    List<HclParser.Token> threshold = alarm.attribute("threshold").orElseThrow();
                    thresholdOf.put(metricNames(alarm) + " " + alarm.key(), threshold.stream().map(HclParser.Token::text).collect(Collectors.joining()));
                }
            }
            assertEquals(Set.of("[mem_used_percent] memory", "[swap_used_percent] swap", "[disk_used_percent] root", "[disk_used_percent] data"),
                    thresholdOf.keySet(), site.name());
            assertEquals("var.alarm_memory_percent", thresholdOf.get("[mem_used_percent] memory"));
            assertEquals("var.alarm_swap_percent", thresholdOf.get("[swap_used_percent] swap"));
            Map<String, Object> volumes = TerraformTree.object(entry.getValue().module("movabletype-site").orElseThrow().local("volumes").orElseThrow());
            Set<String> alarmedPaths = new TreeSet<>();
            for (Object volume : volumes.values()) {
                alarmedPaths.add(texts(((Map<?, ?>) volume).get("path")).getFirst());
            }
            assertEquals(Set.of("/", "/var/www"), alarmedPaths, site.name() + ": the root and the data volume are alarmed");
            assertTrue(agent.diskPaths().containsAll(alarmedPaths), site.name() + ": the agent's disk.resources " + agent.diskPaths()
                    + " report every alarmed path " + alarmedPaths + ", or its alarm would never get data");
            assertEquals(List.of("var", ".", "alarm_disk_root_percent"), texts(((Map<?, ?>) volumes.get("root")).get("threshold")));
            assertEquals(List.of("var", ".", "alarm_disk_data_percent"), texts(((Map<?, ?>) volumes.get("data")).get("threshold")));
        }
        assertTrue(sawDefault && sawOwnValue, "the sample sites cover a default and a value of their own");
    }

    @Test
    void fiveXxRatesAlarmAtTheEdgeInUsEast1AndAtTheOrigin() {
        for (Map.Entry<Site, TerraformTree> entry : SITES.entrySet()) {
            TerraformTree tree = entry.getValue();
            List<TerraformTree.Instance> cdn = alarms(tree).stream().filter(alarm -> metricNames(alarm).contains("5xxErrorRate")).toList();
            assertEquals(1, cdn.size(), entry.getKey().name() + ": one CloudFront 5xx alarm");
            TerraformTree.Instance alarm = cdn.getFirst();
            assertEquals("aws.us_east_1", alarm.attribute("provider").map(TerraformTree::text).orElse(""), alarm.where() + ": CloudFront metrics live in us-east-1");
            assertEquals("var.alarm_cdn_5xx_percent", alarm.attribute("threshold").map(TerraformTree::text).orElse(""));
            String action = alarm.attribute("alarm_actions").map(TerraformTree::text).orElse("");
            String topic = action.replaceAll("^\\[|\\.arn\\]$", "");
            TerraformTree.Instance topicResource = tree.instances("aws_sns_topic").stream()
                    .filter(resource -> ("aws_sns_topic." + resource.block().labels().get(1)).equals(topic)).findFirst()
                    .orElseThrow(() -> new AssertionError(alarm.where() + ": actions " + action));
            assertEquals("aws.us_east_1", topicResource.attribute("provider").map(TerraformTree::text).orElse(""), "an alarm notifies a topic of its own Region");
            assertTrue(tree.instances("aws_sns_topic_subscription").stream().anyMatch(subscription ->
                    subscription.attribute("topic_arn").map(TerraformTree::text).orElse("").equals(topic + ".arn")), topic + " is subscribed to PagerDuty");
            assertEquals("{aws=awsaws.us_east_1=aws.us_east_1}", argument(tree, "site", "providers").replaceAll("[\\s,]", ""), "the root passes us-east-1 on");
            assertEquals(String.valueOf(entry.getKey().get(SiteSettings.ALARM_CDN_5XX_PERCENT)).replaceAll("\\.0$", ""), argument(tree, "site", "alarm_cdn_5xx_percent"));
            if (entry.getKey().template() == SiteTemplate.MOVABLETYPE) {
                assertTrue(alarms(tree).stream().anyMatch(origin -> metricNames(origin).containsAll(Set.of("HTTPCode_Target_5XX_Count", "RequestCount"))
                        && origin.attribute("threshold").map(TerraformTree::text).orElse("").equals("var.alarm_alb_5xx_percent")), "ALB target 5xx rate");
            }
        }
    }

    // --- what to do ----------------------------------------------------------------------------------------

    @Test
    void everyAlarmDescriptionNamesTheSiteWhatToDoFirstAndItsRunbookSection() {
        assertFalse(runbookAnchors.isEmpty(), "README.md has runbook anchors <a id=\"runbook-...\"></a>");
        for (TerraformTree tree : SITES.values()) {
            for (TerraformTree.Instance alarm : alarms(tree)) {
                HclParser.Token description = alarm.attribute("alarm_description").orElseThrow().getFirst();
                List<String> interpolated = HclParser.references(description.interpolated(), Set.of()).stream()
                        .map(reference -> String.join(".", reference.parts())).toList();
                assertTrue(description.text().startsWith("${var.site}: "), alarm.where() + ": starts with the site: " + description.text());
                String text = description.text();
                for (Map.Entry<String, List<HclParser.Token>> field : alarm.each().entrySet()) {
                    text = text.replace("${each.value." + field.getKey() + "}", TerraformTree.text(field.getValue()).replaceAll("^\"|\"$", ""));
                }
                assertTrue(text.contains(" First: "), alarm.where() + ": the first thing to do: " + text);
                Matcher anchor = Pattern.compile("Runbook: \\$\\{(?:var\\.runbook_url|local\\.runbook)}#(runbook[a-z0-9-]*)$").matcher(text);
                assertTrue(anchor.find(), alarm.where() + ": ends with its runbook link: " + text);
                assertTrue(runbookAnchors.contains(anchor.group(1)), alarm.where() + ": README.md has no anchor " + anchor.group(1) + " (has " + runbookAnchors + ")");
                assertTrue(interpolated.contains("var.site"), alarm.where());
            }
        }
    }

    // --- dashboards -----------------------------------------------------------------------------------------

    @Test
    void everySiteHasADashboardOfItsOwnResources() {
        Map<SiteTemplate, List<String>> shows = Map.of(
                SiteTemplate.MOVABLETYPE, List.of("aws_cloudfront_distribution.site.id", "aws_lb.site.arn_suffix", "aws_lb_target_group.cms.arn_suffix",
                        "aws_instance.cms.id", "var.site", "module.monitoring.dashboard_widgets"),
                SiteTemplate.ARCHIVE, List.of("aws_cloudfront_distribution.site.id", "module.monitoring.dashboard_widgets", "var.site"));
        Map<SiteTemplate, List<String>> namespaces = Map.of(
                SiteTemplate.MOVABLETYPE, List.of("AWS/CloudFront", "AWS/ApplicationELB", "AWS/EC2", "CWAgent", "Siteops/Backup"),
                SiteTemplate.ARCHIVE, List.of("AWS/CloudFront"));
        for (Map.Entry<Site, TerraformTree> entry : SITES.entrySet()) {
            List<TerraformTree.Instance> dashboards = entry.getValue().instances("aws_cloudwatch_dashboard");
            assertEquals(1, dashboards.size(), entry.getKey().name());
            TerraformTree.Instance dashboard = dashboards.getFirst();
            Set<String> references = new TreeSet<>();
            List<HclParser.Token> body = dashboard.attribute("dashboard_body").orElseThrow();
            collectThroughLocals(dashboard.module(), body, references);
            for (String reference : shows.get(entry.getKey().template())) {
                assertTrue(references.contains(reference), entry.getKey().name() + ": the dashboard shows " + reference + " " + references);
            }
            Set<String> strings = strings(body);
            for (String namespace : namespaces.get(entry.getKey().template())) {
                assertTrue(strings.contains(namespace), entry.getKey().name() + ": the dashboard graphs " + namespace);
            }
            // The widgets every site shows come from site-monitoring: edge errors, the synthetic check, purges.
            TerraformTree.Module monitoring = entry.getValue().module("site-monitoring").orElseThrow();
            List<HclParser.Token> shared = monitoring.local("dashboard_widgets").orElseThrow();
            Set<String> sharedReferences = new TreeSet<>();
            collectThroughLocals(monitoring, shared, sharedReferences);
            assertTrue(sharedReferences.containsAll(Set.of("var.distribution_id", "aws_synthetics_canary.site.name", "var.site")), sharedReferences.toString());
            assertTrue(strings(shared).containsAll(Set.of("AWS/CloudFront", "CloudWatchSynthetics", "siteops/Purge", "PurgeRequests", "PurgeFailures", "site")));
            TerraformTree.Module template = entry.getValue().module(entry.getKey().template().module()).orElseThrow();
            assertEquals("aws_cloudfront_distribution.site.id", template.blocks("module", "monitoring").getFirst().attributes().get("distribution_id")
                    .expression().stream().map(HclParser.Token::text).collect(Collectors.joining()), "the shared widgets show the site's own distribution");
        }
    }

    private static void collectThroughLocals(TerraformTree.Module module, List<HclParser.Token> expression, Set<String> into) {
        for (HclParser.Reference reference : HclParser.references(expression, Set.of())) {
            String dotted = String.join(".", reference.parts());
            if (into.add(dotted) && reference.parts().getFirst().equals("local")) {
                module.local(reference.parts().get(1)).ifPresent(local -> collectThroughLocals(module, local, into));
            }
        }
    }

    private static Set<String> strings(List<HclParser.Token> expression) {
        Set<String> strings = new TreeSet<>();
        for (HclParser.Token token : expression) {
            if (token.kind().equals("string")) {
                strings.add(token.text());
            }
        }
        return strings;
    }

    @Test
    void theFleetDashboardListsEverySiteAndItsVisitorFacingAlarms() throws IOException {
        Path fleet = Repository.GENERATED.resolve(FleetDashboard.DIRECTORY);
        TerraformTree tree = TerraformTree.of(fleet);
        assertEquals(1, tree.instances("aws_cloudwatch_dashboard").size());
        JsonNode body = new ObjectMapper().readTree(Files.readString(fleet.resolve(FleetDashboard.BODY)));
        String table = body.path("widgets").get(0).path("properties").path("markdown").asText();
        List<String> alarms = new ArrayList<>();
        body.path("widgets").forEach(widget -> widget.path("properties").path("alarms").forEach(arn -> alarms.add(arn.asText())));
        Set<String> monitoringAlarmNames = SITES.values().iterator().next().module("site-monitoring").orElseThrow().blocks("resource", ALARM).stream()
                .map(alarm -> alarm.attributes().get("alarm_name").expression().getFirst().text()).collect(Collectors.toSet());
        for (FleetDashboard.SiteAlarm alarm : FleetDashboard.VISITOR_ALARMS) {
            assertTrue(monitoringAlarmNames.contains("siteops-${var.site}-" + alarm.suffix()), "site-monitoring names an alarm ..." + alarm.suffix());
        }
        for (Site site : SITES.keySet()) {
            assertTrue(table.contains("#dashboards/dashboard/siteops-" + site.name() + ")"), site.name() + " links its dashboard");
            assertTrue(alarms.contains("arn:aws:cloudwatch:" + site.region() + ":${account_id}:alarm:siteops-" + site.name() + "-canary"), site.name());
            assertTrue(alarms.contains("arn:aws:cloudwatch:us-east-1:${account_id}:alarm:siteops-" + site.name() + "-cdn-5xx"), site.name());
        }
    }

    // --- PagerDuty as code ----------------------------------------------------------------------------------

    @Test
    void aPagerDutyBlockMakesTheRootManageTheServiceWithTwoDistinctIntegrationsWhoseKeysGoToSecrets() {
        for (Map.Entry<Site, TerraformTree> entry : SITES.entrySet()) {
            Site site = entry.getKey();
            TerraformTree tree = entry.getValue();
            List<HclParser.Block> calls = tree.root().blocks("module", "pagerduty");
            if (!RootModule.managesPagerDuty(site)) {
                assertEquals(List.of(), calls, site.name());
                assertEquals(HclBody.quote(site.get(SiteSettings.PAGERDUTY_SECRET)).replace("\"", ""), argument(tree, "site", "pagerduty_secret"));
                assertTrue(tree.instances("pagerduty_service").isEmpty());
                continue;
            }
            assertEquals(site.get(SiteSettings.PAGERDUTY_ESCALATION_POLICY), argument(tree, "pagerduty", "escalation_policy"));
            HclParser.Block provider = tree.root().blocks("provider", "pagerduty").getFirst();
            assertTrue(provider.attributes().isEmpty(), "the API token comes from the environment, never from a file");
            assertEquals("module.pagerduty.events_secret_name", argument(tree, "site", "pagerduty_secret"));
            assertEquals("module.pagerduty.cloudwatch_secret_id", argument(tree, "site", "pagerduty_cloudwatch_secret"));

            TerraformTree.Instance service = tree.instances("pagerduty_service").getFirst();
            assertEquals("var.escalation_policy", service.attribute("escalation_policy").map(TerraformTree::text).orElse(""));
            List<TerraformTree.Instance> integrations = tree.instances("pagerduty_service_integration");
            assertEquals(2, integrations.size());
            assertTrue(integrations.stream().allMatch(integration -> integration.attribute("service").map(TerraformTree::text).orElse("").equals("pagerduty_service.site.id")));
            assertTrue(integrations.stream().anyMatch(integration -> integration.literal("type").orElse("").equals("events_api_v2_inbound_integration")), "Events API v2");
            TerraformTree.Instance cloudwatch = integrations.stream().filter(integration -> integration.attribute("vendor").isPresent()).findFirst().orElseThrow();
            String vendor = cloudwatch.attribute("vendor").map(TerraformTree::text).orElseThrow();
            HclParser.Block vendorData = tree.module("pagerduty-service").orElseThrow().blocks("data", "pagerduty_vendor").stream()
                    .filter(data -> vendor.equals("data.pagerduty_vendor." + data.labels().get(1) + ".id")).findFirst().orElseThrow();
            assertEquals(Optional.of("Amazon CloudWatch"), TerraformCheck.literal(vendorData.attributes().get("name")));

            List<TerraformTree.Instance> versions = tree.instances("aws_secretsmanager_secret_version");
            assertEquals(2, versions.size(), "one secret per integration");
            Set<String> keys = versions.stream().map(version -> version.attribute("secret_string").map(TerraformTree::text).orElse("")).collect(Collectors.toSet());
            assertEquals(Set.of("pagerduty_service_integration.events.integration_key", "pagerduty_service_integration.cloudwatch.integration_key"), keys,
                    "each integration's own key, written to its own secret");
            List<TerraformTree.Instance> secrets = tree.instances("aws_secretsmanager_secret");
            assertEquals(2, secrets.size());
            assertTrue(secrets.stream().allMatch(secret -> secret.attribute("name").map(TerraformTree::text).orElse("").startsWith("\"${var.secret_prefix}${var.site}/")),
                    "under the prefix the functions may read");
        }
    }
}
