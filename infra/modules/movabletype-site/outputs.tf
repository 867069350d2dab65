output "url" {
  value = "https://${var.domain}/"
}

output "distribution_id" {
  value = aws_cloudfront_distribution.site.id
}

output "dns_records_to_create" {
  value = module.publishing.dns_records_to_create
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
