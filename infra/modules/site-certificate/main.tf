# DNS-validated ACM certificate, issued in the Region of the provider passed as aws.certificate: us-east-1 for a
# CloudFront distribution (CloudFront only accepts certificates from there), the site's Region for its ALB.
# With a Route53 zone the DNS validation records are created here (with the default provider); without one they
# are returned for the site owner to create at their DNS provider, and the first apply waits (up to the
# timeout) until they exist. ACM gives a domain name the same validation record in every Region of an account,
# so two certificates naming the same host share one record (allow_overwrite; the outputs are deduplicated).

terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.certificate]
    }
  }
}

variable "domain" {
  type = string
}

variable "aliases" {
  type = list(string)
}

variable "zone_id" {
  description = "Route53 hosted zone id, or null when DNS is managed elsewhere."
  type        = string
}

resource "aws_acm_certificate" "site" {
  provider                  = aws.certificate
  domain_name               = var.domain
  subject_alternative_names = var.aliases
  validation_method         = "DNS"
  key_algorithm             = "RSA_2048"

  lifecycle {
    create_before_destroy = true
  }
}

locals {
  validation_records = {
    for option in aws_acm_certificate.site.domain_validation_options : option.domain_name => {
      name  = option.resource_record_name
      type  = option.resource_record_type
      value = option.resource_record_value
    }
  }
}

resource "aws_route53_record" "validation" {
  for_each = var.zone_id == null ? {} : local.validation_records

  zone_id         = var.zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "site" {
  provider                = aws.certificate
  certificate_arn         = aws_acm_certificate.site.arn
  validation_record_fqdns = var.zone_id == null ? null : [for record in aws_route53_record.validation : record.fqdn]

  timeouts {
    create = "2h"
  }
}

output "certificate_arn" {
  description = "ARN of the issued (validated) certificate."
  value       = aws_acm_certificate_validation.site.certificate_arn
}

output "validation_records" {
  description = "CNAME records proving domain ownership; to create by hand when there is no Route53 zone."
  value       = var.zone_id == null ? values(local.validation_records) : []
}
