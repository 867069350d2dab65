output "chatbot_configuration_arn" {
  description = "ARN of the Chatbot Slack channel configuration."
  value       = aws_chatbot_slack_channel_configuration.purge.chat_configuration_arn
}

output "channel_role_arn" {
  description = "Role Chatbot assumes for the channel (invoke the purge alias only)."
  value       = aws_iam_role.channel.arn
}

output "purge_command" {
  description = "What an editor types in the channel (after the one-time alias, see infra/README.md)."
  value       = "@aws lambda invoke --function-name ${var.purge_function_arn} --payload {\"site\": \"${var.site}\", \"paths\": \"/index.html /news/*\"}"
}

output "purge_check_command" {
  description = "The same request as a dry run: shows the paths a purge would send and purges nothing."
  value       = "@aws lambda invoke --function-name ${var.purge_function_arn} --payload {\"site\": \"${var.site}\", \"paths\": \"/index.html /news/*\", \"dryRun\": true}"
}

output "notification_topic_arn" {
  description = "SNS topic posted to the channel: the purge-done messages (the registry's notificationTopicArn)."
  value       = aws_sns_topic.chatbot.arn
}
