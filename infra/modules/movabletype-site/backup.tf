# Nightly backups by a Maintenance Window running two Run Command tasks (database dump, then files) on the
# server, into the site's ops bucket. The tags route the window's failures and missed runs to the site's
# PagerDuty service through the siteops maintenance-to-PagerDuty function.

resource "aws_s3_bucket" "ops" {
  bucket_prefix = substr("siteops-${var.site}-", 0, 37)
  force_destroy = var.env != "prod"
}

resource "aws_s3_bucket_public_access_block" "ops" {
  bucket                  = aws_s3_bucket.ops.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "ops" {
  bucket = aws_s3_bucket.ops.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Versioned: an overwritten or deleted backup stays recoverable for the retention period.
resource "aws_s3_bucket_versioning" "ops" {
  bucket = aws_s3_bucket.ops.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "ops" {
  bucket = aws_s3_bucket.ops.id

  rule {
    id     = "backup-retention"
    status = "Enabled"

    filter {
      prefix = "backup/"
    }

    expiration {
      days = var.backup_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = var.backup_retention_days
    }
  }

  rule {
    id     = "alb-access-logs"
    status = "Enabled"

    filter {
      prefix = "alb/"
    }

    expiration {
      days = 90
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.ops]
}

# TLS only; the ALB writes its access logs under alb/ (the Region's Elastic Load Balancing account for Regions
# older than August 2022, the log delivery service for newer ones).
data "aws_elb_service_account" "current" {}

resource "aws_s3_bucket_policy" "ops" {
  bucket = aws_s3_bucket.ops.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "TlsOnly"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.ops.arn, "${aws_s3_bucket.ops.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "AlbAccessLogs"
        Effect    = "Allow"
        Principal = { AWS = data.aws_elb_service_account.current.arn }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.ops.arn}/alb/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
      },
      {
        Sid       = "AlbAccessLogDelivery"
        Effect    = "Allow"
        Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.ops.arn}/alb/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.ops]
}

resource "aws_ssm_maintenance_window" "backup" {
  name                       = "${local.name}-backup"
  description                = "Database and file backup of ${var.site}"
  schedule                   = var.backup_schedule
  duration                   = 2
  cutoff                     = 1
  allow_unassociated_targets = false

  tags = {
    "siteops:backup"           = "true"
    "siteops:site"             = var.site
    "siteops:pagerduty-secret" = var.pagerduty_secret
  }
}

resource "aws_ssm_maintenance_window_target" "cms" {
  window_id     = aws_ssm_maintenance_window.backup.id
  name          = "cms"
  resource_type = "INSTANCE"

  targets {
    key    = "InstanceIds"
    values = [aws_instance.cms.id]
  }
}

locals {
  # siteops-backup is installed by cloud-init; it reports success as a metric the backup alarms watch.
  backup_tasks = { db = 1, files = 2 }
}

resource "aws_ssm_maintenance_window_task" "backup" {
  for_each = local.backup_tasks

  window_id       = aws_ssm_maintenance_window.backup.id
  name            = "backup-${each.key}"
  task_type       = "RUN_COMMAND"
  task_arn        = "AWS-RunShellScript"
  priority        = each.value
  max_concurrency = "1"
  max_errors      = "0"

  targets {
    key    = "WindowTargetIds"
    values = [aws_ssm_maintenance_window_target.cms.id]
  }

  task_invocation_parameters {
    run_command_parameters {
      timeout_seconds = 3600

      parameter {
        name   = "commands"
        values = ["/usr/local/sbin/siteops-backup ${each.key} ${aws_s3_bucket.ops.bucket}"]
      }

      cloudwatch_config {
        cloudwatch_log_group_name = aws_cloudwatch_log_group.backup.name
        cloudwatch_output_enabled = true
      }
    }
  }
}
