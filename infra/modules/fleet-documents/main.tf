# The Run Command documents bin/fleet runs on the sites' servers, created once per account and Region and used
# by name by every site (bin/fleet run --document NAME). Each content change publishes a new document version
# named after the content's hash, and the provider makes it the default, so a run always uses what is reviewed here.

locals {
  documents = {
    "siteops-install-movabletype" = "install-movabletype.yaml"
    "siteops-os-update"           = "os-update.yaml"
    "siteops-restart-web"         = "restart-web.yaml"
  }
}

resource "aws_ssm_document" "fleet" {
  for_each = local.documents

  name            = each.key
  document_type   = "Command"
  document_format = "YAML"
  content         = file("${path.module}/documents/${each.value}")
  version_name    = "sha-${substr(sha256(file("${path.module}/documents/${each.value}")), 0, 16)}"
  target_type     = "/AWS::EC2::Instance"
}

# bin/fleet sends every command with this log group as its CloudWatch output; the instance role's CloudWatch
# agent policy lets the SSM agent write to it.
resource "aws_cloudwatch_log_group" "run_command" {
  name              = "/siteops/fleet/run-command"
  retention_in_days = var.log_retention_days
}
