package siteops.purge;

import java.time.Duration;
import java.util.Optional;
import siteops.common.Retrier;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationRequest;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/** Creates the CloudFront invalidation for a plan, retrying what CloudFront says is temporary. */
public final class CloudFrontPurger {
    private final CloudFrontClient cloudFront;
    private final Retrier retrier;

    public CloudFrontPurger(CloudFrontClient cloudFront, Retrier retrier) {
        this.cloudFront = cloudFront;
        this.retrier = retrier;
    }

    public Invalidation purge(SiteRegistration site, InvalidationPlan plan) {
        CreateInvalidationRequest request = CreateInvalidationRequest.builder()
                .distributionId(site.distributionId())
                .invalidationBatch(batch -> batch
                        .callerReference(plan.callerReference())
                        .paths(paths -> paths.quantity(plan.paths().size()).items(plan.paths())))
                .build();
        try {
            return retrier.call(() -> cloudFront.createInvalidation(request).invalidation(), CloudFrontPurger::retryAfter);
        } catch (CloudFrontException e) {
            throw translate(site, e);
        } catch (Retrier.GaveUpException e) {
            if (e.exhausted()) {
                throw new PurgeFailedException(exhaustedMessage(site, errorCode(e.failure()), e.attempts()), e.failure());
            }
            throw new IllegalStateException("CloudFront call failed: " + e.getMessage(), e.failure());
        }
    }

    private static Optional<Duration> retryAfter(Exception failure) {
        String code = errorCode(failure);
        return switch (code) {
            case "TooManyInvalidationsInProgress", "Throttling", "ThrottlingException", "ServiceUnavailable",
                 "InternalError" -> Optional.of(Duration.ZERO);
            default -> failure instanceof CloudFrontException cf && cf.statusCode() >= 500
                    ? Optional.of(Duration.ZERO) : Optional.empty();
        };
    }

    private static String errorCode(Throwable failure) {
        if (failure instanceof CloudFrontException cf && cf.awsErrorDetails() != null && cf.awsErrorDetails().errorCode() != null) {
            return cf.awsErrorDetails().errorCode();
        }
        return "";
    }

    private static String exhaustedMessage(SiteRegistration site, String code, int attempts) {
        if (code.equals("TooManyInvalidationsInProgress")) {
            return "CloudFront already has as many invalidations in progress for " + site.displayName()
                    + " as it allows (3,000 paths or 15 wildcard paths); nothing was purged. Wait a few minutes and "
                    + "try again, or purge one wildcard path such as /news/* or /* instead of many single paths.";
        }
        if (code.startsWith("Throttling")) {
            return "CloudFront is throttling requests (rate exceeded) after " + attempts + " attempts; nothing was purged. Try again in a minute.";
        }
        return "CloudFront did not answer successfully after " + attempts + " attempts (" + (code.isEmpty() ? "server error" : code)
                + "); nothing was purged. Try again in a few minutes.";
    }

    private static RuntimeException translate(SiteRegistration site, CloudFrontException e) {
        String code = errorCode(e);
        String cloudFrontSays = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return switch (code) {
            case "NoSuchDistribution" -> new PurgeRequestException("site '" + site.site() + "' points at CloudFront distribution "
                    + site.distributionId() + ", which does not exist: its registry entry " + site.parameterName()
                    + " is stale; re-apply the site's Terraform");
            case "AccessDenied" -> new PurgeFailedException("the purge function is not allowed to invalidate distribution "
                    + site.distributionId() + " of site '" + site.site() + "' (AccessDenied): ask the site team to check its IAM policy", e);
            case "InvalidArgument" -> new PurgeRequestException("CloudFront refused the paths as invalid (" + cloudFrontSays
                    + "): check them for unusual characters, or purge a wildcard path such as /news/*");
            case "BatchTooLarge" -> new PurgeRequestException("CloudFront says the request has too many paths: purge a wildcard such as /news/* or /* instead");
            default -> new PurgeFailedException("CloudFront refused the invalidation (" + (code.isEmpty() ? e.statusCode() : code)
                    + ": " + cloudFrontSays + "); nothing was purged", e);
        };
    }
}
