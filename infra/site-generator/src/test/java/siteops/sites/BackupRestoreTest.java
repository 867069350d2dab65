package siteops.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import siteops.testing.CommandRun;
import siteops.testing.MotoServer;

/**
 * siteops-backup and siteops-restore exactly as the generated cloud-init writes them, run for real: a MariaDB
 * server started here (temporary data directory, unix socket), moto_server as S3 and CloudWatch (through the
 * AWS CLI's own AWS_ENDPOINT_URL), a sample Movable Type database with Japanese text in utf8mb4, a sample web root.
 */
@ExtendWith(MotoServer.class)
class BackupRestoreTest {
    private static final String SITE = "recruit-stg";
    private static final String BUCKET = "siteops-recruit-stg-ops";
    private static final int ENTRIES = 2000;

    @TempDir
    static Path dir;
    private static MariaDbServer database;
    private static Path backupScript;
    private static Path restoreScript;

    private final MotoServer moto;
    private final Path www = dir.resolve("www");

    BackupRestoreTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeAll
    static void startDatabaseAndInstallScripts() throws IOException {
        database = MariaDbServer.start(Files.createDirectories(dir.resolve("mariadb")));
        GeneratedCloudConfig config = GeneratedCloudConfig.of(SITE);
        backupScript = installScript(config, "/usr/local/sbin/siteops-backup");
        restoreScript = installScript(config, "/usr/local/sbin/siteops-restore");
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void freshBucketDatabaseAndWebRoot() throws IOException {
        moto.reset();
        createBucket();
        database.sql("DROP DATABASE IF EXISTS mt; DROP DATABASE IF EXISTS mt_previous; DROP DATABASE IF EXISTS mt_restore;");
        loadSampleMovableTypeDatabase();
        deleteTree(www);
        writeSampleWebRoot(www);
    }

    @Test
    void backupWipeRestoreGivesBackEveryTableAndFileChecksumForChecksum() throws IOException {
        Map<String, String> tables = tableChecksums();
        Map<String, String> files = fileChecksums(www);
        assertTrue(tables.get("mt_entry").contains("CHARSET=utf8mb4"), tables.get("mt_entry"));

        assertSucceeded(run(backupScript, "db", BUCKET));
        assertSucceeded(run(backupScript, "files", BUCKET));

        database.sql("DROP DATABASE mt");
        for (String saved : List.of("html", "mt/plugins", "mt/themes", "mt/mt-config.cgi")) {
            deleteTree(www.resolve(saved));
        }
        long start = System.nanoTime();
        CommandRun.Result db = run(restoreScript, "db", BUCKET, "latest");
        long dbMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        CommandRun.Result restoredFiles = run(restoreScript, "files", BUCKET);
        long filesMillis = (System.nanoTime() - start) / 1_000_000;

        assertSucceeded(db);
        assertSucceeded(restoredFiles);
        assertEquals(tables, tableChecksums());
        assertEquals(files, fileChecksums(www));
        assertEquals("新着情報 🎉 ようこそ", database.sql("SELECT entry_title FROM mt.mt_entry WHERE entry_id = 1").strip());
        assertEquals("", database.sql("SHOW DATABASES LIKE 'mt\\_restore'"), "the scratch database is dropped after the swap");
        String metrics = aws("cloudwatch", "list-metrics", "--namespace", "Siteops/Backup");
        for (String task : List.of("db", "files", "restore-db", "restore-files")) {
            assertTrue(metrics.contains("\"" + task + "\""), "no BackupSucceeded for Task=" + task + ": " + metrics);
        }
        assertTrue(metrics.contains("\"" + SITE + "\""), metrics);
        // Figures for the README's runbook (printed, not asserted: no timed tests).
        System.out.printf("restore of %d entries: db %d ms, files %d ms%n", ENTRIES, dbMillis, filesMillis);
    }

    @Test
    void restoreWithoutYesRefusesToReplaceADatabaseOrWebRootThatHasContent() throws IOException {
        assertSucceeded(run(backupScript, "db", BUCKET));
        assertSucceeded(run(backupScript, "files", BUCKET));
        Map<String, String> tables = tableChecksums();
        Map<String, String> files = fileChecksums(www);
        database.sql("UPDATE mt.mt_entry SET entry_title = '書き換えられた' WHERE entry_id = 1");
        Files.writeString(www.resolve("html/index.html"), "changed after the backup");

        CommandRun.Result db = run(restoreScript, "db", BUCKET, "latest");
        CommandRun.Result restoredFiles = run(restoreScript, "files", BUCKET, "latest");

        assertEquals(1, db.exitCode(), db::toString);
        assertTrue(db.stderr().contains("database mt has 4 tables: add --yes"), db::toString);
        assertEquals(1, restoredFiles.exitCode(), restoredFiles::toString);
        assertTrue(restoredFiles.stderr().contains("already holds mt/mt-config.cgi mt/plugins mt/themes html: add --yes"),
                restoredFiles::toString);
        assertEquals("書き換えられた", database.sql("SELECT entry_title FROM mt.mt_entry WHERE entry_id = 1").strip());

        assertSucceeded(run(restoreScript, "db", BUCKET, "latest", "--yes"));
        assertSucceeded(run(restoreScript, "files", BUCKET, "--yes"));
        assertEquals(tables, tableChecksums());
        assertEquals(files, fileChecksums(www));
        assertEquals("書き換えられた", database.sql("SELECT entry_title FROM mt_previous.mt_entry WHERE entry_id = 1").strip(),
                "the replaced tables are kept in mt_previous");
        assertEquals("changed after the backup", Files.readString(www.resolve(".siteops-previous/html/index.html")));
    }

    @Test
    void aDumpThatFailsToLoadLeavesTheLiveDatabaseUntouched() throws IOException {
        assertSucceeded(run(backupScript, "db", BUCKET));
        String good = aws("s3", "ls", "s3://" + BUCKET + "/backup/db/").strip().split("\\s+")[3];
        // A newer dump, complete to its last line, whose middle is not SQL: the load fails after some tables.
        CommandRun.Result broken = CommandRun.exec(List.of("bash", "-c", "set -o pipefail; aws s3 cp s3://" + BUCKET + "/backup/db/" + good
                + " - | gzip -dc | sed '/^INSERT INTO `mt_entry`/a THIS IS NOT SQL;' | gzip"
                + " | aws s3 cp - s3://" + BUCKET + "/backup/db/20991231T000000Z.sql.gz"), dir, environment(), null);
        assertSucceeded(broken);
        database.sql("UPDATE mt.mt_entry SET entry_title = '最新の記事' WHERE entry_id = 1");
        Map<String, String> live = tableChecksums();

        CommandRun.Result restore = run(restoreScript, "db", BUCKET, "latest", "--yes");

        assertEquals(1, restore.exitCode(), restore::toString);
        assertTrue(restore.stderr().contains("loading backup/db/20991231T000000Z.sql.gz failed: database mt is untouched"), restore::toString);
        assertEquals(live, tableChecksums());
        assertEquals("", database.sql("SHOW DATABASES LIKE 'mt\\_restore'"));
        assertFalse(aws("cloudwatch", "list-metrics", "--namespace", "Siteops/Backup").contains("restore-db"),
                "a failed restore reports no success");
    }

    @Test
    void aTruncatedDumpIsRefusedBeforeAnythingIsLoaded() throws IOException {
        assertSucceeded(run(backupScript, "db", BUCKET));
        String good = aws("s3", "ls", "s3://" + BUCKET + "/backup/db/").strip().split("\\s+")[3];
        assertSucceeded(CommandRun.exec(List.of("bash", "-c", "aws s3 cp s3://" + BUCKET + "/backup/db/" + good
                + " - | gzip -dc | head -c 20000 | gzip | aws s3 cp - s3://" + BUCKET + "/backup/db/20991231T000000Z.sql.gz"),
                dir, environment(), null));

        CommandRun.Result restore = run(restoreScript, "db", BUCKET, "20991231T000000Z", "--yes");

        assertEquals(1, restore.exitCode(), restore::toString);
        assertTrue(restore.stderr().contains("does not end like a complete mysqldump: nothing changed"), restore::toString);
    }

    @Test
    void anUnknownStampNamesTheNewestOnesAndBadUsageExitsTwo() {
        assertSucceeded(run(backupScript, "db", BUCKET));

        CommandRun.Result unknown = run(restoreScript, "db", BUCKET, "20000101T000000Z", "--yes");
        CommandRun.Result usage = run(restoreScript, "database", BUCKET);
        CommandRun.Result noBackup = run(restoreScript, "files", BUCKET, "--yes");

        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("no db backup with stamp '20000101T000000Z'"), unknown::toString);
        assertTrue(unknown.stderr().matches("(?s).*newest are:\\n\\d{8}T\\d{6}Z\\n.*"), unknown::toString);
        assertEquals(2, usage.exitCode(), usage::toString);
        assertTrue(usage.stderr().startsWith("usage: siteops-restore db|files BUCKET"), usage::toString);
        assertEquals(1, noBackup.exitCode(), noBackup::toString);
        assertTrue(noBackup.stderr().contains("no files backup in s3://" + BUCKET + "/backup/files/"), noBackup::toString);
    }

