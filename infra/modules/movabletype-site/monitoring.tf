# Logs from the server, the alarms of a Movable Type site (all sent to the site's PagerDuty topic) and the
# site's dashboard. Failed or missing backups are paged by the maintenance-to-PagerDuty function alone (the
# window's tags, backup.tf): no alarm here watches the backup metric (infra/README.md, "One failure, one incident").

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
  runbook        = module.monitoring.runbook_url
  alb_dimensions = { LoadBalancer = aws_lb.site.arn_suffix, TargetGroup = aws_lb_target_group.cms.arn_suffix }
  instance       = { InstanceId = aws_instance.cms.id }

  # treat_missing_data is "breaching" only where the metric exists from creation (EC2 status, the ALB's target health);
  # counts, the agent's metrics and error rates appear with traffic or once the agent runs, and a new site must
  # not page before that.
  alarms = {
    status-check = {
      meaning   = "EC2 status check failed: the server or its host is impaired.", first = "look at the instance's status checks; reboot it from the console if only the instance check fails"
      namespace = "AWS/EC2", metric = "StatusCheckFailed", statistic = "Maximum", dimensions = local.instance
      period    = 60, periods = 2, operator = "GreaterThanOrEqualToThreshold", threshold = 1, missing = "breaching", runbook = "runbook-status-check"
    }
    cpu = {
      meaning   = "CPU above ${var.alarm_cpu_percent}% for 15 minutes.", first = "open a Session Manager session and look at top (Starman workers, rebuilds, mysqld)"
      namespace = "AWS/EC2", metric = "CPUUtilization", statistic = "Average", dimensions = local.instance
      period    = 300, periods = 3, operator = "GreaterThanOrEqualToThreshold", threshold = var.alarm_cpu_percent, missing = "missing", runbook = "runbook-cpu"
    }
    elb-5xx = {
      meaning   = "at least ${var.alarm_5xx_per_5min} 5xx answers from the ALB itself in 5 minutes (no healthy target, timeouts).", first = "check the unhealthy-hosts alarm and whether nginx and Movable Type run"
      namespace = "AWS/ApplicationELB", metric = "HTTPCode_ELB_5XX_Count", statistic = "Sum", dimensions = { LoadBalancer = aws_lb.site.arn_suffix }
      period    = 300, periods = 1, operator = "GreaterThanOrEqualToThreshold", threshold = var.alarm_5xx_per_5min, missing = "notBreaching", runbook = "runbook-elb-5xx"
    }
    latency = {
      meaning   = "average response time above ${var.alarm_latency_seconds}s for 15 minutes.", first = "check CPU and memory on the dashboard, then the Movable Type log"
      namespace = "AWS/ApplicationELB", metric = "TargetResponseTime", statistic = "Average", dimensions = local.alb_dimensions
      period    = 300, periods = 3, operator = "GreaterThanOrEqualToThreshold", threshold = var.alarm_latency_seconds, missing = "notBreaching", runbook = "runbook-latency"
    }
    unhealthy-hosts = {
      meaning   = "the ALB sees the server as unhealthy (GET /healthz fails): the site is down behind CloudFront.", first = "check nginx on the server (systemctl status nginx) through Session Manager"
      namespace = "AWS/ApplicationELB", metric = "UnHealthyHostCount", statistic = "Maximum", dimensions = local.alb_dimensions
      period    = 60, periods = 3, operator = "GreaterThanOrEqualToThreshold", threshold = 1, missing = "breaching", runbook = "runbook-unhealthy-hosts"
    }
    memory = {
      meaning   = "memory use above ${var.alarm_memory_percent}% for 15 minutes.", first = "look for the biggest processes (ps aux --sort=-rss) through Session Manager"
      namespace = "CWAgent", metric = "mem_used_percent", statistic = "Average", dimensions = local.instance
      period    = 300, periods = 3, operator = "GreaterThanOrEqualToThreshold", threshold = var.alarm_memory_percent, missing = "notBreaching", runbook = "runbook-memory"
    }
    swap = {
      meaning   = "swap use above ${var.alarm_swap_percent}% for 15 minutes: the server is short of memory and slows down.", first = "check the memory alarm and the Starman worker count"
      namespace = "CWAgent", metric = "swap_used_percent", statistic = "Average", dimensions = local.instance
      period    = 300, periods = 3, operator = "GreaterThanOrEqualToThreshold", threshold = var.alarm_swap_percent, missing = "notBreaching", runbook = "runbook-swap"
    }
  }

  # The agent's disk metrics carry device and fstype dimensions that Terraform cannot know; a Metrics Insights
  # query selects the volume by its mount path instead. /var/www is the data volume's mount point.
  volumes = {
    root = { path = "/", threshold = var.alarm_disk_root_percent }
    data = { path = "/var/www", threshold = var.alarm_disk_data_percent }
  }
}

resource "aws_cloudwatch_metric_alarm" "site" {
  for_each = local.alarms

  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = "${var.site}: ${each.value.meaning} First: ${each.value.first}. Runbook: ${local.runbook}#${each.value.runbook}"
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

resource "aws_cloudwatch_metric_alarm" "disk" {
  for_each = local.volumes

  alarm_name          = "${local.name}-disk-${each.key}"
  alarm_description   = "${var.site}: the ${each.key} volume (${each.value.path}) is more than ${each.value.threshold}% full; a full disk stops MariaDB and Movable Type. First: find what grew (sudo du -xh ${each.value.path} | sort -h | tail) through Session Manager. Runbook: ${local.runbook}#runbook-disk"
  evaluation_periods  = 2
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [module.monitoring.alarm_topic_arn]
  ok_actions          = [module.monitoring.alarm_topic_arn]

  metric_query {
    id          = "used"
    label       = "${each.value.path} used (percent)"
    expression  = "SELECT MAX(disk_used_percent) FROM CWAgent WHERE InstanceId = '${aws_instance.cms.id}' AND path = '${each.value.path}'"
    period      = 300
    return_data = true
  }
}

# Movable Type's 5xx as a share of the ALB's requests; below 50 requests in 5 minutes it counts as 0.
resource "aws_cloudwatch_metric_alarm" "alb_5xx_rate" {
  alarm_name          = "${local.name}-alb-5xx-rate"
  alarm_description   = "${var.site}: at least ${var.alarm_alb_5xx_percent}% of the answers from Movable Type were 5xx over 5 minutes. First: read the Movable Type and nginx error logs (/siteops/${var.site}/movabletype, /siteops/${var.site}/nginx/error). Runbook: ${local.runbook}#runbook-alb-5xx"
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.alarm_alb_5xx_percent
  treat_missing_data  = "notBreaching"
  alarm_actions       = [module.monitoring.alarm_topic_arn]
  ok_actions          = [module.monitoring.alarm_topic_arn]

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = local.alb_dimensions
      stat        = "Sum"
      period      = 300
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = local.alb_dimensions
      stat        = "Sum"
      period      = 300
    }
  }

  metric_query {
    id          = "rate"
    label       = "Target 5xx rate (percent, from 50 requests)"
    expression  = "IF(FILL(requests, 0) >= 50, 100 * FILL(errors, 0) / requests, 0)"
    return_data = true
  }
}
