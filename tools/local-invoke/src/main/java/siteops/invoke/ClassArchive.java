package siteops.invoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Start-up cache for the function's JVM, the local stand-in for what SnapStart does on Lambda, and its only owner.
 * On JDK 25+ an AOT cache (classes loaded and linked ahead of time) made in two steps by the first call after a
 * build: the function runs recording what the call uses (its handler path, not only its init), then bin/invoke
 * assembles the cache from that record ({@link #assembly}) if the call succeeded, else the next call records
 * again (a failed call's record lacks the normal path); on 21-24 a dynamic CDS archive that the JVM creates at
 * the first call's exit and checks by itself. Either is bound to the exact JDK and class path, so the file name
 * carries a hash of both (jar sizes and modification times included): a rebuilt jar or another JDK gets a new
 * cache instead of one the JVM would silently ignore.
 */
record ClassArchive(Path file, Path record, int javaFeature) {
    /**
     * Maps the archive at the address it was written for: the default (a random address, for ASLR) patches every
     * pointer in its tens of MB at each start, 30-100 ms of the JVM's start-up here. Falls back to that when the
     * address is taken.
     */
    private static final List<String> MAP_IN_PLACE = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

    static ClassArchive forClassPath(Path cacheDir, String logicalId, List<Path> classPath) {
        int feature = Runtime.version().feature();
        String name = logicalId + "-" + key(classPath);
        Path file = cacheDir.resolve(name + (feature >= 25 ? ".aot" : ".jsa"));
        return new ClassArchive(file, cacheDir.resolve(name + ".aotconf"), feature);
    }

    /**
     * JVM options for the next call. When that call makes the cache, says so on stderr first (it takes seconds,
     * once per build).
     */
    List<String> jvmOptions(String logicalId, long jarBytes) {
        boolean made = Files.isRegularFile(file);
        if (made) {
            deleteOlderSiblings(logicalId);
        } else {
            long estimate = 2 + jarBytes / 8_000_000; // 3-4 s for the functions' 12-20 MB jars on 2 cores
            // JDK 25's cache is made only from a call that succeeded; 21-24's CDS archive at the first call's exit.
            String when = javaFeature >= 25 ? "once per build, from the first call that succeeds" : "once per build";
            System.err.println("bin/invoke: creating start-up cache for " + logicalId + " (" + when + "), ~" + estimate + " s");
        }
        List<String> options = new ArrayList<>(MAP_IN_PLACE);
        if (javaFeature < 25) {
            options.addAll(List.of("-XX:SharedArchiveFile=" + file, "-XX:+AutoCreateSharedArchive"));
        } else {
            options.addAll(made ? List.of("-XX:AOTCache=" + file) : List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + record));
        }
        return options;
    }

    /**
     * What bin/invoke runs after a recording call (none otherwise): the cache file, the record, then the command
     * that assembles the cache from the record into the cache file + ".tmp" (bin/invoke moves it in place).
     */
    List<String> assembly(List<String> javaCommand) {
        if (javaFeature < 25 || Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of(file.toString(), record.toString()));
        command.addAll(javaCommand);
        command.addAll(3, List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + record, "-XX:AOTCache=" + file + ".tmp"));
        return command;
    }

    /**
     * The files whose change makes these options stale: until the cache exists, every call records (and says so);
     * the first call after it appears switches to it.
     */
    List<Path> inputs() {
        return javaFeature < 25 ? List.of() : List.of(file);
    }

    /** Removes this function's caches for earlier builds (tens of MB each), keeping the current one. */
    private void deleteOlderSiblings(String logicalId) {
        try (var siblings = Files.list(file.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(logicalId + "-") && !p.equals(file))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // an old cache left behind only costs disk space
        }
    }

    private static String key(List<Path> classPath) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
            sha.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
            for (Path entry : classPath) {
                sha.update(entry.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
                try {
                    sha.update(Long.toString(Files.size(entry)).getBytes(StandardCharsets.UTF_8));
                    sha.update(Long.toString(Files.getLastModifiedTime(entry).toMillis()).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw InvokeException.unreadable("class path entry", entry, e);
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
