package siteops.sites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** A committed infra/generated/<site>/cloud-init.yaml, read as YAML (as cloud-init reads it), not grepped. */
record GeneratedCloudConfig(Path file, Map<String, Object> document) {
    private static final String FILE_NAME = "cloud-init.yaml";

    /** One entry of write_files. */
    record WrittenFile(String path, String content) {
        boolean isScript() {
            return content.startsWith("#!/bin/bash") || content.startsWith("#!/bin/sh");
        }
    }

    static List<GeneratedCloudConfig> all() {
        try (Stream<Path> sites = Files.list(Repository.GENERATED)) {
            return sites.map(site -> site.resolve(FILE_NAME)).filter(Files::exists).sorted()
                    .map(GeneratedCloudConfig::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GeneratedCloudConfig of(String site) {
        return read(Repository.GENERATED.resolve(site).resolve(FILE_NAME));
    }

    @SuppressWarnings("unchecked")
    static GeneratedCloudConfig read(Path file) {
        try {
            Object document = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
            return new GeneratedCloudConfig(file, (Map<String, Object>) document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String site() {
        return file.getParent().getFileName().toString();
    }

    @SuppressWarnings("unchecked")
    List<WrittenFile> writtenFiles() {
        return ((List<Map<String, Object>>) document.get("write_files")).stream()
                .map(entry -> new WrittenFile((String) entry.get("path"), (String) entry.get("content"))).toList();
    }

    WrittenFile writtenFile(String path) {
        return writtenFiles().stream().filter(file -> file.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " writes no " + path));
    }

    /** The runcmd entries that run a shell command line ({@code [sh, -c, "..."]}). */
    @SuppressWarnings("unchecked")
    List<String> shellCommands() {
        return ((List<Object>) document.get("runcmd")).stream()
                .filter(List.class::isInstance).map(entry -> (List<Object>) entry)
                .filter(argv -> argv.size() == 3 && "sh".equals(argv.get(0)) && "-c".equals(argv.get(1)))
                .map(argv -> (String) argv.get(2)).toList();
    }
}
