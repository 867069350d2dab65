# The site's PagerDuty service as code: the service on an existing escalation policy, and two integrations
# with distinct keys, each written to its own Secrets Manager secret:
#   Events API v2     -> siteops/pagerduty/<site>/events-v2   read by the siteops functions (backup window tag)
#   Amazon CloudWatch -> siteops/pagerduty/<site>/cloudwatch  read by the site's SNS subscription
# The keys are in the (encrypted) state only: no output returns them, only the secrets' names and ARNs.
# The provider's API token comes from PAGERDUTY_TOKEN in the environment, never from a file.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
    pagerduty = {
      source = "PagerDuty/pagerduty"
    }
  }
}

variable "site" {
  type = string
}

variable "escalation_policy" {
  description = "Id of the existing escalation policy the service pages (PABC123)."
  type        = string
}

variable "urgency" {
  description = "Urgency of every incident of the service: high or low."
  type        = string
  default     = "high"
}

variable "secret_prefix" {
  description = "The siteops functions may read only secrets under this prefix (template.yaml PagerDutySecretPrefix)."
  type        = string
  default     = "siteops/pagerduty/"
}

resource "pagerduty_service" "site" {
  name                    = "siteops ${var.site}"
  description             = "Alarms and backup alerts of the site ${var.site}; managed by Terraform (infra/generated/${var.site}), edit infra/sites/${var.site}.yaml instead."
  escalation_policy       = var.escalation_policy
  acknowledgement_timeout = "null"
  auto_resolve_timeout    = "null"

  incident_urgency_rule {
    type    = "constant"
    urgency = var.urgency
  }
}

data "pagerduty_vendor" "cloudwatch" {
  name = "Amazon CloudWatch"
}

# CloudWatch alarms reach PagerDuty through SNS; this integration understands the alarm's SNS message and
# resolves the incident on the alarm's OK notification.
resource "pagerduty_service_integration" "cloudwatch" {
  name    = "Amazon CloudWatch (site alarms)"
  service = pagerduty_service.site.id
  vendor  = data.pagerduty_vendor.cloudwatch.id
}

# The siteops functions (backup windows: MaintenanceToPagerDutyFunction) send Events API v2 events.
resource "pagerduty_service_integration" "events" {
  name    = "Events API v2 (siteops functions)"
  service = pagerduty_service.site.id
  type    = "events_api_v2_inbound_integration"
}

locals {
  integrations = {
    "events-v2"  = pagerduty_service_integration.events
    "cloudwatch" = pagerduty_service_integration.cloudwatch
  }
}

resource "aws_secretsmanager_secret" "key" {
  for_each = local.integrations

  name                    = "${var.secret_prefix}${var.site}/${each.key}"
  description             = "PagerDuty ${each.value.name} integration key of ${var.site} (written by Terraform)."
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "key" {
  for_each = local.integrations

  secret_id     = aws_secretsmanager_secret.key[each.key].id
  secret_string = each.value.integration_key
}

output "service_id" {
  value = pagerduty_service.site.id
}

output "events_secret_name" {
  description = "Name of the secret holding the Events API v2 key (the backup window's siteops:pagerduty-secret tag)."
  value       = aws_secretsmanager_secret.key["events-v2"].name
}

output "cloudwatch_secret_id" {
  description = "ARN of the secret holding the CloudWatch integration key, known once its value is written."
  value       = aws_secretsmanager_secret_version.key["cloudwatch"].secret_id
}
