package siteops.sites;

import java.util.List;

/**
 * An AWS quota a site uses up, with its default value (what a new account has before any increase).
 * Codes and defaults were looked up in the Service Quotas catalogue and the services' quota pages
 * (docs.aws.amazon.com .../general/latest/gr/*-service.html, CloudFront "Quotas", AWS WAF "AWS WAF quotas",
 * S3 "General purpose bucket quotas"). A quota whose code is not known here ({@code quotaCode == null}) is still
 * counted and warned about, but has to be raised in the Service Quotas console by hand.
 *
 * @param serviceCode  Service Quotas service code ({@code vpc}, {@code cloudfront}, ...)
 * @param quotaCode    Service Quotas quota code ({@code L-...}), or null when unknown
 * @param name         the quota's name in the console
 * @param defaultValue the default quota
 * @param accountWide  one quota for the whole account, managed in us-east-1 (CloudFront, S3 buckets)
 */
record ServiceQuota(String serviceCode, String quotaCode, String name, int defaultValue, boolean accountWide) {

    static final String US_EAST_1 = "us-east-1";

    static final ServiceQuota VPCS = new ServiceQuota("vpc", "L-F678F1CE", "VPCs per Region", 5, false);
    static final ServiceQuota INTERNET_GATEWAYS = new ServiceQuota("vpc", "L-A4707A72", "Internet gateways per Region", 5, false);
    static final ServiceQuota ELASTIC_IPS = new ServiceQuota("ec2", "L-0263D0A3", "EC2-VPC Elastic IPs", 5, false);
    static final ServiceQuota APPLICATION_LOAD_BALANCERS = new ServiceQuota("elasticloadbalancing", "L-53DA6B97",
            "Application Load Balancers per Region", 50, false);
    static final ServiceQuota MAINTENANCE_WINDOWS = new ServiceQuota("ssm", "L-7727CE5B", "Maintenance Windows", 50, false);
    static final ServiceQuota ACM_CERTIFICATES = new ServiceQuota("acm", "L-F141DD1D", "ACM certificates", 2500, false);
    /** CLOUDFRONT scope lives in us-east-1; "100 per account per Region" (AWS WAF quotas). */
    static final ServiceQuota WAF_WEB_ACLS = new ServiceQuota("wafv2", null, "Maximum web ACLs (WAF for CloudFront)", 100, false);
    static final ServiceQuota WAF_IP_SETS = new ServiceQuota("wafv2", null, "Maximum IP sets (WAF for CloudFront)", 100, false);
    static final ServiceQuota CLOUDFRONT_DISTRIBUTIONS = new ServiceQuota("cloudfront", "L-24B04930", "Web distributions per AWS account", 200, true);
    /** Managed cache policies do not count; a custom one per Movable Type site does. */
    static final ServiceQuota CLOUDFRONT_CACHE_POLICIES = new ServiceQuota("cloudfront", "L-7D134442", "Cache policies per AWS account", 20, true);
    static final ServiceQuota S3_BUCKETS = new ServiceQuota("s3", "L-DC2B2D3D", "General purpose buckets", 10_000, true);

    /** In table order. */
    static final List<ServiceQuota> ALL = List.of(VPCS, INTERNET_GATEWAYS, ELASTIC_IPS, APPLICATION_LOAD_BALANCERS, MAINTENANCE_WINDOWS,
            ACM_CERTIFICATES, WAF_WEB_ACLS, WAF_IP_SETS, CLOUDFRONT_DISTRIBUTIONS, CLOUDFRONT_CACHE_POLICIES, S3_BUCKETS);

    /** {@code count} of this quota used by one site in {@code region}; an account-wide quota is always counted in us-east-1. */
    Need need(String region, int count) {
        return new Need(this, accountWide ? US_EAST_1 : region, count);
    }

    /** What one site uses of a quota in one Region. */
    record Need(ServiceQuota quota, String region, int count) {}
}
