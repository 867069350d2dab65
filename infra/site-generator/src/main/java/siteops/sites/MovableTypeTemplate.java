package siteops.sites;

import java.util.List;
import java.util.Map;

/** Movable Type on EC2 behind an ALB and CloudFront: {@code infra/modules/movabletype-site}. */
final class MovableTypeTemplate implements SiteTemplate {

    private static final String IPV4_CIDR = "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)";
    private static final String IPV6_CIDR = "[0-9a-fA-F:]*:[0-9a-fA-F:]*/(12[0-8]|1[01]\\d|[1-9]?\\d)";

    /** A /0 range (0.0.0.0/0, ::/0, or any address written with /0) is everyone, IPv4 or IPv6. */
    static final Setting.Text ADMIN_CIDR = Setting.Text.checked(IPV4_CIDR + "|" + IPV6_CIDR, value -> "'" + value + "' is not a CIDR such as 203.0.113.0/24")
            .and(value -> value.endsWith("/0") ? "'" + value + "' opens the admin to everyone: list the office or VPN ranges" : null);

    static final Setting<String> INSTANCE_TYPE = Setting.text("instance.type",
                    Setting.Text.matching("[a-z][a-z0-9-]*\\.[a-z0-9]+", "an EC2 instance type such as t3.small"))
            .byDefault("t3.small").variable("instance_type").doc("EC2 instance type.");
    static final Setting<Integer> VOLUME_GB = Setting.wholeNumber("instance.volume_gb", 8, 1024).byDefault(30).variable("volume_size_gb")
            .doc("Size in GB of the encrypted gp3 root volume.");
    static final Setting<Integer> DATA_VOLUME_GB = Setting.wholeNumber("instance.data_volume_gb", 8, 4096).byDefault(20).variable("data_volume_size_gb")
            .doc("Size in GB of the encrypted gp3 data volume mounted at `/var/www`: Movable Type, the published pages, uploads and"
                    + " MariaDB's data (`/var/www/mysql`). Can grow, never shrink: after the apply, `sudo xfs_growfs /var/www` on the server.");
    static final Setting<String> BACKUP_SCHEDULE = Setting.text("backup.schedule", Setting.Text.matching(
                    "(cron\\(\\S+( \\S+){5}\\)|rate\\(\\d+ (minutes?|hours?|days?)\\))",
                    "a maintenance window schedule such as 'cron(0 18 ? * * *)' (UTC, six fields) or 'rate(1 day)'"))
            .byDefault("cron(0 18 ? * * *)").variable("backup_schedule")
            .doc("Maintenance window schedule (UTC; the default is 03:00 JST) running the DB dump and file backup to S3;"
                    + " keep at least daily, the backup alarms expect a success every 24 h.");
    static final Setting<Integer> BACKUP_RETENTION_DAYS = Setting.wholeNumber("backup.retention_days", 1, 3650).byDefault(14)
            .variable("backup_retention_days").doc("Days backups are kept in S3.");
    // Patching (infra/modules/movabletype-site/patching.tf, baselines in infra/modules/patch-baseline).
    static final Setting<Integer> PATCH_APPROVE_AFTER_DAYS = Setting.wholeNumber("patching.approve_after_days", 0, 14).byDefault(7).variable("patch_approve_after_days")
            .doc("Days after its release an Amazon Linux security or bugfix update is approved and installed (the delay lets"
                    + " a bad update be withdrawn first; 0 installs at the next window). Picks the shared baseline"
                    + " `siteops-al2023-approve-after-<NN>d` through the instance's `PatchGroup` tag.");
    static final Setting<String> PATCH_INSTALL = Setting.choice("patching.install", "after-backup", "paused").byDefault("after-backup")
            .variable("patch_install")
            .doc("`after-backup`: approved updates are installed in the backup window once both backups are done, rebooting"
                    + " only when an update needs it. `paused`: nothing is installed (for an event period); the daily scan still"
                    + " reports what is missing.");

