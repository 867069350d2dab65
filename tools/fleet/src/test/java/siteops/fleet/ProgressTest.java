package siteops.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** A clock the test moves. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aLineOnlyWhenTheCountsChangeOrAfterAHeartbeat() {
        var clock = new ManualClock();
        var bytes = new ByteArrayOutputStream();
        var progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock);
        progress.update(0, 0, 0);
        for (int poll = 0; poll < 5; poll++) {
            clock.now = clock.now.plusSeconds(3);
            progress.update(0, 60, 0);
        }
        clock.now = clock.now.plusSeconds(3);
        progress.update(12, 60, 1);
        clock.now = clock.now.plusSeconds(3);
        progress.update(12, 60, 1);
        clock.now = clock.now.plus(Progress.HEARTBEAT);
        progress.update(12, 60, 1);
        assertEquals("""
                fleet: 0/? done, 0 failed, 0:00 elapsed
                fleet: 0/60 done, 0 failed, 0:03 elapsed
                fleet: 12/60 done, 1 failed, 0:18 elapsed
                fleet: 12/60 done, 1 failed, 0:51 elapsed
                """, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void elapsedReadsLikeAClock() {
        assertEquals("1:01:05", Progress.elapsed(Duration.ofSeconds(3665)));
        assertEquals("2:05", Progress.elapsed(Duration.ofSeconds(125)));
    }
}
