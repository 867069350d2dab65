package siteops.sites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import siteops.testing.CommandRun;

/**
 * Debian's MariaDB server in a temporary data directory, reachable only through a unix socket there (no TCP
 * port), started by a test and stopped after it. Clients find it through {@link #home()}/.my.cnf, the MySQL
 * client's usual option file, exactly as the server scripts find the real database.
 */
final class MariaDbServer implements AutoCloseable {
    private final Path dir;
    private final Process process;

    private MariaDbServer(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    static MariaDbServer start(Path dir) {
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            Path home = Files.createDirectories(dir.resolve("home"));
            String user = System.getProperty("user.name");
            CommandRun.Result install = CommandRun.exec(List.of(RealToolChecksTest.tool("mariadb-install-db"), "--no-defaults",
                    "--datadir=" + data, "--user=" + user, "--auth-root-authentication-method=normal", "--skip-test-db"),
                    dir, Map.of(), null);
            if (install.exitCode() != 0) {
                throw new IllegalStateException("mariadb-install-db failed: " + install);
            }
            Path socket = dir.resolve("mysqld.sock");
            Process process = new ProcessBuilder(RealToolChecksTest.tool("mariadbd"), "--no-defaults", "--datadir=" + data,
                    "--socket=" + socket, "--skip-networking", "--user=" + user, "--pid-file=" + dir.resolve("mariadbd.pid"),
                    "--log-error=" + dir.resolve("error.log"), "--innodb-buffer-pool-size=64M", "--character-set-server=utf8mb4")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
            Files.writeString(home.resolve(".my.cnf"), "[client]\nsocket=" + socket + "\nuser=root\n");
            MariaDbServer server = new MariaDbServer(dir, process);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A HOME whose .my.cnf points the mysql, mysqldump and mariadb clients at this server. */
    Path home() {
        return dir.resolve("home");
    }

    /** Runs SQL through the mysql client; returns its tab-separated output without column names. */
    String sql(String statements) {
        CommandRun.Result result = CommandRun.exec(List.of("mysql", "-N", "-B", "--default-character-set=utf8mb4", "-e", statements),
                dir, Map.of("HOME", home().toString()), null);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("SQL failed: " + statements + "\n" + result);
        }
        return result.stdout();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited at start: " + log());
            }
            CommandRun.Result ping = CommandRun.exec(List.of("mysql", "-e", "SELECT 1"), dir, Map.of("HOME", home().toString()), null);
            if (ping.exitCode() == 0) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        close();
        throw new IllegalStateException("mariadbd did not answer within 60 s: " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
