package siteops.fleet;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress on stderr ({@code fleet: 12/60 done, 1 failed, 0:34 elapsed}) that never floods a pipe: a line only
 * when the counts change, or once per heartbeat while nothing moves.
 */
public final class Progress {
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final PrintStream err;
    private final Clock clock;
    private final Instant start;
    private String lastCounts = "";
    private Instant lastLine;

    public Progress(PrintStream err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.instant();
        this.lastLine = start;
    }

    /** {@code total} 0 = SSM has not resolved the targets yet. */
    public void update(int done, int total, int failed) {
        String counts = (total == 0 ? done + "/?" : done + "/" + total) + " done, " + failed + " failed";
        Instant now = clock.instant();
        if (counts.equals(lastCounts) && Duration.between(lastLine, now).compareTo(HEARTBEAT) < 0) {
            return;
        }
        lastCounts = counts;
        lastLine = now;
        err.println("fleet: " + counts + ", " + elapsed(Duration.between(start, now)) + " elapsed");
    }

    public Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    static String elapsed(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
