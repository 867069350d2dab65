output "document_names" {
  description = "Names of the fleet documents, for bin/fleet run --document."
  value       = [for document in aws_ssm_document.fleet : document.name]
}

output "document_versions" {
  description = "Default version of each document after this apply."
  value       = { for name, document in aws_ssm_document.fleet : name => document.default_version }
}

output "log_group_name" {
  description = "Where Run Command writes the output of bin/fleet's commands."
  value       = aws_cloudwatch_log_group.run_command.name
}
