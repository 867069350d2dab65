package siteops.sites;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of sites needs of the AWS quotas that one-of-each-per-site resources use up (a VPC, an Elastic
 * IP, an ALB, a web ACL, a distribution...), per Region, against the default quota. {@code bin/generate-sites}
 * prints the table and warns where the default is too small; {@code --quotas-tfvars} writes the increases for
 * the bootstrap root's {@code aws_servicequotas_service_quota} (infra/README.md, "AWS quotas").
 */
final class FleetQuotas {

    /** Requested values leave room for this many more sites per hundred before the next request. */
    static final int HEADROOM_PERCENT = 25;

    /** The fleet's need of one quota in one Region. */
    record Row(ServiceQuota quota, String region, int need) {

        boolean exceedsDefault() {
            return need > quota.defaultValue();
        }

        /** The value to ask for: the need plus headroom, never below the default. */
        int requested() {
            return Math.max(quota.defaultValue(), need + (need * HEADROOM_PERCENT + 99) / 100);
        }

        String code() {
            return quota.quotaCode() == null ? "(console)" : quota.quotaCode();
        }
    }

    private FleetQuotas() {}

    /** What every site needs whatever its template: the distribution, its web ACL and certificate, the canary's bucket. */
    static List<ServiceQuota.Need> sharedNeeds(Site site) {
        return List.of(
                ServiceQuota.CLOUDFRONT_DISTRIBUTIONS.need(site.region(), 1),
                ServiceQuota.WAF_WEB_ACLS.need(ServiceQuota.US_EAST_1, 1),
                ServiceQuota.ACM_CERTIFICATES.need(ServiceQuota.US_EAST_1, 1),
                ServiceQuota.S3_BUCKETS.need(site.region(), 1));
    }

    /** The fleet's needs, by Region (sorted) and then in {@link ServiceQuota#ALL} order. */
    static List<Row> of(List<Site> sites) {
        Map<String, Map<ServiceQuota, Integer>> byRegion = new TreeMap<>();
        for (Site site : sites) {
            List<ServiceQuota.Need> needs = new ArrayList<>(sharedNeeds(site));
            needs.addAll(site.template().quotaNeeds(site));
            for (ServiceQuota.Need need : needs) {
                byRegion.computeIfAbsent(need.region(), region -> new LinkedHashMap<>()).merge(need.quota(), need.count(), Integer::sum);
            }
        }
        List<Row> rows = new ArrayList<>();
        byRegion.forEach((region, needs) -> needs.entrySet().stream()
                .filter(need -> need.getValue() > 0)
                .sorted(Comparator.comparingInt(need -> ServiceQuota.ALL.indexOf(need.getKey())))
                .forEach(need -> rows.add(new Row(need.getKey(), region, need.getValue()))));
        return rows;
    }

    /** The table {@code bin/generate-sites} prints. */
    static String table(List<Row> rows, int siteCount) {
        StringBuilder text = new StringBuilder("AWS quotas the " + siteCount + " site(s) need, against each quota's default"
                + " (your account's values: Service Quotas console):\n");
        String format = "  %-15s %-20s %-38s %-10s %6s %8s%n";
        text.append(String.format(format, "region", "service", "quota", "code", "need", "default"));
        for (Row row : rows) {
            text.append(String.format(format, row.region(), row.quota().serviceCode(), row.quota().name(), row.code(),
                    row.need(), row.quota().defaultValue() + (row.exceedsDefault() ? " !" : "")));
        }
        return text.toString();
    }

    /** One line per quota whose default is smaller than the need. */
    static List<String> warnings(List<Row> rows) {
        return rows.stream().filter(Row::exceedsDefault).map(row -> "warning: " + row.region() + ": " + row.quota().name()
                + " (" + row.quota().serviceCode() + " " + row.code() + "): the sites need " + row.need() + ", the default quota is "
                + row.quota().defaultValue() + ": " + (row.quota().quotaCode() == null
                        ? "request " + row.requested() + " in the Service Quotas console"
                        : "request " + row.requested() + " (bin/generate-sites --quotas-tfvars, then apply infra/bootstrap)")).toList();
    }

    /**
     * The increases to request, as a Terraform variables file in JSON: {@code service_quota_increases}, keyed
     * {@code <region>/<service>/<code>}, for each quota with a known code whose default is below the need plus headroom.
     */
    static String tfvarsJson(List<Row> rows) {
        Map<String, Object> increases = new TreeMap<>();
        for (Row row : rows) {
            if (row.quota().quotaCode() == null || row.requested() <= row.quota().defaultValue()) {
                continue;
            }
            Map<String, Object> increase = new LinkedHashMap<>();
            increase.put("region", row.region());
            increase.put("service_code", row.quota().serviceCode());
            increase.put("quota_code", row.quota().quotaCode());
            increase.put("quota_name", row.quota().name());
            increase.put("need", row.need());
            increase.put("value", row.requested());
            increases.put(row.region() + "/" + row.quota().serviceCode() + "/" + row.quota().quotaCode(), increase);
        }
        try {
            return SlackPurgeWorkflow.JSON.writeValueAsString(Map.of("service_quota_increases", increases)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
