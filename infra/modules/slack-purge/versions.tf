terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      # aws_chatbot_slack_channel_configuration exists since provider 5.61.
      source  = "hashicorp/aws"
      version = ">= 5.61"
    }
  }
}
