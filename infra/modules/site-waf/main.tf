# WAF web ACL for a CloudFront distribution (scope CLOUDFRONT, so it lives in us-east-1): the admin path is
# reachable only from the allow-list, then a per-IP rate limit and AWS managed rule groups.
# Allow-listed admin requests are allowed outright: Movable Type's entry saves trip the common rule set's
# body-size rule, and the people behind those ranges are the site's own editors.

terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.us_east_1]
    }
  }
}

variable "name" {
  type = string
}

variable "admin_path" {
  description = "URL path prefix of the CMS admin, or null when the site has none."
  type        = string
  default     = null
}

variable "admin_allow_cidrs" {
  type    = list(string)
  default = []
}

variable "rate_limit_per_5min" {
  type = number
}

locals {
  managed_rule_groups = ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]
  admin_ip_sets = var.admin_path == null ? {} : {
    IPV4 = [for cidr in var.admin_allow_cidrs : cidr if !strcontains(cidr, ":")]
    IPV6 = [for cidr in var.admin_allow_cidrs : cidr if strcontains(cidr, ":")]
  }
}

resource "aws_wafv2_ip_set" "admin" {
  for_each = local.admin_ip_sets
  provider = aws.us_east_1

  name               = "${var.name}-admin-${lower(each.key)}"
  scope              = "CLOUDFRONT"
  ip_address_version = each.key
  addresses          = each.value
}

resource "aws_wafv2_web_acl" "site" {
  provider = aws.us_east_1
  name     = var.name
  scope    = "CLOUDFRONT"

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = aws_wafv2_ip_set.admin
    content {
      name     = "admin-allow-${lower(rule.key)}"
      priority = rule.key == "IPV4" ? 0 : 1

      action {
        allow {}
      }

      statement {
        and_statement {
          statement {
            byte_match_statement {
              search_string         = var.admin_path
              positional_constraint = "STARTS_WITH"

              field_to_match {
                uri_path {}
              }

              text_transformation {
                priority = 0
                type     = "NONE"
              }
            }
          }
          statement {
            ip_set_reference_statement {
              arn = rule.value.arn
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-admin-allow-${lower(rule.key)}"
        sampled_requests_enabled   = true
      }
    }
  }

  dynamic "rule" {
    for_each = var.admin_path == null ? [] : [var.admin_path]
    content {
      name     = "admin-block-others"
      priority = 2

      action {
        block {}
      }

      statement {
        byte_match_statement {
          search_string         = rule.value
          positional_constraint = "STARTS_WITH"

          field_to_match {
            uri_path {}
          }

          text_transformation {
            priority = 0
            type     = "NONE"
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-admin-block"
        sampled_requests_enabled   = true
      }
    }
  }

  rule {
    name     = "rate-limit"
    priority = 3

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = var.rate_limit_per_5min
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  dynamic "rule" {
    for_each = local.managed_rule_groups
    content {
      name     = rule.value
      priority = 10 + rule.key

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          name        = rule.value
          vendor_name = "AWS"
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-${rule.value}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }
}

output "web_acl_arn" {
  value = aws_wafv2_web_acl.site.arn
}
