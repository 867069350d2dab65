package siteops.sites;

import java.util.List;

/** Static HTML in S3 behind CloudFront: {@code infra/modules/archive-site}. */
final class ArchiveTemplate implements SiteTemplate {

    @Override
    public String id() {
        return "archive";
    }

    @Override
    public String description() {
        return "Static HTML in S3 behind CloudFront.";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of();
    }

    @Override
    public String othersUnused() {
        return SiteTemplate.super.othersUnused() + " (static files in S3 have no server to size, back up, administer or watch)";
    }

    @Override
    public List<Output> outputs() {
        return List.of(new Output("content_bucket", "Upload the archived HTML here (aws s3 sync), then purge '/*'."));
    }

    @Override
    public SiteReadme.TemplatePart readme(Site site) {
        return new SiteReadme.TemplatePart(
                diagram -> diagram
                        .node("content", "S3 content bucket\nprivate, versioned, origin access control")
                        .edge(SiteReadme.WAF, "cache misses", "content"),
                List.of("None scheduled: there is no server. The content bucket is versioned, so an overwritten or deleted page can be"
                        + " restored from its previous version."),
                List.of(),
                List.of("Content: upload the archived HTML with `aws s3 sync ./html s3://$(terraform output -raw content_bucket)/`,"
                        + " then purge `/*` from Slack."));
    }

    @Override
    public List<ServiceQuota.Need> quotaNeeds(Site site) {
        // The content bucket; no VPC, Elastic IP, ALB, maintenance window or regional certificate.
        return List.of(ServiceQuota.S3_BUCKETS.need(site.region(), 1));
    }
}
