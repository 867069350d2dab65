package siteops.invoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Start-up cache for the function's JVM, the local stand-in for what SnapStart does on Lambda. On JDK 25+ an AOT
 * cache (classes loaded and linked ahead of time), on 21-24 a dynamic CDS archive. Either is bound to the exact
 * JDK and class path, so the file name carries a hash of both (jar sizes and modification times included): a
 * rebuilt jar or another JDK gets a new cache instead of one the JVM would silently ignore.
 */
record ClassArchive(Path file, boolean exists, int javaFeature) {
    static ClassArchive forClassPath(Path cacheDir, String logicalId, List<Path> classPath) {
        int feature = Runtime.version().feature();
        String extension = feature >= 25 ? ".aot" : ".jsa";
        Path file = cacheDir.resolve(logicalId + "-" + key(classPath) + extension);
        return new ClassArchive(file, Files.isRegularFile(file), feature);
    }

    /** JVM options that use the cache, or create it during this run when it does not exist yet. */
    List<String> jvmOptions(Path temporaryOutput) {
        if (javaFeature >= 25) {
            return exists ? List.of("-XX:AOTCache=" + file) : List.of("-XX:AOTCacheOutput=" + temporaryOutput);
        }
        return List.of("-XX:SharedArchiveFile=" + file, "-XX:+AutoCreateSharedArchive");
    }

    /** Removes this function's caches for earlier builds (tens of MB each), keeping the current one. */
    void deleteOlderSiblings(String logicalId) {
        try (var siblings = Files.list(file.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(logicalId + "-") && !p.equals(file)
                            && !p.getFileName().toString().endsWith(".tmp"))
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
                sha.update(Long.toString(Files.size(entry)).getBytes(StandardCharsets.UTF_8));
                sha.update(Long.toString(Files.getLastModifiedTime(entry).toMillis()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new InvokeException("cannot read " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
