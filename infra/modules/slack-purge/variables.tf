variable "site" {
  description = "Site name, as in infra/sites/<site>.yaml and the registry parameter /siteops/sites/<site>."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,62}$", var.site))
    error_message = "site must be lower-case letters, digits and '-', up to 63 characters."
  }
}

variable "slack_team_id" {
  description = "Slack workspace id (T...), shown in the Chatbot console after the one-time workspace authorisation."
  type        = string

  validation {
    condition     = can(regex("^[A-Z0-9]{9,11}$", var.slack_team_id))
    error_message = "slack_team_id looks like T07EA123LEP."
  }
}

variable "slack_channel_id" {
  description = "Slack channel id (C...), the last part of the channel link. The @aws app must be invited to the channel."
  type        = string

  validation {
    condition     = can(regex("^[A-Z0-9]{9,11}$", var.slack_channel_id))
    error_message = "slack_channel_id looks like C07EZ1ABC23."
  }
}

variable "purge_function_arn" {
  description = "Qualified ARN of the purge function's alias (arn:aws:lambda:<region>:<account>:function:siteops-cdn-purge:live): the only thing the channel may invoke."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$", var.purge_function_arn))
    error_message = "purge_function_arn must be a qualified function ARN ending in :<alias>; an unqualified ARN does not cover the alias."
  }
}

variable "sns_topic_arns" {
  description = "SNS topics whose notifications are posted to the channel (optional)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
