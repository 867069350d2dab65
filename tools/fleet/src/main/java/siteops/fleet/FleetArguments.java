package siteops.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses bin/fleet's command line completely before anything is called; every mistake is a {@link UsageException}. */
public final class FleetArguments {
    public static final String USAGE = """
            usage: bin/fleet run (--site SITE ... | --env ENV | --all) (--command 'SHELL' | --document NAME [--parameter KEY=VALUE ...])
                                 [--max-concurrency N|N%] [--max-errors N|N%] [--timeout SECONDS] [--comment TEXT] [--dry-run] [--json]
                   bin/fleet list (--site SITE ... | --env ENV | --all) [--json]
                   bin/fleet archive --site SITE [--bucket BUCKET] [--timeout SECONDS]
            SITE may be a shell glob (quote it): --site 'campaign-*'""";

    public static final String DEFAULT_MAX_CONCURRENCY = "10%";
    public static final String DEFAULT_MAX_ERRORS = "0";
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;
    public static final int DEFAULT_ARCHIVE_TIMEOUT_SECONDS = 3600;

    // SendCommand's own patterns for MaxConcurrency and MaxErrors.
    private static final Pattern MAX_CONCURRENCY = Pattern.compile("([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)");
    private static final Pattern MAX_ERRORS = Pattern.compile("([1-9][0-9]*|0|[1-9][0-9]%|[0-9]%|100%)");
    private static final Pattern DOCUMENT = Pattern.compile("[a-zA-Z0-9_\\-.:/]{3,128}");
    private static final Pattern SITE_GLOB = Pattern.compile("[a-z0-9\\-*?\\[\\]!]+");
    private static final Pattern SITE = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
    private static final Set<String> ENVS = Set.of("prod", "stg", "dev");
    // TimeoutSeconds accepts 30 s to 48 h; executionTimeout of AWS-RunShellScript at most 172800 s.
    private static final int MIN_TIMEOUT = 30;
    private static final int MAX_TIMEOUT = 172800;
    private static final int MAX_COMMENT = 100;

    private FleetArguments() {}

