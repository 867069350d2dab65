package siteops.sites;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -cp <jar> siteops.sites.Benchmark WORK_DIR [SITES]}: writes SITES synthetic site files (default
 * 100), then in this one JVM times a full generation and repeated {@code --check} runs over them.
 * Run by bench/generate-sites.sh.
 */
public final class Benchmark {

    private Benchmark() {}

    public static void main(String[] args) throws IOException {
        long jvmStart = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
        Path work = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path sites = Files.createDirectories(work.resolve("sites"));
        for (int i = 0; i < count; i++) {
            boolean archive = i % 5 == 4;
            String name = String.format("site-%03d", i);
            Files.writeString(sites.resolve(name + ".yaml"), "template: " + (archive ? "archive" : "movabletype") + "\n"
                    + "project: bench\nenv: prod\ndomain: " + name + ".example.jp\nroute53_zone: example.jp\n"
                    + "pagerduty_secret: siteops/pagerduty/" + name + "\nslack:\n  team_id: T07EA123LEP\n  channel_id: C07EZ1ABC23\n"
                    + (archive ? "" : "admin:\n  allow_cidrs: [203.0.113.0/24]\n"));
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        String out = work.resolve("generated").toString();
        long startup = System.currentTimeMillis() - jvmStart;

        // The first run shows the quota warnings of 100 sites once; the checks repeat them, so they go to quiet.
        long t0 = System.nanoTime();
        int generated = Main.run(new String[] {"-o", out, sites.toString()}, work, quiet, System.err);
        long first = System.nanoTime() - t0;
        t0 = System.nanoTime();
        int checked = Main.run(new String[] {"--check", "-o", out, sites.toString()}, work, quiet, quiet);
        long firstCheck = System.nanoTime() - t0;
        int rounds = 10;
        t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            checked |= Main.run(new String[] {"--check", "-o", out, sites.toString()}, work, quiet, quiet);
        }
        long warmCheck = (System.nanoTime() - t0) / rounds;
        if (generated != 0 || checked != 0) {
            throw new IllegalStateException("generation or check failed");
        }
        System.out.printf("sites: %d%njvm start to main: %d ms%ngenerate (cold): %d ms%n--check (first): %d ms%n--check (warm, mean of %d): %d ms%n",
                count, startup, first / 1_000_000, firstCheck / 1_000_000, rounds, warmCheck / 1_000_000);
    }
}