    static final Setting<String> ADMIN_PATH = Setting.text("admin.path", SiteSettings.URL_PATH).byDefault("/mt/").variable("admin_path")
            .doc("URL path prefix of the admin: uncached, and reachable only from `admin.allow_cidrs` (WAF).");
    static final Setting<List<String>> ADMIN_ALLOW_CIDRS = Setting.textList("admin.allow_cidrs", ADMIN_CIDR,
                    "list at least one CIDR, or nobody can reach the Movable Type admin")
            .mandatory().variable("admin_allow_cidrs")
            .doc("IPv4/IPv6 CIDRs (office, VPN) allowed to reach the admin path; everyone else is blocked by WAF. At least one;"
                    + " a `/0` range (`0.0.0.0/0`, `::/0`) is refused.");
    static final Setting<Integer> ALARM_CPU_PERCENT = Setting.wholeNumber("alarms.cpu_percent", 1, 100).byDefault(80).variable("alarm_cpu_percent")
            .doc("CPU alarm threshold (average over 15 minutes).");
    static final Setting<Integer> ALARM_5XX = Setting.wholeNumber("alarms.alb_5xx_per_5min", 1, 100_000).byDefault(10).variable("alarm_5xx_per_5min")
            .doc("5xx answers from the ALB itself (no healthy target, timeouts) in 5 minutes.");
    static final Setting<Double> ALARM_LATENCY_SECONDS = Setting.decimal("alarms.latency_seconds", 0.1, 60).byDefault(3.0)
            .variable("alarm_latency_seconds").doc("Average response time (15 minutes).");

    // --- alerting: the server's own alarms (CloudWatch agent metrics, ALB error rate) --------------------------
    static final Setting<Integer> ALARM_DISK_ROOT_PERCENT = Setting.wholeNumber("alarms.disk_root_percent", 1, 100).byDefault(85)
            .variable("alarm_disk_root_percent").doc("Root volume (`/`) use that pages (percent, 10 minutes).");
    static final Setting<Integer> ALARM_DISK_DATA_PERCENT = Setting.wholeNumber("alarms.disk_data_percent", 1, 100).byDefault(85)
            .variable("alarm_disk_data_percent").doc("Data volume (`/var/www`, Movable Type and the published pages) use that pages (percent, 10 minutes).");
    static final Setting<Integer> ALARM_MEMORY_PERCENT = Setting.wholeNumber("alarms.memory_percent", 1, 100).byDefault(90)
            .variable("alarm_memory_percent").doc("Memory use that pages (percent, average over 15 minutes).");
    static final Setting<Integer> ALARM_SWAP_PERCENT = Setting.wholeNumber("alarms.swap_percent", 1, 100).byDefault(50)
            .variable("alarm_swap_percent").doc("Swap use that pages (percent of the 2 GB swap file, average over 15 minutes).");
    static final Setting<Double> ALARM_ALB_5XX_PERCENT = Setting.decimal("alarms.alb_5xx_percent", 0.1, 100).byDefault(5.0)
            .variable("alarm_alb_5xx_percent").doc("Movable Type's 5xx answers as a percentage of the ALB's requests over 5 minutes (counted from 50 requests).");

    static final String CLOUD_INIT = "cloud-init.yaml";

    @Override
    public String id() {
        return "movabletype";
    }

    @Override
    public String description() {
        return "Movable Type on EC2 behind ALB and CloudFront.";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(INSTANCE_TYPE, VOLUME_GB, DATA_VOLUME_GB, BACKUP_SCHEDULE, BACKUP_RETENTION_DAYS, PATCH_APPROVE_AFTER_DAYS, PATCH_INSTALL,
                ADMIN_PATH, ADMIN_ALLOW_CIDRS, ALARM_CPU_PERCENT, ALARM_5XX, ALARM_LATENCY_SECONDS,
                ALARM_DISK_ROOT_PERCENT, ALARM_DISK_DATA_PERCENT, ALARM_MEMORY_PERCENT, ALARM_SWAP_PERCENT, ALARM_ALB_5XX_PERCENT);
    }

    /** The secret header between CloudFront and the ALB is a random_password. */
    @Override
    public List<Provider> providers() {
        return List.of(new Provider("random", "hashicorp/random", RootModule.RANDOM_PROVIDER_VERSION));
    }

    @Override
    public List<FileArgument> fileArguments() {
        return List.of(new FileArgument("instance", "user_data", CLOUD_INIT));
    }

    @Override
    public Map<String, String> files(Site site) {
        return Map.of(CLOUD_INIT, CloudInit.render(site));
    }

    @Override
    public List<Output> outputs() {
        return List.of(
                new Output("instance_id", "Connect with: aws ssm start-session --target <instance_id> (there is no SSH)."),
                new Output("elastic_ip", "Outbound address of the CMS server (for allow-lists of external services)."));
    }

