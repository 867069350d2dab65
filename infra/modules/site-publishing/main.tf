# Makes a distribution reachable and known: Route53 alias records for every hostname (or the records to
# create by hand), and the site-registry parameter /siteops/sites/<site> that the CDN purge function reads.

variable "site" {
  type = string
}

variable "hostnames" {
  description = "Every hostname of the distribution, main domain first."
  type        = list(string)
}

variable "zone_id" {
  description = "Route53 hosted zone id, or null when DNS is managed elsewhere."
  type        = string
}

variable "distribution_id" {
  type = string
}

variable "distribution_domain_name" {
  type = string
}

variable "distribution_hosted_zone_id" {
  type = string
}

variable "certificate_validation_records" {
  type = list(object({ name = string, type = string, value = string }))
}

locals {
  alias_records = var.zone_id == null ? {} : merge([
    for host in var.hostnames : { "${host} A" = { name = host, type = "A" }, "${host} AAAA" = { name = host, type = "AAAA" } }
  ]...)
}

resource "aws_route53_record" "site" {
  for_each = local.alias_records

  zone_id = var.zone_id
  name    = each.value.name
  type    = each.value.type

  alias {
    name                   = var.distribution_domain_name
    zone_id                = var.distribution_hosted_zone_id
    evaluate_target_health = false
  }
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_ssm_parameter" "registry" {
  name        = "/siteops/sites/${var.site}"
  description = "Site registry entry read by the siteops CDN purge and purge-status functions."
  type        = "String"
  # notificationTopicArn: the Chatbot topic infra/modules/slack-purge creates for the site's channel (every
  # generated root has one), named by the same convention, so the purge-status function can say "purge done".
  value = jsonencode({
    distributionId       = var.distribution_id
    aliases              = var.hostnames
    notificationTopicArn = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:siteops-${var.site}-chatbot"
  })
}

output "dns_records_to_create" {
  description = "Records to create at the DNS provider when Route53 does not host the zone (apex names need ALIAS/ANAME support)."
  value = var.zone_id != null ? [] : concat(
    var.certificate_validation_records,
    [for host in var.hostnames : { name = host, type = "CNAME", value = var.distribution_domain_name }],
  )
}
