package siteops.invoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Start-up cache for the function's JVM, the local stand-in for what SnapStart does on Lambda, and its only owner.
 * On JDK 25+ an AOT cache (classes loaded and linked ahead of time) made in two steps: the first call records
 * which classes the function uses, the next one assembles the cache from that record; on 21-24 a dynamic CDS
 * archive that the JVM creates and checks by itself. Either is bound to the exact JDK and class path, so the file
 * name carries a hash of both (jar sizes and modification times included): a rebuilt jar or another JDK gets a
 * new cache instead of one the JVM would silently ignore.
 */
record ClassArchive(Path file, Path record, int javaFeature) {
    static ClassArchive forClassPath(Path cacheDir, String logicalId, List<Path> classPath) {
        int feature = Runtime.version().feature();
        String name = logicalId + "-" + key(classPath);
        Path file = cacheDir.resolve(name + (feature >= 25 ? ".aot" : ".jsa"));
        return new ClassArchive(file, cacheDir.resolve(name + ".aotconf"), feature);
    }

    /**
     * JVM options for the next call. Assembles the AOT cache first when the previous call recorded it, saying so
     * on stderr (it takes seconds, once per build).
     */
    List<String> jvmOptions(String logicalId, List<String> javaCommand, long jarBytes) {
        if (javaFeature < 25) {
            return List.of("-XX:SharedArchiveFile=" + file, "-XX:+AutoCreateSharedArchive");
        }
        if (!Files.isRegularFile(file) && Files.isRegularFile(record)) {
            assemble(logicalId, javaCommand, jarBytes);
        }
        if (Files.isRegularFile(file)) {
            return List.of("-XX:AOTCache=" + file);
        }
        return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + record);
    }

    /** The files whose change makes these options stale: the record appears after the recording call. */
    List<Path> inputs() {
        if (javaFeature < 25) {
            return List.of();
        }
        return List.of(Files.isRegularFile(file) ? file : record);
    }

    private void assemble(String logicalId, List<String> javaCommand, long jarBytes) {
        long estimate = 2 + jarBytes / 3_000_000;
        System.err.println("bin/invoke: creating start-up cache for " + logicalId + ", once per build, ~" + estimate + " s");
        Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(1, List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + record, "-XX:AOTCache=" + temporary));
        try {
            Path output = Files.createTempFile(file.getParent(), "assemble-", ".log");
            try {
                int exit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start().waitFor();
                if (exit == 0 && Files.isRegularFile(temporary)) {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    deleteOlderSiblings(logicalId);
                } else {
                    System.err.println("bin/invoke: no start-up cache (the JVM said: " + Files.readString(output).strip() + ")");
                }
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(temporary);
                Files.deleteIfExists(record);
            }
        } catch (IOException e) {
            System.err.println("bin/invoke: no start-up cache (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
