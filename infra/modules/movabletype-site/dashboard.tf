# The site's CloudWatch dashboard: traffic, errors, latency, CPU, disk, memory, backups, and (from
# site-monitoring) edge errors, the synthetic check and purges, then every alarm of the site. CloudFront's
# metrics are read in us-east-1; the rest in the site's Region.

locals {
  region       = data.aws_region.current.region
  target_group = ["LoadBalancer", aws_lb.site.arn_suffix, "TargetGroup", aws_lb_target_group.cms.arn_suffix]
}

resource "aws_cloudwatch_dashboard" "site" {
  dashboard_name = local.name
  dashboard_body = jsonencode({
    widgets = concat([
      {
        type       = "text", width = 24, height = 2
        properties = { markdown = "## ${var.site}\n[https://${var.domain}/](https://${var.domain}/) · Movable Type on ${aws_instance.cms.id} · alarms page through PagerDuty · [runbook](${local.runbook}#runbook)" }
      },
      {
        type = "metric", width = 12, height = 6
        properties = {
          title = "Traffic (requests per 5 minutes)", region = "us-east-1", stat = "Sum", period = 300, view = "timeSeries"
          metrics = [
            ["AWS/CloudFront", "Requests", "DistributionId", aws_cloudfront_distribution.site.id, "Region", "Global", { label = "CloudFront", region = "us-east-1" }],
            concat(["AWS/ApplicationELB", "RequestCount"], local.target_group, [{ label = "ALB (origin)", region = local.region }]),
          ]
        }
      },
      {
        type = "metric", width = 12, height = 6
        properties = {
          title = "Origin errors (count per 5 minutes)", region = local.region, stat = "Sum", period = 300, view = "timeSeries"
          metrics = [
            concat(["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"], local.target_group, [{ label = "Movable Type 5xx" }]),
            ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", aws_lb.site.arn_suffix, { label = "ALB 5xx" }],
          ]
        }
      },
      {
        type = "metric", width = 12, height = 6
        properties = {
          title = "Latency (seconds)", region = local.region, period = 300, view = "timeSeries"
          metrics = [
            concat(["AWS/ApplicationELB", "TargetResponseTime"], local.target_group, [{ label = "average", stat = "Average" }]),
            concat(["AWS/ApplicationELB", "TargetResponseTime"], local.target_group, [{ label = "p90", stat = "p90" }]),
          ]
          annotations = { horizontal = [{ label = "latency alarm", value = var.alarm_latency_seconds }] }
        }
      },
      {
        type = "metric", width = 8, height = 6
        properties = {
          title       = "CPU (percent)", region = local.region, stat = "Average", period = 300, view = "timeSeries", yAxis = { left = { min = 0, max = 100 } }
          metrics     = [["AWS/EC2", "CPUUtilization", "InstanceId", aws_instance.cms.id, { label = "CPU" }]]
          annotations = { horizontal = [{ label = "CPU alarm", value = var.alarm_cpu_percent }] }
        }
      },
      {
        type = "metric", width = 8, height = 6
        properties = {
          title   = "Disk used (percent)", region = local.region, period = 300, view = "timeSeries", yAxis = { left = { min = 0, max = 100 } }
          metrics = [[{ expression = "SEARCH('{CWAgent,InstanceId,device,fstype,path} MetricName=\"disk_used_percent\" InstanceId=\"${aws_instance.cms.id}\"', 'Maximum', 300)", id = "disk", label = "" }]]
          annotations = { horizontal = [
            { label = "root alarm", value = var.alarm_disk_root_percent },
            { label = "data alarm", value = var.alarm_disk_data_percent },
          ] }
        }
      },
      {
        type = "metric", width = 8, height = 6
        properties = {
          title = "Memory and swap used (percent)", region = local.region, stat = "Average", period = 300, view = "timeSeries", yAxis = { left = { min = 0, max = 100 } }
          metrics = [
            ["CWAgent", "mem_used_percent", "InstanceId", aws_instance.cms.id, { label = "memory" }],
            ["CWAgent", "swap_used_percent", "InstanceId", aws_instance.cms.id, { label = "swap" }],
          ]
        }
      },
      {
        type = "metric", width = 12, height = 6
        properties = {
          title = "Backups (successes per day; a failure pages through the backup window)", region = local.region, stat = "Sum", period = 86400, view = "bar"
          metrics = [
            ["Siteops/Backup", "BackupSucceeded", "Site", var.site, "Task", "db", { label = "database" }],
            ["Siteops/Backup", "BackupSucceeded", "Site", var.site, "Task", "files", { label = "files" }],
          ]
        }
      },
      ], module.monitoring.dashboard_widgets, [
      {
        type = "alarm", width = 24, height = 4
        properties = {
          title = "Alarms of ${var.site}"
          alarms = concat(
            module.monitoring.alarm_arns,
            [for alarm in aws_cloudwatch_metric_alarm.site : alarm.arn],
            [for alarm in aws_cloudwatch_metric_alarm.disk : alarm.arn],
            [aws_cloudwatch_metric_alarm.alb_5xx_rate.arn],
          )
        }
      },
    ])
  })
}
