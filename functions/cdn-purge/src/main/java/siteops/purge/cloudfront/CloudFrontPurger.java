package siteops.purge.cloudfront;

import java.time.Duration;
import java.util.Optional;
import siteops.common.Retrier;
import siteops.common.registry.SiteRegistration;
import siteops.purge.Messages;
import siteops.purge.PurgeFailedException;
import siteops.purge.PurgeRequestException;
import siteops.purge.rules.InvalidationPlan;
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
                throw new PurgeFailedException(Messages.gaveUp(site, errorCode(e.failure()), e.attempts()), e.failure());
            }
            throw new IllegalStateException(Messages.callFailed(e.getMessage()), e.failure());
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

    private static RuntimeException translate(SiteRegistration site, CloudFrontException e) {
        String code = errorCode(e);
        String cloudFrontSays = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return switch (code) {
            case "NoSuchDistribution" -> new PurgeRequestException(Messages.staleDistribution(site));
            case "AccessDenied" -> new PurgeFailedException(Messages.accessDenied(site), e);
            case "InvalidArgument" -> new PurgeRequestException(Messages.invalidPaths(cloudFrontSays));
            case "BatchTooLarge" -> new PurgeRequestException(Messages.batchTooLarge());
            default -> new PurgeFailedException(Messages.refused(code.isEmpty() ? String.valueOf(e.statusCode()) : code, cloudFrontSays), e);
        };
    }
}
