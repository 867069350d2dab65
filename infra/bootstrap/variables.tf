variable "region" {
  description = "Region of the state bucket and the sites (the workflows use ap-northeast-1)."
  type        = string
  default     = "ap-northeast-1"
}

variable "state_bucket" {
  description = "Name of the S3 bucket for every site's Terraform state (globally unique)."
  type        = string
}

variable "github_repository" {
  description = "owner/name of the repository whose workflows may assume the roles."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", var.github_repository))
    error_message = "github_repository is owner/name, e.g. example/siteops."
  }
}

variable "name_prefix" {
  description = "Prefix of the role names."
  type        = string
  default     = "siteops"
}

variable "apply_policy_arn" {
  description = "Policy of the apply role: what site roots create (EC2, ALB, CloudFront, WAF, Route53, ACM, S3, Backup, IAM, ...)."
  type        = string
  default     = "arn:aws:iam::aws:policy/AdministratorAccess"
}

variable "service_quota_increases" {
  description = "Service Quotas increases to request, as `bin/generate-sites --quotas-tfvars` writes them (quotas.auto.tfvars.json)."
  type = map(object({
    region       = string
    service_code = string
    quota_code   = string
    quota_name   = optional(string)
    need         = optional(number)
    value        = number
  }))
  default = {}
}
