package siteops.maintenance.ssm;

import java.time.Instant;

/** One run of a window (DescribeMaintenanceWindowExecutions). */
public record WindowRun(String windowExecutionId, String status, Instant startTime) {}
