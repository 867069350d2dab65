# An archived site: its static HTML in a private S3 bucket, served only through CloudFront (origin access
# control), with the same certificate, WAF, DNS, registry and alerting as a Movable Type site.

terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.us_east_1]
    }
  }
}

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
  default = 15
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

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  name               = "siteops-${var.site}"
  hostnames          = concat([var.domain], var.aliases)
  purge_function_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.purge_function_name}:${var.purge_function_alias}"
  zone_id            = var.route53_zone == null ? null : data.aws_route53_zone.site[0].zone_id
}

resource "aws_s3_bucket" "content" {
  bucket_prefix = substr("siteops-${var.site}-", 0, 37)
}

resource "aws_s3_bucket_public_access_block" "content" {
  bucket                  = aws_s3_bucket.content.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "content" {
  bucket = aws_s3_bucket.content.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "content" {
  bucket = aws_s3_bucket.content.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_cloudfront_origin_access_control" "content" {
  name                              = local.name
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_s3_bucket_policy" "content" {
  bucket = aws_s3_bucket.content.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.content.arn}/*"
      Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.site.arn } }
    }]
  })
}

data "aws_route53_zone" "site" {
  count = var.route53_zone == null ? 0 : 1
  name  = var.route53_zone
}

module "certificate" {
  source    = "../site-certificate"
  providers = { aws = aws, aws.certificate = aws.us_east_1 }

  domain  = var.domain
  aliases = var.aliases
  zone_id = local.zone_id
}

module "waf" {
  source    = "../site-waf"
  providers = { aws.us_east_1 = aws.us_east_1 }

  name                = local.name
  rate_limit_per_5min = var.waf_rate_limit_per_5min
}

data "aws_cloudfront_cache_policy" "optimized" {
  name = "Managed-CachingOptimized"
}

# Directory URLs (/news/) serve their index.html, as the original CMS-published site did.
resource "aws_cloudfront_function" "index" {
  name    = "${local.name}-index"
  runtime = "cloudfront-js-2.0"
  publish = true
  code    = <<-JS
    function handler(event) {
      var request = event.request;
      if (request.uri.endsWith('/')) {
        request.uri += 'index.html';
      }
      return request;
    }
  JS
}

resource "aws_cloudfront_distribution" "site" {
  comment             = "${var.site} (archive)"
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  price_class         = "PriceClass_200"
  aliases             = local.hostnames
  web_acl_id          = module.waf.web_acl_arn
  default_root_object = "index.html"
  wait_for_deployment = false

  origin {
    origin_id                = "content"
    domain_name              = aws_s3_bucket.content.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.content.id
  }

  default_cache_behavior {
    target_origin_id       = "content"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    compress               = true
    cache_policy_id        = data.aws_cloudfront_cache_policy.optimized.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.index.arn
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = module.certificate.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

module "publishing" {
  source = "../site-publishing"

  site                           = var.site
  hostnames                      = local.hostnames
  zone_id                        = local.zone_id
  distribution_id                = aws_cloudfront_distribution.site.id
  distribution_domain_name       = aws_cloudfront_distribution.site.domain_name
  distribution_hosted_zone_id    = aws_cloudfront_distribution.site.hosted_zone_id
  certificate_validation_records = module.certificate.validation_records
}

module "monitoring" {
  source = "../site-monitoring"

  site                    = var.site
  pagerduty_secret        = var.pagerduty_secret
  url                     = "https://${var.domain}${var.canary_path}"
  canary_interval_minutes = var.canary_interval_minutes
  purge_function_name     = var.purge_function_name
  purge_function_alias    = var.purge_function_alias
}

output "url" {
  value = "https://${var.domain}/"
}

output "distribution_id" {
  value = aws_cloudfront_distribution.site.id
}

output "dns_records_to_create" {
  value = module.publishing.dns_records_to_create
}

output "content_bucket" {
  value = aws_s3_bucket.content.bucket
}

output "purge_function_arn" {
  description = "Alias ARN of the CDN purge function, for the Slack channel's guardrail."
  value       = local.purge_function_arn
}
