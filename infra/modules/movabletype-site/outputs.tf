output "url" {
  value = "https://${var.domain}/"
}

output "distribution_id" {
  value = aws_cloudfront_distribution.site.id
}

output "dns_records_to_create" {
  description = "Without a Route53 zone: the CloudFront records, plus the ALB certificate's validation records and the origin name CloudFront connects to."
  value = var.route53_zone != null ? [] : distinct(concat(
    module.publishing.dns_records_to_create,
    module.origin_certificate.validation_records,
    [{ name = local.origin_hostname, type = "CNAME", value = aws_lb.site.dns_name }],
  ))
}

output "origin_hostname" {
  description = "Name CloudFront connects to over HTTPS (an alias of the ALB)."
  value       = local.origin_hostname
}

output "instance_id" {
  value = aws_instance.cms.id
}

output "elastic_ip" {
  value = aws_eip.cms.public_ip
}

output "purge_function_arn" {
  description = "Alias ARN of the CDN purge function, for the Slack channel's guardrail."
  value       = local.purge_function_arn
}
