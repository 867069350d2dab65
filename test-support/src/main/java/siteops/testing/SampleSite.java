package siteops.testing;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A site as the site Terraform leaves it in AWS (on moto): a CloudFront distribution and its registry parameter,
 * optionally naming the SNS topic of its Slack channel. Used by the purge and purge-status tests.
 */
public final class SampleSite {
    public static final String NAME = "example-news";
    public static final String PREFIX = "/siteops/sites/";

    private SampleSite() {}

    public static CloudFrontClient cloudFront(MotoServer moto) {
        return moto.configure(CloudFrontClient.builder()).region(Region.AWS_GLOBAL).build();
    }

    public static SsmClient ssm(MotoServer moto) {
        return moto.configure(SsmClient.builder()).build();
    }

    /** Creates the distribution and registers the site without a notification topic; returns the distribution id. */
    public static String register(MotoServer moto) {
        return register(moto, null);
    }

    /** Creates the distribution and registers the site, with {@code notificationTopicArn} unless null; returns the distribution id. */
    @SuppressWarnings("deprecation") // a legacy cache behaviour (minTTL, forwardedValues): the sample has no cache policy
    public static String register(MotoServer moto, String notificationTopicArn) {
        try (CloudFrontClient cloudFront = cloudFront(moto); SsmClient ssm = ssm(moto)) {
            String id = cloudFront.createDistribution(r -> r.distributionConfig(DistributionConfig.builder()
                    .callerReference("sample-site")
                    .comment(NAME)
                    .enabled(true)
                    .aliases(a -> a.quantity(2).items("www.example.jp", "example.jp"))
                    .origins(o -> o.quantity(1).items(Origin.builder().id("alb").domainName("origin.example.jp")
                            .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy("https-only")).build()))
                    .defaultCacheBehavior(b -> b.targetOriginId("alb").viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                            .minTTL(0L).forwardedValues(f -> f.queryString(false).cookies(c -> c.forward("none")))
                            .trustedSigners(t -> t.enabled(false).quantity(0)))
                    .build())).distribution().id();
            String topic = notificationTopicArn == null ? "" : ", \"notificationTopicArn\": \"" + notificationTopicArn + "\"";
            ssm.putParameter(r -> r.name(PREFIX + NAME).type(ParameterType.STRING).overwrite(true)
                    .value("{\"distributionId\": \"" + id + "\", \"aliases\": [\"www.example.jp\", \"example.jp\"]" + topic + "}"));
            return id;
        }
    }
}
