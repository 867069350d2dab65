package siteops.sites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds the site files named on the command line, reads them all and checks them against each other. */
public final class SiteFiles {

    /** The sites read, and every problem found; sites are only usable when there are no problems. */
    public record Loaded(List<Site> sites, List<Problem> problems) {}

    private SiteFiles() {}

    /** Expands directories to their {@code *.yaml} files (not recursive), sorted so output order is stable. */
    public static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    listing.filter(path -> path.getFileName().toString().endsWith(".yaml")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }

    public static Loaded load(List<Path> files, Path displayBase) {
        List<Problem> problems = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        for (Path file : files) {
            String shown = display(file, displayBase);
            String name = file.getFileName().toString();
            if (!name.endsWith(".yaml")) {
                problems.add(new Problem(shown, 1, "(file name)", "site files end in .yaml"));
                continue;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(new Problem(shown, 1, "(file)", "cannot read: " + e.getMessage()));
                continue;
            }
            SiteReader.read(shown, name.substring(0, name.length() - ".yaml".length()), text, problems).ifPresent(sites::add);
        }
        crossCheck(sites, problems);
        problems.sort(null);
        return new Loaded(List.copyOf(sites), List.copyOf(problems));
    }

    /** A site name or a hostname may belong to one site only: CloudFront refuses an alias used twice. */
    private static void crossCheck(List<Site> sites, List<Problem> problems) {
        Map<String, Site> byName = new HashMap<>();
        Map<String, Site> byHost = new HashMap<>();
        for (Site site : sites) {
            Site other = byName.putIfAbsent(site.name(), site);
            if (other != null) {
                problems.add(new Problem(site.sourceFile(), 1, "(file name)", "duplicate site name '" + site.name() + "': also " + other.sourceFile()));
            }
            for (String host : site.hostnames()) {
                Site owner = byHost.putIfAbsent(host, site);
                if (owner != null && owner != site) {
                    problems.add(new Problem(site.sourceFile(), 1, "domain", "'" + host + "' is already served by site '" + owner.name() + "' (" + owner.sourceFile() + ")"));
                }
            }
        }
    }

    static String display(Path file, Path base) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : file.toString();
    }
}
