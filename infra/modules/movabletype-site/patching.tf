# Patch Manager. The server is in the patch group of the shared baseline for the site's approval delay (tag
# PatchGroup on aws_instance.cms; the baselines are created once per account and Region by
# infra/modules/patch-baseline, called from infra/bootstrap). A daily scan reports what is missing; approved
# updates are installed in the backup window after both backups, so patching never overlaps a backup and always
# follows the night's backups (a failed backup pages on its own; the window still runs the next task).

locals {
  # Same format as infra/modules/patch-baseline: the patch group is the baseline's name.
  patch_group = format("siteops-al2023-approve-after-%02dd", var.patch_approve_after_days)
  # The daily scan runs twelve hours away from the window's start, so it never meets a backup or an install
  # (two patch operations at once on one server fail). A rate() window schedule starts at 18:00 UTC by default.
  backup_hour         = try(tonumber(regex("^cron\\(\\S+ (\\d+) ", var.backup_schedule)[0]), 18)
  patch_scan_schedule = "cron(0 ${(local.backup_hour + 12) % 24} ? * * *)"
}

# Fails the plan in an account or Region where infra/bootstrap has not created the baselines, instead of leaving
# the server on the AWS default baseline without anyone noticing.
data "aws_ssm_patch_baseline" "site" {
  owner            = "Self"
  name_prefix      = local.patch_group
  operating_system = "AMAZON_LINUX_2023"
}

resource "aws_ssm_association" "patch_scan" {
  name                = "AWS-RunPatchBaseline"
  association_name    = "${local.name}-patch-scan"
  schedule_expression = local.patch_scan_schedule
  # A scan that fails shows in Compliance as this association, HIGH: the patch data is going stale.
  compliance_severity = "HIGH"

  parameters = {
    Operation    = "Scan"
    RebootOption = "NoReboot"
  }

  targets {
    key    = "InstanceIds"
    values = [aws_instance.cms.id]
  }
}

resource "aws_cloudwatch_log_group" "patching" {
  name              = "/siteops/${var.site}/patching"
  retention_in_days = 90
}

# After every backup task of the window (priorities in local.backup_tasks of backup.tf): the window starts a
# priority only when the previous one has finished. It starts no task in the window's last hour (cutoff), so a
# night whose backups run long skips the install; the next night installs.
resource "aws_ssm_maintenance_window_task" "patch_install" {
  count = var.patch_install == "after-backup" ? 1 : 0

  window_id       = aws_ssm_maintenance_window.backup.id
  name            = "patch-install"
  description     = "Install the updates approved by ${local.patch_group}, after the backups; reboot only if needed"
  task_type       = "RUN_COMMAND"
  task_arn        = "AWS-RunPatchBaseline"
  priority        = 10
  max_concurrency = "1"
  max_errors      = "0"

  targets {
    key    = "WindowTargetIds"
    values = [aws_ssm_maintenance_window_target.cms.id]
  }

  task_invocation_parameters {
    run_command_parameters {
      timeout_seconds = 600

      parameter {
        name   = "Operation"
        values = ["Install"]
      }

      parameter {
        name   = "RebootOption"
        values = ["RebootIfNeeded"]
      }

      cloudwatch_config {
        cloudwatch_log_group_name = aws_cloudwatch_log_group.patching.name
        cloudwatch_output_enabled = true
      }
    }
  }
}
