package siteops.sites;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises values that look like credentials. Site files are committed and shown in pull requests, so a
 * pasted key must stop the generator before it reaches a generated file.
 */
public final class SecretScanner {

    private record Kind(String name, Pattern pattern) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("an AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new Kind("a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})")),
            new Kind("a Slack token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
            new Kind("a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----")),
            // PagerDuty integration and routing keys are 32 characters of letters and digits.
            new Kind("a PagerDuty key", Pattern.compile("(?<![A-Za-z0-9])(?=[A-Za-z0-9]{0,31}[0-9])(?=[A-Za-z0-9]{0,31}[A-Za-z])[A-Za-z0-9]{32}(?![A-Za-z0-9])")));

    private SecretScanner() {}

    /** What kind of secret the text looks like, if any. */
    public static Optional<String> recognise(String text) {
        for (Kind kind : KINDS) {
            if (kind.pattern().matcher(text).find()) {
                return Optional.of(kind.name());
            }
        }
        return Optional.empty();
    }
}
