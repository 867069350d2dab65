# Alerting shared by every site template: SNS topics delivering to the site's PagerDuty service (one in the
# site's Region, one in us-east-1 where CloudFront's metrics and so its alarms live), a CloudWatch Synthetics
# canary on the site's URL, and the CloudFront 5xx-rate alarm. Template modules add their own alarms to the
# topic this module returns. The shared CDN purge function is alarmed once, in template.yaml, not per site.

terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.us_east_1]
    }
  }
}

variable "site" {
  type = string
}

variable "pagerduty_secret" {
  description = "Name of the Secrets Manager secret holding the PagerDuty integration key (never the key)."
  type        = string
}

variable "pagerduty_cloudwatch_secret" {
  description = "Id of the secret holding the Amazon CloudWatch integration key when it differs from pagerduty_secret (the pagerduty-service module's)."
  type        = string
  default     = null
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

variable "distribution_id" {
  type = string
}

variable "alarm_cdn_5xx_percent" {
  type = number
}

variable "runbook_url" {
  description = "The runbook every alarm description links to (README.md of this repository; a full https URL makes the links clickable in PagerDuty)."
  type        = string
  default     = "README.md"
}

data "aws_secretsmanager_secret_version" "pagerduty" {
  secret_id = coalesce(var.pagerduty_cloudwatch_secret, var.pagerduty_secret)
}

locals {
  # An alarm notifies a topic of its own Region: CloudFront's alarms (us-east-1) have their own topic.
  topics = { site = aws_sns_topic.alarms.arn, us_east_1 = aws_sns_topic.alarms_us_east_1.arn }
}

resource "aws_sns_topic" "alarms" {
  name = "siteops-${var.site}-alarms"
}

resource "aws_sns_topic" "alarms_us_east_1" {
  provider = aws.us_east_1
  name     = "siteops-${var.site}-alarms"
}

# The key is read at apply time, so it is in the (encrypted) state but never in the repository or plan output.
resource "aws_sns_topic_subscription" "pagerduty" {
  topic_arn              = aws_sns_topic.alarms.arn
  protocol               = "https"
  endpoint               = "https://events.pagerduty.com/integration/${data.aws_secretsmanager_secret_version.pagerduty.secret_string}/enqueue"
  endpoint_auto_confirms = true
}

resource "aws_sns_topic_subscription" "pagerduty_us_east_1" {
  provider               = aws.us_east_1
  topic_arn              = aws_sns_topic.alarms_us_east_1.arn
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

# SuccessPercent exists from the canary's first run, minutes after creation; no data for three intervals means
# the canary itself stopped, which pages too.
resource "aws_cloudwatch_metric_alarm" "canary" {
  alarm_name          = "siteops-${var.site}-canary"
  alarm_description   = "${var.site}: ${var.url} failed its synthetic check 3 times in a row: the site is down or wrong for visitors. First: open the URL, then the canary's latest screenshot. Runbook: ${var.runbook_url}#runbook-canary"
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

# CloudFront publishes its metrics in us-east-1 only (dimension Region = Global). A rate needs traffic to mean
# something: below 100 requests in 5 minutes it counts as 0, so a quiet site's single error pages nobody.
resource "aws_cloudwatch_metric_alarm" "cdn_5xx" {
  provider = aws.us_east_1

  alarm_name          = "siteops-${var.site}-cdn-5xx"
  alarm_description   = "${var.site}: at least ${var.alarm_cdn_5xx_percent}% of CloudFront's answers were 5xx over 5 minutes: visitors see errors. First: check whether the origin alarms (5xx, unhealthy host) fire too. Runbook: ${var.runbook_url}#runbook-cdn-5xx"
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.alarm_cdn_5xx_percent
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms_us_east_1.arn]
  ok_actions          = [aws_sns_topic.alarms_us_east_1.arn]

  metric_query {
    id = "rate"
    metric {
      namespace   = "AWS/CloudFront"
      metric_name = "5xxErrorRate"
      dimensions  = { DistributionId = var.distribution_id, Region = "Global" }
      stat        = "Average"
      period      = 300
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/CloudFront"
      metric_name = "Requests"
      dimensions  = { DistributionId = var.distribution_id, Region = "Global" }
      stat        = "Sum"
      period      = 300
    }
  }

  metric_query {
    id          = "served"
    label       = "5xx rate (percent, from 100 requests)"
    expression  = "IF(FILL(requests, 0) >= 100, FILL(rate, 0), 0)"
    return_data = true
  }
}

# The dashboard widgets every site shows, whatever its template: edge errors (us-east-1), the synthetic check
# and purges from Slack. Template modules put them on the site's dashboard beside their own.
data "aws_region" "current" {}

locals {
  distribution = ["DistributionId", var.distribution_id, "Region", "Global"]
  dashboard_widgets = [
    {
      type = "metric", width = 12, height = 6
      properties = {
        title = "Errors (percent of requests)", region = "us-east-1", stat = "Average", period = 300, view = "timeSeries"
        metrics = [
          concat(["AWS/CloudFront", "5xxErrorRate"], local.distribution, [{ label = "CloudFront 5xx %" }]),
          concat(["AWS/CloudFront", "4xxErrorRate"], local.distribution, [{ label = "CloudFront 4xx %" }]),
        ]
        annotations = { horizontal = [{ label = "5xx alarm", value = var.alarm_cdn_5xx_percent }] }
      }
    },
    {
      type = "metric", width = 12, height = 6
      properties = {
        title   = "Synthetic check (percent successful)", region = data.aws_region.current.region, stat = "Average", period = var.canary_interval_minutes * 60, view = "timeSeries"
        metrics = [["CloudWatchSynthetics", "SuccessPercent", "CanaryName", aws_synthetics_canary.site.name, { label = "canary" }]]
      }
    },
    {
      type = "metric", width = 12, height = 6
      properties = {
        title = "CDN purges from Slack", region = data.aws_region.current.region, stat = "Sum", period = 3600, view = "bar"
        metrics = [
          ["siteops/Purge", "Purges", "site", var.site, { label = "accepted" }],
          ["siteops/Purge", "PurgeFailures", "site", var.site, { label = "failed" }],
        ]
      }
    },
  ]
}

output "dashboard_widgets" {
  value = local.dashboard_widgets
}

output "alarm_topic_arn" {
  value = aws_sns_topic.alarms.arn
}

output "alarm_arns" {
  description = "Every alarm of this module, for the site's dashboard."
  value       = [aws_cloudwatch_metric_alarm.canary.arn, aws_cloudwatch_metric_alarm.cdn_5xx.arn]
}

output "runbook_url" {
  value = var.runbook_url
}
