# Inputs of an archived site; generated roots set them from infra/sites/<site>.yaml (see infra/README.md).

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