    public static FleetRequest parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("missing the subcommand: run, list or archive");
        }
        String subcommand = args.getFirst();
        Set<String> allowed = switch (subcommand) {
            case "run" -> Set.of("--site", "--env", "--all", "--command", "--document", "--parameter", "--max-concurrency",
                    "--max-errors", "--timeout", "--comment", "--dry-run", "--json");
            case "list" -> Set.of("--site", "--env", "--all", "--json");
            case "archive" -> Set.of("--site", "--bucket", "--timeout");
            default -> throw new UsageException("unknown subcommand '" + subcommand + "': use run, list or archive");
        };
        Options options = Options.read(subcommand, allowed, args.subList(1, args.size()));
        return switch (subcommand) {
            case "run" -> run(options);
            case "list" -> list(options);
            default -> archive(options);
        };
    }

    private static FleetRequest.Run run(Options options) throws UsageException {
        Targets targets = targets(options);
        String command = options.single("--command");
        String document = options.single("--document");
        List<String> parameterArgs = options.all("--parameter");
        if ((command == null) == (document == null)) {
            throw new UsageException("give exactly one of --command 'SHELL' or --document NAME");
        }
        if (command != null && command.isBlank()) {
            throw new UsageException("--command is empty");
        }
        if (command != null && !parameterArgs.isEmpty()) {
            throw new UsageException("--parameter goes with --document; --command sends only its shell string");
        }
        if (document != null && !DOCUMENT.matcher(document).matches()) {
            throw new UsageException("--document '" + document + "' is not a document name (3-128 of letters, digits, _ - . : /)");
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String parameter : parameterArgs) {
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--parameter '" + parameter + "' is not KEY=VALUE");
            }
            parameters.computeIfAbsent(parameter.substring(0, equals), key -> new ArrayList<>()).add(parameter.substring(equals + 1));
        }
        String maxConcurrency = options.single("--max-concurrency", DEFAULT_MAX_CONCURRENCY);
        if (!MAX_CONCURRENCY.matcher(maxConcurrency).matches()) {
            throw new UsageException("--max-concurrency '" + maxConcurrency + "' must be N (1 or more instances) or N% (1% to 100%)");
        }
        String maxErrors = options.single("--max-errors", DEFAULT_MAX_ERRORS);
        if (!MAX_ERRORS.matcher(maxErrors).matches()) {
            throw new UsageException("--max-errors '" + maxErrors + "' must be N (0 or more failures) or N% (0% to 100%)");
        }
        int timeout = timeout(options, DEFAULT_TIMEOUT_SECONDS);
        String comment = options.single("--comment", "bin/fleet");
        if (comment.length() > MAX_COMMENT) {
            throw new UsageException("--comment is " + comment.length() + " characters; SSM keeps at most " + MAX_COMMENT);
        }
        if (document == null) {
            document = FleetRequest.Run.SHELL_DOCUMENT;
            parameters.put("commands", List.of(command));
            parameters.put("executionTimeout", List.of(String.valueOf(timeout)));
        }
        return new FleetRequest.Run(targets, new CommandSpec(document, Map.copyOf(parameters), maxConcurrency, maxErrors, timeout, comment),
                options.flag("--dry-run"), options.flag("--json"));
    }

    private static FleetRequest.ListTargets list(Options options) throws UsageException {
        return new FleetRequest.ListTargets(targets(options), options.flag("--json"));
    }

    private static FleetRequest.Archive archive(Options options) throws UsageException {
        List<String> sites = options.all("--site");
        if (sites.size() != 1 || !SITE.matcher(sites.getFirst()).matches()) {
            throw new UsageException("archive needs exactly one --site NAME (no glob): one site is archived at a time");
        }
        String bucket = options.single("--bucket");
        if (bucket != null && !BUCKET.matcher(bucket).matches()) {
            throw new UsageException("--bucket '" + bucket + "' is not an S3 bucket name");
        }
        return new FleetRequest.Archive(sites.getFirst(), bucket, timeout(options, DEFAULT_ARCHIVE_TIMEOUT_SECONDS));
    }

    private static Targets targets(Options options) throws UsageException {
        List<String> sites = options.all("--site");
        String env = options.single("--env");
        boolean all = options.flag("--all");
        int chosen = (sites.isEmpty() ? 0 : 1) + (env == null ? 0 : 1) + (all ? 1 : 0);
        if (chosen != 1) {
            throw new UsageException(chosen == 0 ? "choose the instances: --site SITE ..., --env ENV or --all"
                    : "--site, --env and --all exclude each other: choose one");
        }
        for (String site : sites) {
            if (!SITE_GLOB.matcher(site).matches()) {
                throw new UsageException("--site '" + site + "': site names are lower-case letters, digits and '-' (globs: * ? [...])");
            }
        }
        if (env != null && !ENVS.contains(env)) {
            throw new UsageException("--env '" + env + "' must be prod, stg or dev");
        }
        return all ? Targets.all() : env != null ? Targets.env(env) : Targets.sites(sites);
    }

    private static int timeout(Options options, int fallback) throws UsageException {
        String text = options.single("--timeout", String.valueOf(fallback));
        int seconds;
        try {
            seconds = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout '" + text + "' is not a whole number of seconds");
        }
        if (seconds < MIN_TIMEOUT || seconds > MAX_TIMEOUT) {
            throw new UsageException("--timeout " + seconds + " must be between " + MIN_TIMEOUT + " and " + MAX_TIMEOUT + " seconds");
        }
        return seconds;
    }

    /** Options as given: {@code --name value}, {@code --name=value} or a bare flag; order kept per name. */
    private record Options(Map<String, List<String>> values) {
        private static final Set<String> FLAGS = Set.of("--all", "--dry-run", "--json");

        static Options read(String subcommand, Set<String> allowed, List<String> args) throws UsageException {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--")) {
                    throw new UsageException("unexpected argument '" + arg + "' (quote a command or glob so the shell keeps it whole)");
                }
                String name = arg;
                String value;
                int equals = arg.indexOf('=');
                if (equals > 0) {
                    name = arg.substring(0, equals);
                    value = arg.substring(equals + 1);
                    if (FLAGS.contains(name)) {
                        throw new UsageException(name + " takes no value");
                    }
                } else if (!allowed.contains(name)) {
                    throw new UsageException("unknown option " + name + " for " + subcommand);
                } else if (FLAGS.contains(name)) {
                    value = "";
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                if (!allowed.contains(name)) {
                    throw new UsageException("unknown option " + name + " for " + subcommand);
                }
                values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
            return new Options(values);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        String single(String name) throws UsageException {
            return single(name, null);
        }

        String single(String name, String fallback) throws UsageException {
            List<String> given = all(name);
            if (given.size() > 1) {
                throw new UsageException(name + " is given " + given.size() + " times; give it once");
            }
            return given.isEmpty() ? fallback : given.getFirst();
        }

        boolean flag(String name) throws UsageException {
            if (all(name).size() > 1) {
                throw new UsageException(name + " is given twice");
            }
            return values.containsKey(name);
        }
    }
}
