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
    public String whyOthersUnused() {
        return "static files in S3 have no server to size, back up, administer or watch";
    }

    @Override
    public List<Output> outputs() {
        return List.of(new Output("content_bucket", "Upload the archived HTML here (aws s3 sync), then purge '/*'."));
    }
}
