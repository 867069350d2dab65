package siteops.sites;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings every template has, and the mappings that group settings in a site file. A template's own
 * settings are declared in its class ({@link MovableTypeTemplate}, {@link ArchiveTemplate}).
 */
final class SiteSettings {

    /**
     * A mapping of the site file ({@code ""} is the top level); {@code paragraph} groups module arguments in the root.
     * {@code optional}: a block the site may leave out entirely (its settings are then absent, even those with a
     * default), whose mandatory settings must be given once the block is. {@code insteadOf}: the path of a
     * top-level setting this optional block replaces, or null; a site gives exactly one of the two.
     */
    record Group(String key, String doc, String paragraph, boolean optional, String insteadOf) {

        Group(String key, String doc, String paragraph) {
            this(key, doc, paragraph, false, null);
        }

        /** An optional block replacing the top-level setting {@code insteadOf} (or null when it replaces nothing). */
        static Group optionalBlock(String key, String doc, String paragraph, String insteadOf) {
            return new Group(key, doc, paragraph, true, insteadOf);
        }
    }

    /** In site-file order; settings are listed group by group, a template's own before the shared ones. */
    static final List<Group> GROUPS = List.of(
            new Group("", "", "identity"),
            new Group("slack", "Slack channel where editors purge the CDN cache.", "slack"),
            new Group("instance", "The server.", "instance"),
            new Group("backup", "Maintenance window running the DB dump and file backup.", "backup"),
            new Group("patching", "Patch Manager: a daily scan, and the install in the backup window after the backups.", "patching"),
            new Group("admin", "Who may reach the Movable Type admin.", "admin"),
            new Group("alarms", "Alarm thresholds; alarms page through `pagerduty_secret` or the `pagerduty:` service.", "monitoring"),
            new Group("canary", "Synthetic check of `https://<domain><path>`.", "monitoring"),
            Group.optionalBlock("pagerduty", "The site's PagerDuty service, managed by the generated root (instead of `pagerduty_secret`):"
                    + " the service, two integrations (Events API v2 for the functions, Amazon CloudWatch for the alarms) and their keys in"
                    + " Secrets Manager. The root then needs `PAGERDUTY_TOKEN` (infra/README.md, PagerDuty as code).", "pagerduty", "pagerduty_secret"));

    static final String HOSTNAME_REGEX = "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]";
    static final Setting.Text HOSTNAME = Setting.Text.checked(HOSTNAME_REGEX, value -> "'" + value
            + "' is not a valid domain name (lowercase labels of letters, digits and '-', separated by dots, no scheme or path)");
    static final Setting.Text URL_PATH = Setting.Text.matching("/[A-Za-z0-9._~/%-]*", "a URL path starting with '/'");

    static final Setting<String> TEMPLATE = new Setting<>("template", new Setting.Choice(SiteTemplate.ids(), "template kind"), null, true, null,
            SiteTemplate.ALL.stream().map(template -> template.id() + ": " + template.description()).reduce((a, b) -> a + " " + b).orElseThrow());
    static final Setting<String> PROJECT = Setting.text("project", Setting.Text.matching("[a-z0-9][a-z0-9-]{0,31}", "lowercase letters, digits and '-', at most 32"))
            .mandatory().variable("project").doc("Project the site belongs to (tag `siteops:project`).");
    static final Setting<String> ENV = Setting.choice("env", "prod", "stg", "dev").mandatory().variable("env")
            .doc("Environment (prod enables ALB deletion protection and keeps the ops bucket on destroy).");
    static final Setting<String> REGION = Setting.text("region", Setting.Text.matching("[a-z]{2}(-[a-z]+)+-\\d", "an AWS Region such as ap-northeast-1"))
            .byDefault("ap-northeast-1").doc("AWS Region of the site's resources (the CloudFront certificate and WAF are always in us-east-1).");
    static final Setting<String> DOMAIN = Setting.text("domain", HOSTNAME).mandatory().variable("domain")
            .doc("Main hostname of the site, without scheme or path.");
    static final Setting<List<String>> ALIASES = Setting.textList("aliases", HOSTNAME, null).byDefault(List.of()).variable("aliases")
            .doc("Further hostnames served by the same distribution; every hostname must be unique across all sites.");
    static final Setting<String> ROUTE53_ZONE = Setting.text("route53_zone", HOSTNAME).variable("route53_zone")
            .doc("Name of the Route53 hosted zone holding the domain and aliases; Route53 then gets the alias and certificate-validation"
                    + " records (movabletype: also `origin.<domain>`, an alias of the ALB). Omit when DNS is elsewhere: the output"
                    + " `dns_records_to_create` lists the CNAMEs to create, including the ALB certificate's validation records and"
                    + " `origin.<domain>` → the ALB (the first apply waits up to 2 h for the certificates' validation records; they are"
                    + " also shown in the ACM console of us-east-1 and of the site's Region).");
    static final Setting<String> PAGERDUTY_SECRET = Setting.text("pagerduty_secret", Setting.Text.matching("[A-Za-z0-9/_+=.@-]{1,512}",
                    "the NAME of a Secrets Manager secret holding the PagerDuty routing key (letters, digits, /_+=.@-)"))
            .doc("NAME of the Secrets Manager secret holding the site's 32-character PagerDuty integration key, never the key itself;"
                    + " alarms page through it, and the backup window is tagged with it. Required unless the site has a `pagerduty:` block.")
            .variable("pagerduty_secret");
    static final Setting<String> SLACK_TEAM_ID = Setting.text("slack.team_id", Setting.Text.matching("T[A-Z0-9]{8,12}", "a Slack workspace id such as T07EA123LEP"))
            .mandatory().doc("Workspace id (from the one-time AWS Chatbot console authorisation).");
    static final Setting<String> SLACK_CHANNEL_ID = Setting.text("slack.channel_id",
                    Setting.Text.matching("[CG][A-Z0-9]{8,12}", "a Slack channel id such as C07EZ1ABC23 (end of the channel link)"))
            .mandatory().doc("Channel id (the end of the channel link).");
    static final Setting<Integer> RATE_LIMIT = Setting.wholeNumber("alarms.rate_limit_per_5min", 100, 2_000_000_000).byDefault(2000)
            .variable("waf_rate_limit_per_5min").doc("WAF: requests per client IP in 5 minutes before it is blocked.");
    static final Setting<String> CANARY_PATH = Setting.text("canary.path", URL_PATH).byDefault("/").variable("canary_path")
            .doc("Path the synthetic check loads on `https://<domain>`.");
    static final Setting<Integer> CANARY_INTERVAL = Setting.wholeNumber("canary.interval_minutes", 1, 60).byDefault(5).variable("canary_interval_minutes")
            .doc("Minutes between checks; three failures in a row page.");

