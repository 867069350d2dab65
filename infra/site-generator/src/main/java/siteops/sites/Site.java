package siteops.sites;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One validated site file. Fields that a template does not use are null (for example {@code instance} for an
 * {@code archive} site).
 */
public record Site(
        String name,
        String sourceFile,
        Template template,
        String project,
        String env,
        String region,
        String domain,
        List<String> aliases,
        Optional<String> route53Zone,
        String pagerDutySecret,
        Slack slack,
        Instance instance,
        Backup backup,
        Alarms alarms,
        Canary canary,
        Admin admin) {

    public enum Template {
        MOVABLETYPE("movabletype"), ARCHIVE("archive");

        public final String id;

        Template(String id) {
            this.id = id;
        }
    }

    public record Slack(String teamId, String channelId) {}

    public record Instance(String type, int volumeGb) {}

    public record Backup(String schedule, int retentionDays) {}

    public record Alarms(int cpuPercent, int alb5xxPer5Minutes, double latencySeconds, int rateLimitPer5Minutes) {}

    public record Canary(String path, int intervalMinutes) {}

    public record Admin(String path, List<String> allowCidrs) {}

    /** Every hostname the distribution answers to, main domain first. */
    public List<String> hostnames() {
        List<String> all = new ArrayList<>();
        all.add(domain);
        all.addAll(aliases);
        return all;
    }
}
