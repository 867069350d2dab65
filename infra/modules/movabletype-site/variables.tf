# Inputs of a Movable Type site; generated roots set them from infra/sites/<site>.yaml (see infra/README.md).

variable "site" {
  type = string
}

variable "project" {
  type = string
}

variable "env" {
  type = string
}

variable "domain" {
  type = string
}

variable "aliases" {
  type    = list(string)
  default = []
}

variable "route53_zone" {
  description = "Name of the Route53 hosted zone holding the domain, or null when DNS is managed elsewhere."
  type        = string
  default     = null
}

variable "pagerduty_secret" {
  description = "Name of the Secrets Manager secret holding the PagerDuty key the functions (Events API v2) and, unless pagerduty_cloudwatch_secret is set, the alarms use."
  type        = string
  default     = null
}

variable "pagerduty_cloudwatch_secret" {
  description = "Id of the secret holding the Amazon CloudWatch integration key, when the root manages the PagerDuty service (modules/pagerduty-service)."
  type        = string
  default     = null
}

variable "instance_type" {
  type    = string
  default = "t3.small"
}

variable "volume_size_gb" {
  type    = number
  default = 30
}

variable "user_data" {
  description = "cloud-init user data (the generated cloud-init.yaml)."
  type        = string
}

variable "backup_schedule" {
  type    = string
  default = "cron(0 18 ? * * *)"
}

variable "backup_retention_days" {
  type    = number
  default = 14
}

variable "patch_approve_after_days" {
  description = "Picks the shared baseline siteops-al2023-approve-after-<NN>d (infra/modules/patch-baseline)."
  type        = number
  default     = 7
}

variable "patch_install" {
  description = "after-backup: install approved updates in the backup window after the backups; paused: scan only."
  type        = string
  default     = "after-backup"
}

variable "admin_path" {
  type    = string
  default = "/mt/"
}

variable "admin_allow_cidrs" {
  type = list(string)
}

variable "alarm_cpu_percent" {
  type    = number
  default = 80
}

variable "alarm_5xx_per_5min" {
  type    = number
  default = 10
}

variable "alarm_latency_seconds" {
  type    = number
  default = 3
}

variable "alarm_disk_root_percent" {
  type    = number
  default = 85
}

variable "alarm_disk_data_percent" {
  type    = number
  default = 85
}

variable "alarm_memory_percent" {
  type    = number
  default = 90
}

variable "alarm_swap_percent" {
  type    = number
  default = 50
}

variable "alarm_alb_5xx_percent" {
  type    = number
  default = 5
}

variable "alarm_cdn_5xx_percent" {
  type    = number
  default = 5
}

variable "waf_rate_limit_per_5min" {
  type    = number
  default = 2000
}

variable "canary_path" {
  type    = string
  default = "/"
}

variable "canary_interval_minutes" {
  type    = number
  default = 5
}

variable "purge_function_name" {
  description = "The CDN purge function deployed by the siteops SAM stack (FunctionNamePrefix + '-cdn-purge')."
  type        = string
  default     = "siteops-cdn-purge"
}

variable "purge_function_alias" {
  type    = string
  default = "live"
}

variable "vpc_cidr" {
  type    = string
  default = "10.80.0.0/16"
}
