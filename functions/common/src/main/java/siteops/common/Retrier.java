package siteops.common;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with exponential backoff and jitter. The caller decides per failure whether it is worth
 * another attempt and may name the wait the server asked for (Retry-After). The total time stays bounded, so a
 * Lambda fails with a clear error well before its timeout and the platform's retry / DLQ takes over.
 */
public final class Retrier {
    /** What one attempt does. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    /** Given a failure, empty = give up now; a duration = retry after at least that long (ZERO = use backoff). */
    @FunctionalInterface
    public interface RetryDecision {
        Optional<Duration> retryAfter(Exception failure);
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());
    }

    /**
     * The one way a call through the Retrier fails, unless the attempt threw an unchecked exception that is not
     * worth retrying (that one is rethrown as is): the cause is the last failure, {@link #attempts()} how many
     * were made and {@link #exhausted()} whether the retries ran out (the failure was retryable) or the failure
     * was final.
     */
    public static final class GaveUpException extends RuntimeException {
        private final int attempts;
        private final boolean exhausted;

        GaveUpException(int attempts, Exception last, boolean exhausted) {
            super(exhausted ? Messages.gaveUp(attempts, last.getMessage()) : last.getMessage(), last);
            this.attempts = attempts;
            this.exhausted = exhausted;
        }

        public int attempts() {
            return attempts;
        }

        public boolean exhausted() {
            return exhausted;
        }

        /** The last attempt's failure. */
        public Exception failure() {
            return (Exception) getCause();
        }
    }

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxTotalWait;
    private final Sleeper sleeper;

    public Retrier(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotalWait, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(Messages.tooFewAttempts());
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.maxTotalWait = maxTotalWait;
        this.sleeper = sleeper;
    }

    /**
     * Runs the attempt until it succeeds, a failure is not retryable, or the attempts or the total wait run out.
     * An unchecked failure that is not retryable is rethrown as is; every other end is a {@link GaveUpException}.
     */
    public <T> T call(Attempt<T> attempt, RetryDecision decision) {
        Duration waited = Duration.ZERO;
        for (int number = 1; ; number++) {
            try {
                return attempt.run();
            } catch (Exception failure) {
                Optional<Duration> hint = decision.retryAfter(failure);
                if (hint.isEmpty()) {
                    if (failure instanceof RuntimeException unchecked) {
                        throw unchecked;
                    }
                    throw new GaveUpException(number, failure, false);
                }
                Duration wait = max(hint.get(), backoff(number));
                if (number >= maxAttempts || waited.plus(wait).compareTo(maxTotalWait) > 0) {
                    throw new GaveUpException(number, failure, true);
                }
                Log.warn("retrying after a transient failure", "attempt", number, "waitMillis", wait.toMillis(),
                        "reason", String.valueOf(failure.getMessage()));
                pause(wait, number, failure);
                waited = waited.plus(wait);
            }
        }
    }

    private void pause(Duration wait, int attempts, Exception failure) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GaveUpException(attempts, failure, false);
        }
    }

    /** Exponential backoff with jitter: uniformly between half and all of min(maxDelay, base * 2^(attempt-1)). */
    Duration backoff(int attempt) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
