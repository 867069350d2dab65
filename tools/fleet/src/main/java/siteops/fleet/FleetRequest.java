package siteops.fleet;

/** One parsed bin/fleet command line. */
public sealed interface FleetRequest {

    /** {@code bin/fleet run}: a shell command or a document, with SSM's rate controls. */
    record Run(Targets targets, CommandSpec command, boolean dryRun, boolean json) implements FleetRequest {
        public static final String SHELL_DOCUMENT = "AWS-RunShellScript";
    }

    /** {@code bin/fleet list}: the running instances the targets match. */
    record ListTargets(Targets targets, boolean json) implements FleetRequest {}

    /** {@code bin/fleet archive}: copy one site's published HTML to its archive bucket; bucket null = find it. */
    record Archive(String site, String bucket, int timeoutSeconds) implements FleetRequest {}
}