    @Override
    public SiteReadme.TemplatePart readme(Site site) {
        String schedule = site.get(BACKUP_SCHEDULE);
        int retention = site.get(BACKUP_RETENTION_DAYS);
        String bucket = "siteops-" + site.name() + "-…";
        return new SiteReadme.TemplatePart(
                diagram -> diagram
                        .node("alb", "ALB origin." + site.domain() + "\nHTTPS only, CloudFront's header only")
                        .node("ec2", "EC2 " + site.get(INSTANCE_TYPE) + ", " + site.get(VOLUME_GB) + " GB\nMovable Type, NGINX, MariaDB")
                        .node("data", "EBS data volume, " + site.get(DATA_VOLUME_GB) + " GB\nsite files and MariaDB data")
                        .node("window", "Maintenance window\n" + schedule)
                        .node("backups", "S3 ops bucket\nbackups kept " + retention + " days")
                        .edge(SiteReadme.WAF, "cache misses", "alb")
                        .edge("alb", "admin " + site.get(ADMIN_PATH) + " only from allowed CIDRs", "ec2")
                        .edge("ec2", "mounted at /var/www", "data")
                        .edge("window", "siteops-backup", "ec2")
                        .edge("ec2", "DB dump + files", "backups")
                        .edge("ec2", "status, CPU, memory, swap, disk", SiteReadme.ALARMS)
                        .edge("window", "failed or missed backup: backup function", SiteReadme.PAGERDUTY)
                        .edge("alb", "5xx, latency, unhealthy", SiteReadme.ALARMS),
                List.of("Database dump and web files to the ops bucket (`" + bucket + "`, under `backup/`) by the maintenance window `"
                                + schedule + "` (" + SiteReadme.scheduleTime(schedule) + ").",
                        "Kept " + retention + " days (overwritten versions too). A failed, timed-out or missed run pages PagerDuty once,"
                                + " through the maintenance window's function; restore with `siteops-restore` (README, \"Restoring a site\")."),
                List.of("CPU at or above " + site.get(ALARM_CPU_PERCENT) + "% (average over 15 minutes)",
                        "at least " + site.get(ALARM_5XX) + " 5xx answers in 5 minutes from Movable Type, or from the ALB itself",
                        "average response time at or above " + RootModule.number(site.get(ALARM_LATENCY_SECONDS)) + " s over 15 minutes",
                        "Movable Type answers 5xx to at least " + RootModule.number(site.get(ALARM_ALB_5XX_PERCENT))
                                + "% of the ALB's requests in 5 minutes (counted from 50 requests)",
                        "EC2 status check failed, or the ALB sees the server as unhealthy",
                        "memory use at or above " + site.get(ALARM_MEMORY_PERCENT) + "%, swap use at or above "
                                + site.get(ALARM_SWAP_PERCENT) + "%",
                        "disk use at or above " + site.get(ALARM_DISK_ROOT_PERCENT) + "% on `/`, or "
                                + site.get(ALARM_DISK_DATA_PERCENT) + "% on `/var/www` (the data volume, " + site.get(DATA_VOLUME_GB) + " GB)"),
                List.of("Movable Type: upload the licensed `MT.zip` to `s3://" + bucket + "/install/MT.zip` (the bucket's full name is the"
                                + " instance tag `SiteopsOpsBucket`), then `bin/fleet run --site " + site.name()
                                + " --document siteops-install-movabletype` (Run Command; there is no SSH). Until then the nightly"
                                + " files backup warns \"Movable Type not installed yet\" without paging.",
                        "Editors: add each editor's SFTP public key to `/home/editor/.ssh/authorized_keys` in a Session Manager session"
                                + " (infra/README.md, \"What a site gets\")."));
    }

    @Override
    public List<ServiceQuota.Need> quotaNeeds(Site site) {
        String region = site.region();
        boolean ipv4 = site.get(ADMIN_ALLOW_CIDRS).stream().anyMatch(cidr -> !cidr.contains(":"));
        boolean ipv6 = site.get(ADMIN_ALLOW_CIDRS).stream().anyMatch(cidr -> cidr.contains(":"));
        return List.of(
                ServiceQuota.VPCS.need(region, 1),
                ServiceQuota.INTERNET_GATEWAYS.need(region, 1),
                ServiceQuota.ELASTIC_IPS.need(region, 1),
                ServiceQuota.APPLICATION_LOAD_BALANCERS.need(region, 1),
                ServiceQuota.MAINTENANCE_WINDOWS.need(region, 1),
                // The ALB's own certificate, in the site's Region (CloudFront's is counted for every site).
                ServiceQuota.ACM_CERTIFICATES.need(region, 1),
                // One IP set per address family of the admin allow-list (site-waf).
                ServiceQuota.WAF_IP_SETS.need(ServiceQuota.US_EAST_1, (ipv4 ? 1 : 0) + (ipv6 ? 1 : 0)),
                ServiceQuota.CLOUDFRONT_CACHE_POLICIES.need(region, 1),
                // The ops bucket (backups, ALB logs).
                ServiceQuota.S3_BUCKETS.need(region, 1));
    }
}
