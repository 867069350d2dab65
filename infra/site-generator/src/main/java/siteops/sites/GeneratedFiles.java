package siteops.sites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files generated for a set of sites, relative to the output directory, and how to write or check them. */
public final class GeneratedFiles {

    static final String MAIN = "main.tf";
    static final String OUTPUTS = "outputs.tf";
    static final String SLACK_PURGE = "slack-purge.json";

    /** Files in a site directory that are not generated and must be left alone (lock files come from the workflows). */
    private static final Set<String> NOT_OURS = Set.of(".terraform.lock.hcl", ".terraform");

    private final SortedMap<String, String> files = new TreeMap<>();

    private GeneratedFiles() {}

    /**
     * {@code modulesDir}: {@code infra/modules}, referred to from each root by a relative path. {@code wholeFleet}:
     * the sites are all the fleet's, so the fleet dashboard ({@link FleetDashboard}) is generated too.
     */
    public static GeneratedFiles of(List<Site> sites, Path outDir, Path modulesDir, boolean wholeFleet) {
        GeneratedFiles generated = new GeneratedFiles();
        if (wholeFleet) {
            generated.files.put(FleetDashboard.DIRECTORY + "/" + MAIN, FleetDashboard.mainTf());
            generated.files.put(FleetDashboard.DIRECTORY + "/" + FleetDashboard.BODY, FleetDashboard.body(sites));
        }
        for (Site site : sites) {
            Path siteDir = outDir.toAbsolutePath().normalize().resolve(site.name());
            String modulesPath = siteDir.relativize(modulesDir.toAbsolutePath().normalize()).toString().replace('\\', '/');
            generated.files.put(site.name() + "/" + MAIN, RootModule.mainTf(site, modulesPath));
            generated.files.put(site.name() + "/" + OUTPUTS, RootModule.outputsTf(site));
            generated.files.put(site.name() + "/" + SLACK_PURGE, SlackPurgeWorkflow.render(site));
            generated.files.put(site.name() + "/" + SiteReadme.FILE, SiteReadme.render(site));
            site.template().files(site).forEach((name, text) -> generated.files.put(site.name() + "/" + name, text));
        }
        return generated;
    }

    public Map<String, String> contents() {
        return files;
    }

    /** Writes every file whose content differs; returns the paths written. */
    public List<String> write(Path outDir) {
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = outDir.resolve(file.getKey());
            if (!file.getValue().equals(read(target))) {
                try {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written.add(file.getKey());
            }
        }
        return written;
    }

    /**
     * What is out of date in {@code outDir}: files that differ or are missing, and files inside the generated
     * site directories that the generator would not write (left over from an older version or hand-made).
     */
    public List<String> stale(Path outDir) {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String onDisk = read(outDir.resolve(file.getKey()));
            if (onDisk == null) {
                stale.add(file.getKey() + " (missing)");
            } else if (!onDisk.equals(file.getValue())) {
                stale.add(file.getKey() + " (differs)");
            }
        }
        for (String siteDir : siteDirectories()) {
            try (Stream<Path> listing = Files.list(outDir.resolve(siteDir))) {
                listing.map(path -> siteDir + "/" + path.getFileName())
                        .filter(path -> !files.containsKey(path) && !NOT_OURS.contains(path.substring(siteDir.length() + 1)))
                        .sorted()
                        .forEach(path -> stale.add(path + " (not generated: remove it)"));
            } catch (IOException missingDirectory) {
                // already reported as missing files
            }
        }
        return stale;
    }

    /** Site directories in {@code outDir} that no site file produces (a site file was removed or renamed). */
    public List<String> orphans(Path outDir) {
        if (!Files.isDirectory(outDir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(outDir)) {
            return listing.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !siteDirectories().contains(name))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> siteDirectories() {
        Set<String> dirs = new java.util.TreeSet<>();
        files.keySet().forEach(path -> dirs.add(path.substring(0, path.indexOf('/'))));
        return dirs;
    }

    private static String read(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
