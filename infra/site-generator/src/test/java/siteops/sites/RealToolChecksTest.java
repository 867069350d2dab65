package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siteops.testing.CommandRun;

/**
 * The shell scripts and the generated server configuration, checked by the tools their users run: shellcheck,
 * cloud-init's own schema check, nginx -t. bin/test installs them from Debian (bin/lib/tools.sh).
 */
class RealToolChecksTest {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", ".git");

    @Test
    void everyShellScriptOfTheRepositoryPassesShellcheck() throws IOException {
        List<String> scripts = new ArrayList<>();
        for (String dir : List.of("bin", "bench", "infra", ".ci")) {
            scripts.addAll(shellScriptsUnder(Repository.ROOT.resolve(dir)));
        }
        assertTrue(scripts.size() >= 10, "found only " + scripts);
        assertTrue(scripts.contains("bin/lib/tools.sh") && scripts.contains(".ci/run"), scripts.toString());

        List<String> argv = new ArrayList<>(List.of(tool("shellcheck"), "-S", "warning", "-x"));
        argv.addAll(scripts);
        CommandRun.Result result = CommandRun.exec(argv, Repository.ROOT, Map.of(), null);
        assertEquals(0, result.exitCode(), () -> "shellcheck -S warning " + scripts + "\n" + result.stdout() + result.stderr());
    }

    @Test
    void everyScriptTheGeneratedCloudInitWritesPassesShellcheck(@TempDir Path dir) throws IOException {
        List<String> checked = new ArrayList<>();
        for (GeneratedCloudConfig config : GeneratedCloudConfig.all()) {
            for (GeneratedCloudConfig.WrittenFile file : config.writtenFiles()) {
                if (file.isScript()) {
                    checked.add(write(dir, config.site() + file.path(), file.content()).toString());
                }
            }
            int line = 0;
            for (String command : config.shellCommands()) {
                checked.add(write(dir, config.site() + "/runcmd-" + ++line + ".sh", "#!/bin/sh\n" + command + "\n").toString());
            }
        }
        assertTrue(checked.stream().anyMatch(path -> path.endsWith("/usr/local/sbin/siteops-restore")), checked.toString());

        List<String> argv = new ArrayList<>(List.of(tool("shellcheck"), "-S", "warning"));
        argv.addAll(checked);
        CommandRun.Result result = CommandRun.exec(argv, dir, Map.of(), null);
        assertEquals(0, result.exitCode(), () -> result.stdout().replace(dir + "/", "") + result.stderr());
    }

    @Test
    void everyGeneratedCloudConfigPassesCloudInitSchema() {
        List<GeneratedCloudConfig> configs = GeneratedCloudConfig.all();
        assertFalse(configs.isEmpty());
        for (GeneratedCloudConfig config : configs) {
            CommandRun.Result result = CommandRun.exec(
                    List.of(tool("cloud-init"), "schema", "--config-file", config.file().toString()), Repository.ROOT, Map.of(), null);
            assertEquals(0, result.exitCode(), () -> "cloud-init schema " + config.file() + "\n" + result);
            assertTrue(result.stdout().contains("Valid cloud-config"), result::toString);
        }
    }

    @Test
    void cloudInitSchemaCatchesAMistake(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("cloud-init.yaml");
        Files.writeString(broken, Files.readString(GeneratedCloudConfig.of("recruit-stg").file())
                .replace("    permissions: \"0750\"", "    permissions: 0750\n    owner: [root]"));
        CommandRun.Result result = CommandRun.exec(
                List.of(tool("cloud-init"), "schema", "--config-file", broken.toString()), dir, Map.of(), null);
        assertEquals(1, result.exitCode(), result::toString);
    }

    @Test
    void generatedNginxConfigurationPassesNginxTest(@TempDir Path dir) throws IOException {
        for (GeneratedCloudConfig config : GeneratedCloudConfig.all()) {
            Path prefix = Files.createDirectories(dir.resolve(config.site()));
            // The site's server block, as cloud-init writes it, inside a main configuration like Amazon Linux's
            // (conf.d included in http); only the log paths move under the temporary prefix.
            String site = config.writtenFile("/etc/nginx/conf.d/movabletype.conf").content()
                    .replace("/var/log/nginx/", prefix + "/");
            write(prefix, "conf.d/movabletype.conf", site);
            Path main = write(prefix, "nginx.conf", """
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log;
                    events { worker_connections 64; }
                    http {
                      include /etc/nginx/mime.types;
                      client_body_temp_path %1$s/client_body;
                      proxy_temp_path %1$s/proxy;
                      fastcgi_temp_path %1$s/fastcgi;
                      uwsgi_temp_path %1$s/uwsgi;
                      scgi_temp_path %1$s/scgi;
                      include %1$s/conf.d/*.conf;
                    }
                    """.formatted(prefix));
            CommandRun.Result result = CommandRun.exec(
                    List.of(tool("nginx"), "-t", "-p", prefix.toString(), "-e", prefix + "/error.log", "-c", main.toString()),
                    prefix, Map.of(), null);
            assertEquals(0, result.exitCode(), () -> "nginx -t for " + config.site() + ":\n" + site + "\n" + result);
            assertTrue(result.stderr().contains("test is successful"), result::toString);
        }
    }

    /** Files named *.sh, or starting with a bash/sh shebang, under {@code dir}; paths relative to the root. */
    private static List<String> shellScriptsUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(RealToolChecksTest::outsideSkippedDirectories)
                    .filter(RealToolChecksTest::isShellScript)
                    .map(file -> Repository.ROOT.relativize(file).toString()).sorted().toList();
        }
    }

    private static boolean outsideSkippedDirectories(Path file) {
        for (Path part : Repository.ROOT.relativize(file)) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isShellScript(Path file) {
        if (file.toString().endsWith(".sh")) {
            return true;
        }
        try (var in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(32), java.nio.charset.StandardCharsets.ISO_8859_1);
            return head.startsWith("#!/bin/bash") || head.startsWith("#!/bin/sh")
                    || head.startsWith("#!/usr/bin/env bash") || head.startsWith("#!/usr/bin/env sh");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path write(Path dir, String relative, String content) throws IOException {
        Path file = dir.resolve(relative.startsWith("/") ? relative.substring(1) : relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    /** The program on PATH or in /usr/sbin (nginx), or a failure saying how to install it. */
    static String tool(String name) {
        for (String dir : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(name + " is not installed: bin/test installs it from Debian"
                + " (siteops_install_debian_tools in bin/lib/tools.sh), or apt-get install it yourself");
    }
}
