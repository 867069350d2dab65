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
