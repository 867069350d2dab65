# Logs from the server and the alarms of a Movable Type site, all sent to the site's PagerDuty topic.

resource "aws_cloudwatch_log_group" "server" {
  for_each = toset(["nginx/access", "nginx/error", "movabletype"])

  name              = "/siteops/${var.site}/${each.value}"
  retention_in_days = 90
}

resource "aws_cloudwatch_log_group" "backup" {
  name              = "/siteops/${var.site}/backup"
  retention_in_days = 90
}

module "monitoring" {
  source = "../site-monitoring"

  site                    = var.site
  pagerduty_secret        = var.pagerduty_secret
  url                     = "https://${var.domain}${var.canary_path}"
  canary_interval_minutes = var.canary_interval_minutes
  purge_function_name     = var.purge_function_name
  purge_function_alias    = var.purge_function_alias
}

locals {
  alb_dimensions = { LoadBalancer = aws_lb.site.arn_suffix, TargetGroup = aws_lb_target_group.cms.arn_suffix }
  alarms = {
    status-check = {
      description = "EC2 status check failed", namespace = "AWS/EC2", metric = "StatusCheckFailed", statistic = "Maximum"
      dimensions  = { InstanceId = aws_instance.cms.id }, period = 60, periods = 2, operator = "GreaterThanOrEqualToThreshold", threshold = 1, missing = "breaching"
    }
    cpu = {
      description = "CPU above ${var.alarm_cpu_percent}% for 15 minutes", namespace = "AWS/EC2", metric = "CPUUtilization", statistic = "Average"
      dimensions  = { InstanceId = aws_instance.cms.id }, period = 300, periods = 3, operator = "GreaterThanOrEqualToThreshold", threshold = var.alarm_cpu_percent, missing = "missing"
    }
    alb-5xx = {
      description = "At least ${var.alarm_5xx_per_5min} 5xx answers from Movable Type in 5 minutes", namespace = "AWS/ApplicationELB", metric = "HTTPCode_Target_5XX_Count", statistic = "Sum"
      dimensions  = local.alb_dimensions, period = 300, periods = 1, operator = "GreaterThanOrEqualToThreshold", threshold = var.alarm_5xx_per_5min, missing = "notBreaching"
    }
    elb-5xx = {
      description = "At least ${var.alarm_5xx_per_5min} 5xx answers from the ALB itself (no healthy target, timeouts) in 5 minutes", namespace = "AWS/ApplicationELB", metric = "HTTPCode_ELB_5XX_Count", statistic = "Sum"
      dimensions  = { LoadBalancer = aws_lb.site.arn_suffix }, period = 300, periods = 1, operator = "GreaterThanOrEqualToThreshold", threshold = var.alarm_5xx_per_5min, missing = "notBreaching"
    }
    latency = {
      description = "Average response time above ${var.alarm_latency_seconds}s for 15 minutes", namespace = "AWS/ApplicationELB", metric = "TargetResponseTime", statistic = "Average"
      dimensions  = local.alb_dimensions, period = 300, periods = 3, operator = "GreaterThanOrEqualToThreshold", threshold = var.alarm_latency_seconds, missing = "notBreaching"
    }
    unhealthy-hosts = {
      description = "The ALB sees the server as unhealthy", namespace = "AWS/ApplicationELB", metric = "UnHealthyHostCount", statistic = "Maximum"
      dimensions  = local.alb_dimensions, period = 60, periods = 3, operator = "GreaterThanOrEqualToThreshold", threshold = 1, missing = "breaching"
    }
    backup-db = {
      description = "No successful database backup in 24 hours", namespace = "Siteops/Backup", metric = "BackupSucceeded", statistic = "Sum"
      dimensions  = { Site = var.site, Task = "db" }, period = 86400, periods = 1, operator = "LessThanThreshold", threshold = 1, missing = "breaching"
    }
    backup-files = {
      description = "No successful file backup in 24 hours", namespace = "Siteops/Backup", metric = "BackupSucceeded", statistic = "Sum"
      dimensions  = { Site = var.site, Task = "files" }, period = 86400, periods = 1, operator = "LessThanThreshold", threshold = 1, missing = "breaching"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "site" {
  for_each = local.alarms

  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = "${var.site}: ${each.value.description}"
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = each.value.statistic
  dimensions          = each.value.dimensions
  period              = each.value.period
  evaluation_periods  = each.value.periods
  comparison_operator = each.value.operator
  threshold           = each.value.threshold
  treat_missing_data  = each.value.missing
  alarm_actions       = [module.monitoring.alarm_topic_arn]
  ok_actions          = [module.monitoring.alarm_topic_arn]
}
