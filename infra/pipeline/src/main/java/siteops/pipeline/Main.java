package siteops.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code infra/tools/pipeline COMMAND --option value ...}: the steps of the GitHub Actions workflows that are more
 * than a few lines of shell. GitHub is reached through GITHUB_API_URL, GITHUB_REPOSITORY and GITHUB_TOKEN.
 * Exit codes: 0 done, 1 the step's failure (a failed drift plan, GitHub refusing a call), 2 bad usage or input.
 */
public final class Main {

    static final String USAGE = """
            usage: pipeline COMMAND [--option value]...
              plan-summary --plan-json FILE
                  prints the summary (+add ~change -destroy, destroys in bold) as markdown
              plan-comment --site SITE --pr NUMBER --plan-json FILE --plan-text FILE [--artifact-url URL]
                  creates or edits the site's comment on the pull request; prints the summary
              drift --site SITE --exit-code N [--plan-json FILE --plan-text FILE] [--artifact-url URL]
                  N from terraform plan -detailed-exitcode: 2 opens or updates the site's drift issue, 0 closes it,
                  anything else fails without touching an issue
              new-site --name SITE --template T --project P --env E --domain D [--aliases "a b"]
                       [--route53-zone ZONE|none] --pagerduty-secret NAME --slack-team T... --slack-channel C...
                       [--admin-cidrs "cidr cidr"] [--sites-dir infra/sites]
                  writes the site file; bin/generate-sites then checks it""";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Path.of(""), System.out, System.err));
    }

    /** The CLI without {@code System.exit}, for tests: {@code env} stands for the process environment. */
    public static int run(String[] args, Map<String, String> env, Path workDir, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Options options = Options.parse(args);
            switch (args[0]) {
                case "plan-summary" -> out.print(summary(options, workDir).markdown());
                case "plan-comment" -> {
                    options.allow("site", "pr", "plan-json", "plan-text", "artifact-url");
                    String site = options.required("site");
                    PlanSummary summary = summary(options, workDir);
                    String body = PlanComment.body(site, summary, read(workDir, options.required("plan-text")),
                            options.get("artifact-url", runUrl(env)), runUrl(env));
                    new PullRequestComments(GitHubRest.fromEnvironment(env))
                            .upsert(options.number("pr"), PlanComment.marker(site), body);
                    out.print("Plan for `" + site + "`: " + summary.markdown());
                }
                case "drift" -> {
                    options.allow("site", "exit-code", "plan-json", "plan-text", "artifact-url");
                    String site = options.required("site");
                    DriftCheck check = DriftCheck.fromExitCode(options.number("exit-code"));
                    if (check == DriftCheck.FAILED) {
                        err.println("::error title=Drift check failed for " + site + "::terraform plan failed (exit "
                                + options.required("exit-code") + "): that is an error of the check, not drift; no drift issue was changed. Read the plan step's log.");
                        return 1;
                    }
                    PlanSummary summary = summary(options, workDir);
                    String planText = read(workDir, options.required("plan-text"));
                    DriftIssues.Outcome outcome = new DriftIssues(GitHubRest.fromEnvironment(env))
                            .record(site, check, summary, planText, options.get("artifact-url", runUrl(env)), runUrl(env));
                    out.println("Drift check of `" + site + "`: " + (check == DriftCheck.CLEAN ? "no changes" : summary.markdown().strip())
                            + (outcome.issue() > 0 ? " (issue #" + outcome.issue() + " " + outcome.action() + ")" : ""));
                }
                case "new-site" -> {
                    options.allow("name", "template", "project", "env", "domain", "aliases", "route53-zone",
                            "pagerduty-secret", "slack-team", "slack-channel", "admin-cidrs", "sites-dir");
                    NewSiteFile site = new NewSiteFile(options.required("name"), options.required("template"),
                            options.required("project"), options.required("env"), options.required("domain"),
                            NewSiteFile.list(options.get("aliases", "")), options.get("route53-zone", "none"),
                            options.required("pagerduty-secret"), options.required("slack-team"),
                            options.required("slack-channel"), NewSiteFile.list(options.get("admin-cidrs", "")));
                    out.println(site.write(workDir.resolve(options.get("sites-dir", "infra/sites"))));
                }
                default -> {
                    err.println("pipeline: unknown command " + args[0] + "\n" + USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (UsageException e) {
            err.println("pipeline " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (PipelineException e) {
            err.println("pipeline " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    private static PlanSummary summary(Options options, Path workDir) {
        String file = options.required("plan-json");
        return PlanSummary.fromJson(read(workDir, file), file);
    }

    private static String read(Path workDir, String file) {
        try {
            return Files.readString(workDir.resolve(file));
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    private static String runUrl(Map<String, String> env) {
        if (env.get("GITHUB_RUN_ID") == null) {
            return "";
        }
        return env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY")
                + "/actions/runs/" + env.get("GITHUB_RUN_ID");
    }

    /** Bad usage: exit 2. */
    static final class UsageException extends PipelineException {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --name value} pairs after the command. */
    private record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 == args.length) {
                    throw new UsageException("expected --option value, got '" + args[i] + "'");
                }
                values.put(args[i].substring(2), args[++i]);
            }
            return new Options(values);
        }

        void allow(String... names) {
            Set<String> known = Set.of(names);
            List<String> unknown = values.keySet().stream().filter(name -> !known.contains(name)).sorted().toList();
            if (!unknown.isEmpty()) {
                throw new UsageException("unknown option --" + String.join(", --", unknown));
            }
        }

        String required(String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new UsageException("--" + name + " is required");
            }
            return value;
        }

        String get(String name, String fallback) {
            String value = values.get(name);
            return value == null || value.isBlank() ? fallback : value;
        }

        int number(String name) {
            try {
                return Integer.parseInt(required(name));
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a number, got '" + values.get(name) + "'");
            }
        }
    }
}
