package siteops.sites;

import java.nio.file.Path;

/** Paths of the repository the tests run in (surefire sets siteops.root; the fallback is for IDE runs). */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("siteops.root", "../..")).toAbsolutePath().normalize();
    static final Path SITES = ROOT.resolve("infra/sites");
    static final Path GENERATED = ROOT.resolve("infra/generated");
    static final Path MODULES = ROOT.resolve("infra/modules");

    /** Where infra/tools/fetch-* put what the tests read: $SITEOPS_CACHE, default ~/.cache/siteops. */
    static Path cache() {
        String cache = System.getenv("SITEOPS_CACHE");
        return cache == null || cache.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache", "siteops") : Path.of(cache);
    }

    private Repository() {}
}
