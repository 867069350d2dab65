# The Slack side of /purge for one site: a Chatbot (Amazon Q Developer in chat applications) channel
# configuration whose role and guardrail allow nothing but invoking the purge function's alias.
# What a command may do = channel role ∩ guardrail policies; without guardrails Chatbot defaults to
# AdministratorAccess, so the guardrail is always set explicitly.

locals {
  name = "siteops-purge-${var.site}"
}

data "aws_iam_policy_document" "assume_by_chatbot" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["chatbot.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "invoke_purge_only" {
  statement {
    sid       = "InvokeThePurgeFunctionOnly"
    actions   = ["lambda:InvokeFunction"]
    resources = [var.purge_function_arn]
  }
}

resource "aws_iam_role" "channel" {
  name                 = local.name
  description          = "Assumed by Chatbot for everyone in the ${var.site} purge channel."
  assume_role_policy   = data.aws_iam_policy_document.assume_by_chatbot.json
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role_policy" "channel" {
  name   = "invoke-purge"
  role   = aws_iam_role.channel.id
  policy = data.aws_iam_policy_document.invoke_purge_only.json
}

resource "aws_iam_policy" "guardrail" {
  name        = "${local.name}-guardrail"
  description = "Chatbot guardrail for the ${var.site} purge channel: invoking the purge function is the only action allowed."
  policy      = data.aws_iam_policy_document.invoke_purge_only.json
  tags        = var.tags
}

# "Purge done" messages: PurgeStatusFunction publishes Chatbot custom notifications here, and the channel shows
# them. The name is a contract: the site registry (site-publishing) writes this ARN as notificationTopicArn, and
# the function's IAM policy in template.yaml allows sns:Publish to siteops-*-chatbot only.
resource "aws_sns_topic" "chatbot" {
  name = "siteops-${var.site}-chatbot"
  tags = var.tags
}

resource "aws_chatbot_slack_channel_configuration" "purge" {
  configuration_name          = local.name
  slack_team_id               = var.slack_team_id
  slack_channel_id            = var.slack_channel_id
  iam_role_arn                = aws_iam_role.channel.arn
  guardrail_policy_arns       = [aws_iam_policy.guardrail.arn]
  user_authorization_required = false
  logging_level               = "ERROR"
  sns_topic_arns              = concat([aws_sns_topic.chatbot.arn], var.sns_topic_arns)
  tags                        = var.tags
}