    @Test
    void fileBackupWarnsInsteadOfFailingWhileMovableTypeIsNotInstalled() throws IOException {
        deleteTree(www.resolve("mt"));

        CommandRun.Result backup = run(backupScript, "files", BUCKET);

        assertSucceeded(backup);
        assertTrue(backup.stderr().contains("WARNING: Movable Type not installed yet"), backup::toString);
        assertTrue(aws("s3", "ls", "s3://" + BUCKET + "/backup/files/").contains(".tar.gz"));
        assertTrue(aws("cloudwatch", "list-metrics", "--namespace", "Siteops/Backup").contains("\"files\""),
                "the backup alarm sees a success, so nobody is paged");
    }

    // --- the server, as the scripts see it

    private static Path installScript(GeneratedCloudConfig config, String path) throws IOException {
        Path script = dir.resolve("sbin").resolve(Path.of(path).getFileName());
        Files.createDirectories(script.getParent());
        Files.writeString(script, config.writtenFile(path).content());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        return script;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new TreeMap<>(moto.environment());
        env.put("HOME", database.home().toString());
        env.put("SITEOPS_WWW_ROOT", www.toString());
        env.put("TMPDIR", dir.toString());
        return env;
    }

    private CommandRun.Result run(Path script, String... args) {
        List<String> argv = new ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return CommandRun.exec(argv, dir, environment(), null);
    }

