# CloudFront in front of the content bucket, with its certificate, WAF and DNS.

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
