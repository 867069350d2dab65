# What the workflows need: set these as repository variables (Settings > Secrets and variables > Actions).

output "SITEOPS_STATE_BUCKET" {
  description = "Repository variable SITEOPS_STATE_BUCKET: the state bucket."
  value       = aws_s3_bucket.state.bucket
}

output "SITEOPS_PLAN_ROLE_ARN" {
  description = "Repository variable SITEOPS_PLAN_ROLE_ARN: sites-plan and sites-drift."
  value       = aws_iam_role.workflow["plan"].arn
}

output "SITEOPS_APPLY_ROLE_ARN" {
  description = "Repository variable SITEOPS_APPLY_ROLE_ARN: sites-apply (production environment)."
  value       = aws_iam_role.workflow["apply"].arn
}

output "SITEOPS_DEPLOY_ROLE_ARN" {
  description = "Repository variable SITEOPS_DEPLOY_ROLE_ARN: functions-deploy (production environment)."
  value       = aws_iam_role.workflow["deploy"].arn
}

output "account_id" {
  description = "The account bootstrapped."
  value       = local.account_id
}
