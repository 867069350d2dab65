terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.us_east_1]
    }
  }
}


data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  name               = "siteops-${var.site}"
  hostnames          = concat([var.domain], var.aliases)
  purge_function_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.purge_function_name}:${var.purge_function_alias}"
  zone_id            = var.route53_zone == null ? null : data.aws_route53_zone.site[0].zone_id
}
