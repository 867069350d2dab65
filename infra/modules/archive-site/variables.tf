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
  description = "Name of the Secrets Manager secret holding the PagerDuty integration key."
  type        = string
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
