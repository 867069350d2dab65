# The canary, the alarms and the dashboard of an archived site, sent to the site's PagerDuty topic.

module "monitoring" {
  source    = "../site-monitoring"
  providers = { aws = aws, aws.us_east_1 = aws.us_east_1 }

  site                        = var.site
  pagerduty_secret            = var.pagerduty_secret
  pagerduty_cloudwatch_secret = var.pagerduty_cloudwatch_secret
  url                         = "https://${var.domain}${var.canary_path}"
  canary_interval_minutes     = var.canary_interval_minutes
  distribution_id             = aws_cloudfront_distribution.site.id
  alarm_cdn_5xx_percent       = var.alarm_cdn_5xx_percent
}

locals {
  distribution = ["DistributionId", aws_cloudfront_distribution.site.id, "Region", "Global"]
}

# Traffic, errors, the canary, purges and the alarms; CloudFront's metrics are read in us-east-1.
resource "aws_cloudwatch_dashboard" "site" {
  dashboard_name = local.name
  dashboard_body = jsonencode({
    widgets = [
      {
        type       = "text", width = 24, height = 2
        properties = { markdown = "## ${var.site}\n[https://${var.domain}/](https://${var.domain}/) · archived static HTML in ${aws_s3_bucket.content.bucket} · [runbook](${module.monitoring.runbook_url}#runbook)" }
      },
      {
        type = "metric", width = 12, height = 6
        properties = {
          title   = "Traffic (requests per 5 minutes)", region = "us-east-1", stat = "Sum", period = 300, view = "timeSeries"
          metrics = [concat(["AWS/CloudFront", "Requests"], local.distribution, [{ label = "CloudFront" }])]
        }
      },
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
          metrics = [["CloudWatchSynthetics", "SuccessPercent", "CanaryName", module.monitoring.canary_name, { label = "canary" }]]
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
      {
        type       = "alarm", width = 24, height = 3
        properties = { title = "Alarms of ${var.site}", alarms = module.monitoring.alarm_arns }
      },
    ]
  })
}
