package siteops.sites;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/** Turns the text of one {@code infra/sites/<site>.yaml} into a {@link Site}, or into problems. */
public final class SiteReader {

    static final Pattern SITE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern HOSTNAME = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");
    private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern SLACK_TEAM = Pattern.compile("T[A-Z0-9]{8,12}");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CG][A-Z0-9]{8,12}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern SCHEDULE = Pattern.compile("(cron\\(\\S+( \\S+){5}\\)|rate\\(\\d+ (minutes?|hours?|days?)\\))");
    private static final Pattern URL_PATH = Pattern.compile("/[A-Za-z0-9._~/%-]*");
    private static final Pattern IPV4_CIDR = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*/(12[0-8]|1[01]\\d|[1-9]?\\d)");

    static final String DEFAULT_REGION = "ap-northeast-1";

    private SiteReader() {}

    /** Reads one file; problems are added to {@code problems} and the site is empty if there were any. */
    public static Optional<Site> read(String file, String siteName, String text, List<Problem> problems) {
        int before = problems.size();
        if (!SITE_NAME.matcher(siteName).matches()) {
            problems.add(new Problem(file, 1, "(file name)", "site name '" + siteName
                    + "' must be lowercase letters, digits and '-' (start with a letter or digit, at most 63): rename the file"));
        }
        Node root;
        try {
            root = compose(file, text);
        } catch (MarkedYamlEngineException syntax) {
            int line = syntax.getProblemMark().or(syntax::getContextMark).map(mark -> mark.getLine() + 1).orElse(1);
            problems.add(new Problem(file, line, "(yaml)", "syntax error: " + syntax.getProblem()));
            return Optional.empty();
        } catch (YamlEngineException syntax) {
            problems.add(new Problem(file, 1, "(yaml)", "syntax error: " + syntax.getMessage()));
            return Optional.empty();
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(new Problem(file, root == null ? 1 : YamlMapping.line(root), "(yaml)", "the file must be a mapping of fields (see infra/site.schema.json)"));
            return Optional.empty();
        }
        scanForSecrets(file, root, "", problems);
        Site site = fields(file, siteName, new YamlMapping(file, "", mapping, problems));
        return problems.size() == before ? Optional.of(site) : Optional.empty();
    }

    private static Node compose(String file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(true).build();
        Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
        Node root = composer.getSingleNode().orElse(null);
        return root;
    }

    private static Site fields(String file, String siteName, YamlMapping yaml) {
        Optional<Site.Template> template = yaml.string("template", true, value -> templateOf(value).isPresent() ? null
                : "unknown template kind '" + value + "' (known: movabletype, archive)").flatMap(SiteReader::templateOf);
        String project = yaml.string("project", true, matches(PROJECT, "lowercase letters, digits and '-', at most 32")).orElse("");
        String env = yaml.string("env", true, value -> Set.of("prod", "stg", "dev").contains(value) ? null
                : "must be one of prod, stg, dev; got '" + value + "'").orElse("");
        String region = yaml.string("region", false, matches(REGION, "an AWS Region such as ap-northeast-1")).orElse(DEFAULT_REGION);
        String domain = yaml.string("domain", true, SiteReader::hostnameProblem).orElse("");
        List<String> aliases = yaml.strings("aliases", false, SiteReader::hostnameProblem);
        Optional<String> zone = yaml.string("route53_zone", false, SiteReader::hostnameProblem);
        String pagerDuty = yaml.string("pagerduty_secret", true, matches(SECRET_NAME,
                "the NAME of a Secrets Manager secret holding the PagerDuty routing key (letters, digits, /_+=.@-)")).orElse("");

        YamlMapping slackYaml = yaml.mapping("slack", true);
        Site.Slack slack = new Site.Slack(
                slackYaml.string("team_id", true, matches(SLACK_TEAM, "a Slack workspace id such as T07EA123LEP")).orElse(""),
                slackYaml.string("channel_id", true, matches(SLACK_CHANNEL, "a Slack channel id such as C07EZ1ABC23 (end of the channel link)")).orElse(""));
        slackYaml.rejectUnknown();

        YamlMapping alarmsYaml = yaml.mapping("alarms", false);
        Site.Alarms alarms = new Site.Alarms(
                alarmsYaml.integer("cpu_percent", 80, 1, 100),
                alarmsYaml.integer("alb_5xx_per_5min", 10, 1, 100_000),
                alarmsYaml.decimal("latency_seconds", 3.0, 0.1, 60),
                alarmsYaml.integer("rate_limit_per_5min", 2000, 100, 2_000_000_000));
        alarmsYaml.rejectUnknown();

        YamlMapping canaryYaml = yaml.mapping("canary", false);
        Site.Canary canary = new Site.Canary(
                canaryYaml.string("path", false, matches(URL_PATH, "a URL path starting with '/'")).orElse("/"),
                canaryYaml.integer("interval_minutes", 5, 1, 60));
        canaryYaml.rejectUnknown();

        Site.Instance instance = null;
        Site.Backup backup = null;
        Site.Admin admin = null;
        if (template.orElse(null) == Site.Template.ARCHIVE) {
            for (String unused : List.of("instance", "backup", "admin")) {
                yaml.reject(unused, "not used by template archive (static files in S3 have no server to size, back up or administer)");
            }
            if (alarmsYaml.has("cpu_percent") || alarmsYaml.has("alb_5xx_per_5min") || alarmsYaml.has("latency_seconds")) {
                alarmsYaml.reject("cpu_percent", "not used by template archive");
                alarmsYaml.reject("alb_5xx_per_5min", "not used by template archive");
                alarmsYaml.reject("latency_seconds", "not used by template archive");
            }
        } else {
            YamlMapping instanceYaml = yaml.mapping("instance", false);
            instance = new Site.Instance(
                    instanceYaml.string("type", false, matches(INSTANCE_TYPE, "an EC2 instance type such as t3.small")).orElse("t3.small"),
                    instanceYaml.integer("volume_gb", 30, 8, 1024));
            instanceYaml.rejectUnknown();

            YamlMapping backupYaml = yaml.mapping("backup", false);
            backup = new Site.Backup(
                    backupYaml.string("schedule", false, matches(SCHEDULE,
                            "a maintenance window schedule such as 'cron(0 18 ? * * *)' (UTC, six fields) or 'rate(1 day)'")).orElse("cron(0 18 ? * * *)"),
                    backupYaml.integer("retention_days", 14, 1, 3650));
            backupYaml.rejectUnknown();

            YamlMapping adminYaml = yaml.mapping("admin", true);
            admin = new Site.Admin(
                    adminYaml.string("path", false, matches(URL_PATH, "a URL path starting with '/'")).orElse("/mt/"),
                    adminYaml.strings("allow_cidrs", true, SiteReader::cidrProblem));
            if (adminYaml.has("allow_cidrs") && admin.allowCidrs().isEmpty()) {
                yaml.problem(yaml.nodeOf("admin"), "admin.allow_cidrs", "list at least one CIDR, or nobody can reach the Movable Type admin");
            }
            adminYaml.rejectUnknown();
        }
        yaml.rejectUnknown();

        checkHostnames(yaml, domain, aliases, zone);
        return new Site(siteName, file, template.orElse(Site.Template.MOVABLETYPE), project, env, region, domain,
                List.copyOf(aliases), zone, pagerDuty, slack, instance, backup, alarms, canary, admin);
    }

    private static void checkHostnames(YamlMapping yaml, String domain, List<String> aliases, Optional<String> zone) {
        Set<String> seen = new HashSet<>();
        seen.add(domain);
        for (String alias : aliases) {
            if (!seen.add(alias)) {
                yaml.problem(yaml.nodeOf("aliases"), "aliases", "'" + alias + "' is listed twice (or repeats the domain)");
            }
        }
        zone.ifPresent(zoneName -> {
            for (String host : seen) {
                if (!host.isEmpty() && !host.equals(zoneName) && !host.endsWith("." + zoneName)) {
                    yaml.problem(yaml.nodeOf("route53_zone"), "route53_zone",
                            "'" + host + "' is not inside the zone '" + zoneName + "': Route53 could not hold its record");
                }
            }
        });
    }

    private static Optional<Site.Template> templateOf(String value) {
        for (Site.Template template : Site.Template.values()) {
            if (template.id.equals(value)) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }

    private static java.util.function.Function<String, String> matches(Pattern pattern, String expected) {
        return value -> pattern.matcher(value).matches() ? null : "must be " + expected + "; got '" + value + "'";
    }

    static String hostnameProblem(String value) {
        return HOSTNAME.matcher(value).matches() ? null
                : "'" + value + "' is not a valid domain name (lowercase labels of letters, digits and '-', separated by dots, no scheme or path)";
    }

    private static String cidrProblem(String value) {
        if (IPV4_CIDR.matcher(value).matches() || IPV6_CIDR.matcher(value).matches()) {
            return value.equals("0.0.0.0/0") || value.equals("::/0") ? "'" + value + "' opens the admin to everyone: list the office or VPN ranges" : null;
        }
        return "'" + value + "' is not a CIDR such as 203.0.113.0/24";
    }

    /** Any scalar, key or value, that looks like a credential is a problem wherever it appears. */
    private static void scanForSecrets(String file, Node node, String path, List<Problem> problems) {
        switch (node) {
            case ScalarNode scalar -> SecretScanner.recognise(scalar.getValue()).ifPresent(kind -> problems.add(new Problem(file,
                    YamlMapping.line(scalar), path.isEmpty() ? "(value)" : path,
                    "looks like " + kind + ": never put secrets in site files; store it in Secrets Manager and give the secret's name")));
            case SequenceNode sequence -> sequence.getValue().forEach(item -> scanForSecrets(file, item, path, problems));
            case MappingNode mapping -> {
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    scanForSecrets(file, tuple.getKeyNode(), childPath, problems);
                    scanForSecrets(file, tuple.getValueNode(), childPath, problems);
                }
            }
            default -> { }
        }
    }
}
