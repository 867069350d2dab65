# ALB in front of the server, CloudFront in front of the ALB, with its certificate, WAF and DNS.

resource "aws_lb" "site" {
  name_prefix                = "so-"
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.alb.id]
  subnets                    = aws_subnet.public[*].id
  drop_invalid_header_fields = true
  enable_deletion_protection = var.env == "prod"

  tags = { Name = local.name }
}

resource "aws_lb_target_group" "cms" {
  name_prefix = "so-"
  port        = 80
  protocol    = "HTTP"
  vpc_id      = aws_vpc.site.id

  health_check {
    path    = "/healthz"
    matcher = "200"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_target_group_attachment" "cms" {
  target_group_arn = aws_lb_target_group.cms.arn
  target_id        = aws_instance.cms.id
  port             = 80
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.site.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.cms.arn
  }
}

data "aws_route53_zone" "site" {
  count = var.route53_zone == null ? 0 : 1
  name  = var.route53_zone
}

locals {
  zone_id = var.route53_zone == null ? null : data.aws_route53_zone.site[0].zone_id
}

module "certificate" {
  source    = "../site-certificate"
  providers = { aws = aws, aws.us_east_1 = aws.us_east_1 }

  domain  = var.domain
  aliases = var.aliases
  zone_id = local.zone_id
}

module "waf" {
  source    = "../site-waf"
  providers = { aws.us_east_1 = aws.us_east_1 }

  name                = local.name
  admin_path          = var.admin_path
  admin_allow_cidrs   = var.admin_allow_cidrs
  rate_limit_per_5min = var.waf_rate_limit_per_5min
}

# Published pages are cached (the origin's Cache-Control decides, within these bounds); the admin is not.
resource "aws_cloudfront_cache_policy" "cms" {
  name        = "${local.name}-pages"
  min_ttl     = 0
  default_ttl = 300
  max_ttl     = 86400

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_brotli = true
    enable_accept_encoding_gzip   = true

    cookies_config {
      cookie_behavior = "none"
    }

    headers_config {
      header_behavior = "none"
    }

    query_strings_config {
      query_string_behavior = "all"
    }
  }
}

data "aws_cloudfront_cache_policy" "disabled" {
  name = "Managed-CachingDisabled"
}

data "aws_cloudfront_origin_request_policy" "all_viewer" {
  name = "Managed-AllViewer"
}

resource "aws_cloudfront_distribution" "site" {
  comment             = "${var.site} (Movable Type)"
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  price_class         = "PriceClass_200"
  aliases             = local.hostnames
  web_acl_id          = module.waf.web_acl_arn
  wait_for_deployment = false

  origin {
    origin_id   = "alb"
    domain_name = aws_lb.site.dns_name

    # CloudFront to ALB is HTTP inside AWS's network; the ALB admits only CloudFront's origin-facing ranges.
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "alb"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD"]
    compress               = true
    cache_policy_id        = aws_cloudfront_cache_policy.cms.id
  }

  ordered_cache_behavior {
    path_pattern             = "${var.admin_path}*"
    target_origin_id         = "alb"
    viewer_protocol_policy   = "https-only"
    allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods           = ["GET", "HEAD"]
    compress                 = true
    cache_policy_id          = data.aws_cloudfront_cache_policy.disabled.id
    origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer.id
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
