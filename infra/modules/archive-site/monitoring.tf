# The canary and the alarms of an archived site, sent to the site's PagerDuty topic.

module "monitoring" {
  source = "../site-monitoring"

  site                    = var.site
  pagerduty_secret        = var.pagerduty_secret
  url                     = "https://${var.domain}${var.canary_path}"
  canary_interval_minutes = var.canary_interval_minutes
  purge_function_name     = var.purge_function_name
  purge_function_alias    = var.purge_function_alias
}