    private String aws(String... args) {
        List<String> argv = new ArrayList<>(List.of("aws"));
        argv.addAll(List.of(args));
        CommandRun.Result result = CommandRun.exec(argv, dir, environment(), null);
        assertSucceeded(result);
        return result.stdout();
    }

    /** Straight to moto's S3 API: one AWS CLI start less per test (it costs seconds on a busy machine). */
    private void createBucket() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(moto.endpoint().resolve("/" + BUCKET))
                    .PUT(HttpRequest.BodyPublishers.ofString("<CreateBucketConfiguration><LocationConstraint>" + MotoServer.REGION
                            + "</LocationConstraint></CreateBucketConfiguration>")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response::body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertSucceeded(CommandRun.Result result) {
        assertEquals(0, result.exitCode(), result::toString);
    }

    // --- sample data

    private static void loadSampleMovableTypeDatabase() {
        database.sql("""
                CREATE DATABASE mt CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
                USE mt;
                CREATE TABLE mt_blog (blog_id INT PRIMARY KEY, blog_name VARCHAR(255) NOT NULL, blog_site_url VARCHAR(255))
                  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                CREATE TABLE mt_author (author_id INT PRIMARY KEY, author_name VARCHAR(255), author_nickname VARCHAR(255))
                  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                CREATE TABLE mt_entry (entry_id INT PRIMARY KEY, entry_blog_id INT NOT NULL, entry_author_id INT,
                  entry_title VARCHAR(255), entry_text MEDIUMTEXT, entry_authored_on DATETIME, KEY (entry_blog_id))
                  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                CREATE TABLE mt_asset (asset_id INT PRIMARY KEY, asset_file_name VARCHAR(255), asset_thumbnail MEDIUMBLOB)
                  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                INSERT INTO mt_blog VALUES (1, '採用サイト', 'https://recruit.example.jp/');
                INSERT INTO mt_author VALUES (1, 'editor', '広報 太郎'), (2, 'writer', '山田 花子');
                INSERT INTO mt_entry VALUES (1, 1, 1, '新着情報 🎉 ようこそ', '<p>株式会社サンプルの採用情報です。「応募」はこちら。</p>',
                  '2026-04-01 09:00:00');
                INSERT INTO mt_entry SELECT seq, 1, 1 + MOD(seq, 2), CONCAT('記事 ', seq, ' 番: 社員インタビュー'),
                  REPEAT(CONCAT('<p>私たちの仕事は、', seq, ' 件目の挑戦から始まりました。𠮷野家の話も。</p>'), 20),
                  '2026-04-01 09:00:00' + INTERVAL seq HOUR FROM seq_2_to_%d;
                INSERT INTO mt_asset VALUES (1, '写真.jpg', UNHEX(REPEAT('FFD8FFE000104A464946000102', 200))), (2, 'empty.png', '');
                """.formatted(ENTRIES));
    }

    private static void writeSampleWebRoot(Path www) throws IOException {
        write(www.resolve("html/index.html"), "<h1>採用情報</h1>\n".getBytes(StandardCharsets.UTF_8));
        write(www.resolve("html/ニュース/2026/記事 1.html"), "<p>新しい仲間を募集しています。</p>\n".getBytes(StandardCharsets.UTF_8));
        byte[] image = new byte[300_000];
        new Random(42).nextBytes(image);
        write(www.resolve("html/assets/写真.jpg"), image);
        write(www.resolve("mt/mt-config.cgi"), "CGIPath /mt/\nDatabase mt\n".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(www.resolve("mt/mt-config.cgi"), PosixFilePermissions.fromString("rw-r-----"));
        write(www.resolve("mt/plugins/SiteSearch/config.yaml"), "name: サイト内検索\n".getBytes(StandardCharsets.UTF_8));
        write(www.resolve("mt/themes/recruit/theme.yaml"), "label: 採用テーマ\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(www.resolve("html/empty-dir"));
        // Movable Type itself (from MT.zip) is not part of the file backup.
        write(www.resolve("mt/mt.psgi"), "# Movable Type\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    // --- what "equal" means

    /** Per table of mt: its definition and CHECKSUM TABLE ... EXTENDED, which reads every row. */
    private static Map<String, String> tableChecksums() {
        Map<String, String> tables = new TreeMap<>();
        for (String table : database.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'mt'").strip().split("\n")) {
            String checksum = database.sql("CHECKSUM TABLE mt.`" + table + "` EXTENDED").strip().split("\t")[1];
            String definition = database.sql("SHOW CREATE TABLE mt.`" + table + "`").strip();
            tables.put(table, checksum + "\n" + definition);
        }
        return tables;
    }

    /** Every path under the web root (except the kept previous copy) with its type, permissions and SHA-256. */
    private static Map<String, String> fileChecksums(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String relative = root.relativize(path).toString();
                if (relative.startsWith(".siteops-previous")) {
                    continue;
                }
                String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                files.put(relative, Files.isDirectory(path) ? "dir " + permissions : permissions + " " + sha256(path));
            }
        }
        return files;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
