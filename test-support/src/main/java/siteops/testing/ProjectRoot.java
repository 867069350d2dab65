package siteops.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (where template.yaml lives), found from Maven's property or by walking up. */
public final class ProjectRoot {
    private ProjectRoot() {}

    public static Path path() {
        String fromMaven = System.getProperty("siteops.root");
        if (fromMaven != null && Files.exists(Path.of(fromMaven, "template.yaml"))) {
            return Path.of(fromMaven).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the siteops root (a directory with template.yaml and pom.xml)");
    }

    public static Path resolve(String relative) {
        return path().resolve(relative);
    }
}
