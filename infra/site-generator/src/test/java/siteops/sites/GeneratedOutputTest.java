package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed output under infra/generated/ is the golden file set: it must be exactly what the generator
 * produces from infra/sites/ (regenerate with bin/generate-sites), and terraform fmt must accept it.
 */
class GeneratedOutputTest {

    @Test
    void committedOutputMatchesTheSiteFiles() {
        SiteReaderTest.Run run = SiteReaderTest.Run.of(Repository.ROOT, "--check");
        assertEquals(0, run.exitCode(), () -> run.err() + "\nRegenerate with bin/generate-sites and commit infra/generated/.");
        assertTrue(run.out().contains("3 site(s) up to date"), run.out());
    }

    @Test
    void checkNamesEveryStaleFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, SiteReaderTest.Run.of(Repository.ROOT, "-o", out.toString()).exitCode());
        Files.writeString(out.resolve("corporate/main.tf"), "# edited by hand\n", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(out.resolve("campaign-2019/outputs.tf"));
        Files.writeString(out.resolve("recruit-stg/extra.tf"), "");
        Files.createDirectories(out.resolve("closed-site"));

        SiteReaderTest.Run check = SiteReaderTest.Run.of(Repository.ROOT, "--check", "-o", out.toString(), Repository.SITES.toString());

        assertEquals(1, check.exitCode());
        assertTrue(check.err().contains("corporate/main.tf (differs)"), check.err());
        assertTrue(check.err().contains("campaign-2019/outputs.tf (missing)"), check.err());
        assertTrue(check.err().contains("recruit-stg/extra.tf (not generated: remove it)"), check.err());
        assertTrue(check.err().contains("closed-site/ (no site file"), check.err());
        assertTrue(check.err().contains("4 stale file(s)"), check.err());
    }

    @Test
    void outputDoesNotDependOnTheRunOrTheOutputDirectoryName(@TempDir Path dir) throws IOException {
        assertEquals(0, SiteReaderTest.Run.of(Repository.ROOT, "-o", dir.resolve("one").toString()).exitCode());
        assertEquals(0, SiteReaderTest.Run.of(Repository.ROOT, "-o", dir.resolve("two").toString()).exitCode());
        assertEquals(tree(dir.resolve("one")), tree(dir.resolve("two")));
    }

    @Test
    void generatedRootsAndModulesAreTerraformFmtClean() throws Exception {
        Path terraform = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "terraform")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(terraform != null, "terraform is not installed: 'terraform fmt -check' NOT RUN (install Terraform >= 1.10 to run it)");
        for (Path dir : new Path[] {Repository.GENERATED, Repository.MODULES}) {
            Process fmt = new ProcessBuilder(terraform.toString(), "fmt", "-check", "-recursive", "-diff", dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(fmt.getInputStream().readAllBytes());
            assertTrue(fmt.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, fmt.exitValue(), "terraform fmt -check " + dir + ":\n" + output);
        }
    }

    @Test
    void canaryZipMatchesItsSource() throws IOException {
        Path canary = Repository.MODULES.resolve("site-monitoring/canary");
        Map<String, String> zipped = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(canary.resolve("heartbeat.zip")))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (!entry.isDirectory()) {
                    zipped.put(entry.getName(), new String(zip.readAllBytes()));
                }
            }
        }
        Map<String, String> source = new TreeMap<>();
        try (Stream<Path> files = Files.walk(canary.resolve("nodejs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                source.put(canary.relativize(file).toString(), Files.readString(file));
            }
        }
        assertEquals(source, zipped, "rebuild the zip with infra/tools/build-canary-zip");
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
