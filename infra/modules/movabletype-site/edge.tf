# ALB in front of the server, CloudFront in front of the ALB, with its certificate, WAF and DNS.

resource "aws_lb" "site" {
  name_prefix                = "so-"
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.alb.id]
  subnets                    = aws_subnet.public[*].id
  drop_invalid_header_fields = true
  enable_deletion_protection = var.env == "prod"

  access_logs {
    bucket  = aws_s3_bucket.ops.bucket
    prefix  = "alb"
    enabled = true
  }

  tags = { Name = local.name }

  # The log bucket must admit the ALB before access logs are switched on.
  depends_on = [aws_s3_bucket_policy.ops]
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

data "aws_route53_zone" "site" {
  count = var.route53_zone == null ? 0 : 1
  name  = var.route53_zone
}

locals {
  zone_id = var.route53_zone == null ? null : data.aws_route53_zone.site[0].zone_id
  # CloudFront reaches the ALB over HTTPS by this name. The ALB's certificate also names the site's hostnames:
  # the admin behaviour forwards the viewer's Host header, and CloudFront then checks the certificate against it.
  origin_hostname = "origin.${var.domain}"
  # Sent by CloudFront with every origin request; the ALB answers 403 to requests without it.
  origin_secret_header = "X-Siteops-Origin-Verify"
}

# The ALB's own certificate, in the site's Region (the default provider), validated like the CloudFront one.
module "origin_certificate" {
  source    = "../site-certificate"
  providers = { aws = aws, aws.certificate = aws }

  domain  = local.origin_hostname
  aliases = local.hostnames
  zone_id = local.zone_id
}

resource "aws_route53_record" "origin" {
  count = var.route53_zone == null ? 0 : 1

  zone_id = local.zone_id
  name    = local.origin_hostname
  type    = "A"

  alias {
    name                   = aws_lb.site.dns_name
    zone_id                = aws_lb.site.zone_id
    evaluate_target_health = false
  }
}

# Only in the state and in CloudFront's and the ALB's configuration, never in the repository or an output.
# Rotate with: terraform apply -replace=module.site.random_password.origin_secret (the site answers 403 for
# the few minutes CloudFront takes to deploy the new value).
resource "random_password" "origin_secret" {
  length  = 48
  special = false
}

# HTTPS only, TLS 1.2 or 1.3. There is no port 80 listener: CloudFront never uses it, and the security group
# admits CloudFront's origin-facing ranges on 443 only.
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.site.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = module.origin_certificate.certificate_arn

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Forbidden"
      status_code  = "403"
    }
  }
}

resource "aws_lb_listener_rule" "from_cloudfront" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 1

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.cms.arn
  }

  condition {
    http_header {
      http_header_name = local.origin_secret_header
      values           = [random_password.origin_secret.result]
    }
  }
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
    domain_name = local.origin_hostname

    # Editors' admin sessions cross the internet between edge and origin: HTTPS, TLS 1.2 or later, to an ALB
    # that admits only CloudFront's origin-facing ranges and only requests carrying the secret header.
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
      # Movable Type rebuilds from the admin can take longer than CloudFront's default of 30 s.
      origin_read_timeout = 60
    }

    custom_header {
      name  = local.origin_secret_header
      value = random_password.origin_secret.result
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

  # Switch CloudFront to the HTTPS origin only once the ALB serves it.
  depends_on = [aws_lb_listener_rule.from_cloudfront, aws_route53_record.origin]
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
