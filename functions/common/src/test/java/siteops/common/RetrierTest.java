package siteops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
    final List<Duration> waits = new ArrayList<>();
    final Retrier retrier = new Retrier(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), waits::add);

    @Test
    void retriesTransientFailuresUntilOneSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = retrier.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("connection reset");
            }
            return "done";
        }, e -> Optional.of(Duration.ZERO));
        assertEquals("done", result);
        assertEquals(3, calls.get());
        assertEquals(2, waits.size());
        assertTrue(waits.get(0).toMillis() >= 50 && waits.get(0).toMillis() <= 100, "first wait is half to all of the base: " + waits);
        assertTrue(waits.get(1).toMillis() >= 100 && waits.get(1).toMillis() <= 200, "then doubles: " + waits);
    }

    @Test
    void aFailureThatIsNotRetryableIsRethrownAtOnce() {
        IllegalStateException failure = new IllegalStateException("400 bad request");
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> retrier.call(() -> {
            calls.incrementAndGet();
            throw failure;
        }, e -> Optional.empty()));
        assertSame(failure, thrown);
        assertEquals(1, calls.get());
        assertTrue(waits.isEmpty());
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailureAsCause() {
        AtomicInteger calls = new AtomicInteger();
        Retrier.GaveUpException error = assertThrows(Retrier.GaveUpException.class, () -> retrier.call(() -> {
            throw new IOException("attempt " + calls.incrementAndGet());
        }, e -> Optional.of(Duration.ZERO)));
        assertEquals(4, calls.get());
        assertEquals(4, error.attempts());
        assertEquals("attempt 4", error.getCause().getMessage());
        assertTrue(error.exhausted());
    }

    @Test
    void aCheckedFailureThatIsNotRetryableEndsAsGaveUpAtOnce() {
        IOException failure = new IOException("final");
        Retrier.GaveUpException error = assertThrows(Retrier.GaveUpException.class, () -> retrier.call(() -> {
            throw failure;
        }, e -> Optional.empty()));
        assertSame(failure, error.failure());
        assertEquals(1, error.attempts());
        assertTrue(!error.exhausted());
        assertTrue(waits.isEmpty());
    }

    @Test
    void honoursTheServersWaitButNeverBeyondTheTotalBudget() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(Retrier.GaveUpException.class, () -> retrier.call(() -> {
            calls.incrementAndGet();
            throw new IOException("429");
        }, e -> Optional.of(Duration.ofSeconds(2))));
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), waits, "a third 2 s wait would pass the 5 s budget");
        assertEquals(3, calls.get());
    }
}
