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

# Traffic, errors, the canary, purges and the alarms; CloudFront's metrics are read in us-east-1.
resource "aws_cloudwatch_dashboard" "site" {
  dashboard_name = local.name
  dashboard_body = jsonencode({
    widgets = concat([
      {
        type       = "text", width = 24, height = 2
        properties = { markdown = "## ${var.site}\n[https://${var.domain}/](https://${var.domain}/) · archived static HTML in ${aws_s3_bucket.content.bucket} · [runbook](${module.monitoring.runbook_url}#runbook)" }
      },
      {
        type = "metric", width = 12, height = 6
        properties = {
          title   = "Traffic (requests per 5 minutes)", region = "us-east-1", stat = "Sum", period = 300, view = "timeSeries"
          metrics = [["AWS/CloudFront", "Requests", "DistributionId", aws_cloudfront_distribution.site.id, "Region", "Global", { label = "CloudFront" }]]
        }
      },
      ], module.monitoring.dashboard_widgets, [
      {
        type       = "alarm", width = 24, height = 3
        properties = { title = "Alarms of ${var.site}", alarms = module.monitoring.alarm_arns }
      },
    ])
  })
}
