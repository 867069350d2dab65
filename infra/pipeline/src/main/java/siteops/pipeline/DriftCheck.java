package siteops.pipeline;

/**
 * The outcome of {@code terraform plan -detailed-exitcode} for one site: 0 clean, 2 drifted, anything else (1) a
 * plan that failed, which says nothing about drift.
 */
public enum DriftCheck {
    CLEAN, DRIFTED, FAILED;

    public static DriftCheck fromExitCode(int exitCode) {
        return switch (exitCode) {
            case 0 -> CLEAN;
            case 2 -> DRIFTED;
            default -> FAILED;
        };
    }
}
