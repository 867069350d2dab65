package siteops.sites;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/generate-sites [--check] [-o OUT_DIR] [SITE.yaml | DIR]...}: validates every site file, then
 * writes (or with {@code --check} compares) one Terraform root per site. Exit codes: 0 done or up to date,
 * 1 generated files are stale, 2 bad site files or bad usage (nothing written). {@code --schema} prints the
 * site file's JSON schema; {@code --docs} rewrites it and the settings table of infra/README.md. Every run that
 * reads the sites also prints what they need of the AWS quotas (warnings on stderr where a default is too small);
 * {@code --quotas-tfvars} prints only the increases to request, as JSON variables for infra/bootstrap.
 */
public final class Main {

    static final String USAGE = "usage: generate-sites [--check] [-o OUT_DIR] [SITE.yaml | DIR]...\n"
            + "       generate-sites --quotas-tfvars [SITE.yaml | DIR]...\n"
            + "       generate-sites --schema | --docs\n"
            + "  default input infra/sites/, default output infra/generated/ (under $SITEOPS_ROOT or the current directory);\n"
            + "  --schema prints infra/site.schema.json, --docs rewrites it and the settings table of infra/README.md";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, repositoryRoot(), System.out, System.err));
    }

    /** The generator without {@code System.exit}, for tests and the benchmark. */
    public static int run(String[] args, Path root, PrintStream out, PrintStream err) {
        boolean check = false;
        boolean quotasTfvars = false;
        Path outDir = root.resolve("infra/generated");
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--check" -> check = true;
                case "--quotas-tfvars" -> quotasTfvars = true;
                case "-o", "--out" -> {
                    if (++i == args.length) {
                        err.println(USAGE);
                        return 2;
                    }
                    outDir = Path.of(args[i]);
                }
                case "--schema" -> {
                    out.print(SiteDocs.schema());
                    return 0;
                }
                case "--docs" -> {
                    List<String> written = SiteDocs.write(root);
                    written.forEach(file -> out.println("wrote " + root.resolve(file)));
                    out.println("generate-sites: " + written.size() + " documentation file(s) changed");
                    return 0;
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        err.println("generate-sites: unknown option " + args[i] + "\n" + USAGE);
                        return 2;
                    }
                    inputs.add(Path.of(args[i]));
                }
            }
        }
        if (inputs.isEmpty()) {
            inputs.add(root.resolve("infra/sites"));
        }
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                err.println("generate-sites: " + input + ": no such file or directory");
                return 2;
            }
        }
        Path output = outDir;
        boolean wholeDirectories = inputs.stream().allMatch(Files::isDirectory);

        SiteFiles.Loaded loaded = SiteFiles.load(SiteFiles.expand(inputs), root.toAbsolutePath().normalize());
        if (!loaded.problems().isEmpty()) {
            loaded.problems().forEach(err::println);
            err.println("generate-sites: " + loaded.problems().size() + " problem(s); nothing written");
            return 2;
        }
        List<FleetQuotas.Row> quotas = FleetQuotas.of(loaded.sites());
        if (quotasTfvars) {
            out.print(FleetQuotas.tfvarsJson(quotas));
            return 0;
        }
        out.print(FleetQuotas.table(quotas, loaded.sites().size()));
        FleetQuotas.warnings(quotas).forEach(err::println);
        GeneratedFiles generated = GeneratedFiles.of(loaded.sites(), output, root.resolve("infra/modules"), wholeDirectories);
        List<String> orphans = wholeDirectories ? generated.orphans(output) : List.of();
        if (check) {
            List<String> stale = new ArrayList<>(generated.stale(output));
            orphans.forEach(dir -> stale.add(dir + "/ (no site file: run terraform destroy in it, then remove it)"));
            if (!stale.isEmpty()) {
                stale.forEach(file -> err.println("stale: " + output.resolve(file)));
                err.println("generate-sites: " + stale.size() + " stale file(s): run bin/generate-sites and commit the result");
                return 1;
            }
            out.println("generate-sites: " + loaded.sites().size() + " site(s) up to date in " + output);
            return 0;
        }
        List<String> written = generated.write(output);
        written.forEach(file -> out.println("wrote " + output.resolve(file)));
        orphans.forEach(dir -> err.println("warning: " + output.resolve(dir) + " has no site file: run terraform destroy in it, then remove it"));
        out.println("generate-sites: " + loaded.sites().size() + " site(s), " + written.size() + " file(s) changed");
        return 0;
    }

    private static Path repositoryRoot() {
        String root = System.getenv("SITEOPS_ROOT");
        return Path.of(root == null || root.isEmpty() ? "." : root).toAbsolutePath().normalize();
    }
}
