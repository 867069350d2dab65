package siteops.maintenance;

/** What one invocation returns: the alert for a maintenance window event, or the sweep's findings. */
public sealed interface MaintenanceResult permits EventResult, CheckResult {}
