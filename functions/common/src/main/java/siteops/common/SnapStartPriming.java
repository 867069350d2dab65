package siteops.common;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a priming action before Lambda SnapStart takes its snapshot (a CRaC beforeCheckpoint hook), so the
 * classes and code paths of a real call are loaded and initialised in the snapshot instead of on the first
 * request after restore. Outside SnapStart nothing happens. A priming failure is logged, never fatal.
 */
public final class SnapStartPriming implements Resource {
    // CRaC contexts may hold resources weakly; keep them alive for the life of the container.
    private static final List<SnapStartPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String name;
    private final Runnable priming;

    private SnapStartPriming(String name, Runnable priming) {
        this.name = name;
        this.priming = priming;
    }

    public static void register(String name, Runnable priming) {
        SnapStartPriming resource = new SnapStartPriming(name, priming);
        REGISTERED.add(resource);
        Core.getGlobalContext().register(resource);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        try {
            priming.run();
            Log.info("snapstart priming done", "priming", name, "durationMillis", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            Log.warn("snapstart priming failed; the first request will load what it needs", "priming", name,
                    "reason", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: SDK clients re-resolve credentials and open new connections themselves.
    }
}
