terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.us_east_1]
    }
    random = {
      source = "hashicorp/random"
    }
  }
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  name      = "siteops-${var.site}"
  hostnames = concat([var.domain], var.aliases)
  # Qualified with the alias: the Slack channel's guardrail allows invoking exactly this ARN.
  purge_function_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.purge_function_name}:${var.purge_function_alias}"
}
