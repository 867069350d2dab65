package siteops.purgestatus.cloudfront;

import siteops.common.registry.SiteRegistration;
import siteops.purgestatus.Messages;
import siteops.purgestatus.PurgeStatusException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchInvalidationException;

/** Reads one invalidation of a site's distribution; an id or distribution CloudFront does not know is named. */
public final class InvalidationReader {
    private final CloudFrontClient cloudFront;

    public InvalidationReader(CloudFrontClient cloudFront) {
        this.cloudFront = cloudFront;
    }

    public Invalidation read(SiteRegistration site, String invalidationId) {
        try {
            return cloudFront.getInvalidation(r -> r.distributionId(site.distributionId()).id(invalidationId)).invalidation();
        } catch (NoSuchInvalidationException e) {
            throw new PurgeStatusException(Messages.unknownInvalidation(site, invalidationId));
        } catch (NoSuchDistributionException e) {
            throw new PurgeStatusException(Messages.staleDistribution(site));
        }
    }
}