    // --- alerting: thresholds every template has, and the optional PagerDuty service ------------------------
    static final Setting<Double> ALARM_CDN_5XX_PERCENT = Setting.decimal("alarms.cdn_5xx_percent", 0.1, 100).byDefault(5.0)
            .variable("alarm_cdn_5xx_percent").doc("CloudFront 5xx error rate (percent of requests over 5 minutes, counted from 100 requests).");
    static final Setting<String> PAGERDUTY_ESCALATION_POLICY = Setting.text("pagerduty.escalation_policy",
                    Setting.Text.matching("P[A-Z0-9]{5,13}", "a PagerDuty escalation policy id such as PABC123 (the end of its URL)"))
            .mandatory().doc("Id of the existing escalation policy the site's service pages (the end of its URL in PagerDuty).");
    static final Setting<String> PAGERDUTY_URGENCY = Setting.choice("pagerduty.urgency", "high", "low").byDefault("high")
            .doc("Urgency of the service's incidents: high notifies responders by their high-urgency rules (phone, push), low by their low-urgency rules.");

    /** Shared by every template, in site-file order. */
    static final List<Setting<?>> SHARED = List.of(TEMPLATE, PROJECT, ENV, REGION, DOMAIN, ALIASES, ROUTE53_ZONE, PAGERDUTY_SECRET,
            SLACK_TEAM_ID, SLACK_CHANNEL_ID, RATE_LIMIT, ALARM_CDN_5XX_PERCENT, CANARY_PATH, CANARY_INTERVAL,
            PAGERDUTY_ESCALATION_POLICY, PAGERDUTY_URGENCY);

    private SiteSettings() {}

    /** Every setting of {@code template} in site-file order: group by group, the template's own before the shared ones. */
    static List<Setting<?>> of(SiteTemplate template) {
        List<Setting<?>> settings = new ArrayList<>();
        for (Group group : GROUPS) {
            template.settings().stream().filter(setting -> setting.group().equals(group.key())).forEach(settings::add);
            SHARED.stream().filter(setting -> setting.group().equals(group.key())).forEach(settings::add);
        }
        return settings;
    }

    /** Every setting of any template, in site-file order (each once). */
    static List<Setting<?>> all() {
        List<Setting<?>> settings = new ArrayList<>();
        for (Group group : GROUPS) {
            for (SiteTemplate template : SiteTemplate.ALL) {
                template.settings().stream().filter(setting -> setting.group().equals(group.key())).forEach(settings::add);
            }
            SHARED.stream().filter(setting -> setting.group().equals(group.key())).forEach(settings::add);
        }
        return settings;
    }

    static Group group(String key) {
        return GROUPS.stream().filter(group -> group.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("setting group '" + key + "' is not declared in SiteSettings.GROUPS"));
    }
}
