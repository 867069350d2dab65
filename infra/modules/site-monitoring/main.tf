# Alerting shared by every site template: an SNS topic delivering to the site's PagerDuty service, a
# CloudWatch Synthetics canary on the site's URL, and an alarm on errors of the CDN purge function.
# Template modules add their own alarms to the topic this module returns.

variable "site" {
  type = string
}

variable "pagerduty_secret" {
  description = "Name of the Secrets Manager secret holding the PagerDuty integration key (never the key)."
  type        = string
}

variable "url" {
  type = string
}

variable "canary_interval_minutes" {
  type = number
}

variable "canary_runtime" {
  type    = string
  default = "syn-nodejs-puppeteer-10.0"
}

variable "purge_function_name" {
  type = string
}

variable "purge_function_alias" {
  type = string
}

data "aws_secretsmanager_secret_version" "pagerduty" {
  secret_id = var.pagerduty_secret
}

resource "aws_sns_topic" "alarms" {
  name = "siteops-${var.site}-alarms"
}

# The key is read at apply time, so it is in the (encrypted) state but never in the repository or plan output.
resource "aws_sns_topic_subscription" "pagerduty" {
  topic_arn              = aws_sns_topic.alarms.arn
  protocol               = "https"
  endpoint               = "https://events.pagerduty.com/integration/${data.aws_secretsmanager_secret_version.pagerduty.secret_string}/enqueue"
  endpoint_auto_confirms = true
}

# Screenshots and logs of canary runs, kept a month.
resource "aws_s3_bucket" "canary" {
  bucket_prefix = substr("siteops-canary-${var.site}-", 0, 37)
  force_destroy = true
}

resource "aws_s3_bucket_public_access_block" "canary" {
  bucket                  = aws_s3_bucket.canary.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "canary" {
  bucket = aws_s3_bucket.canary.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "canary" {
  bucket = aws_s3_bucket.canary.id

  rule {
    id     = "expire"
    status = "Enabled"

    filter {}

    expiration {
      days = 31
    }
  }
}

resource "aws_iam_role" "canary" {
  name_prefix = "siteops-canary-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "canary" {
  role = aws_iam_role.canary.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:PutObject", "s3:GetBucketLocation"], Resource = [aws_s3_bucket.canary.arn, "${aws_s3_bucket.canary.arn}/*"] },
      { Effect = "Allow", Action = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" },
      { Effect = "Allow", Action = "cloudwatch:PutMetricData", Resource = "*", Condition = { StringEquals = { "cloudwatch:namespace" = "CloudWatchSynthetics" } } },
    ]
  })
}

resource "aws_synthetics_canary" "site" {
  # Canary names are at most 21 characters: a prefix of the site name plus a hash keeps them unique.
  name                 = "${substr(var.site, 0, 14)}-${substr(md5(var.site), 0, 6)}"
  artifact_s3_location = "s3://${aws_s3_bucket.canary.bucket}/"
  execution_role_arn   = aws_iam_role.canary.arn
  runtime_version      = var.canary_runtime
  handler              = "heartbeat.handler"
  zip_file             = "${path.module}/canary/heartbeat.zip"
  start_canary         = true

  success_retention_period = 7
  failure_retention_period = 31

  schedule {
    expression = "rate(${var.canary_interval_minutes} ${var.canary_interval_minutes == 1 ? "minute" : "minutes"})"
  }

  run_config {
    timeout_in_seconds    = 60
    environment_variables = { URL = var.url }
  }
}

resource "aws_cloudwatch_metric_alarm" "canary" {
  alarm_name          = "siteops-${var.site}-canary"
  alarm_description   = "${var.url} failed its synthetic check 3 times in a row."
  namespace           = "CloudWatchSynthetics"
  metric_name         = "SuccessPercent"
  dimensions          = { CanaryName = aws_synthetics_canary.site.name }
  statistic           = "Average"
  period              = var.canary_interval_minutes * 60
  evaluation_periods  = 3
  comparison_operator = "LessThanThreshold"
  threshold           = 100
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# Lambda's Errors also count requests the function refused as bad input (an editor's typo, answered in Slack);
# the function counts those as siteops/BadInput, so only the difference pages.
resource "aws_cloudwatch_metric_alarm" "purge_errors" {
  alarm_name          = "siteops-${var.site}-purge-errors"
  alarm_description   = "The CDN purge function failed (not counting refused requests); editors of ${var.site} may be unable to purge from Slack."
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = { FunctionName = var.purge_function_name, Resource = "${var.purge_function_name}:${var.purge_function_alias}" }
      stat        = "Sum"
      period      = 300
    }
  }

  metric_query {
    id = "badinput"
    metric {
      namespace   = "siteops"
      metric_name = "BadInput"
      dimensions  = { Function = var.purge_function_name }
      stat        = "Sum"
      period      = 300
    }
  }

  metric_query {
    id          = "failures"
    label       = "Purge failures (errors minus refused requests)"
    expression  = "FILL(errors, 0) - FILL(badinput, 0)"
    return_data = true
  }
}

output "alarm_topic_arn" {
  value = aws_sns_topic.alarms.arn
}
