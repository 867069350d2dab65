# Bootstrap: applied once per AWS account by an SRE with admin rights (infra/README.md, "Bootstrap an account").
# Creates what the workflows need before any site exists: the S3 state bucket, GitHub's OIDC provider, and the
# roles the workflows assume (plan: read-only; apply: main / production only; deploy: SAM). Its own state stays
# local (terraform.tfstate here, kept by the SRE) because the bucket it would live in is made here.

terraform {
  required_version = ">= 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.25"
    }
  }
}

provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  state_arn   = aws_s3_bucket.state.arn
  oidc_host   = "token.actions.githubusercontent.com"
  repo_claims = "repo:${var.github_repository}"
}

# ------------------------------------------------------------------ state bucket

resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket
  tags   = { "siteops:role" = "terraform-state" }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

data "aws_iam_policy_document" "state_tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.state_arn, "${local.state_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "state" {
  bucket     = aws_s3_bucket.state.id
  policy     = data.aws_iam_policy_document.state_tls_only.json
  depends_on = [aws_s3_bucket_public_access_block.state]
}

# ------------------------------------------------------------------ GitHub OIDC

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
}

# Who may assume a role: this repository's workflows, narrowed by the token's subject claim.
data "aws_iam_policy_document" "trust" {
  for_each = {
    # Pull requests plan; the nightly drift check runs on main and plans with the same read-only role.
    plan = ["${local.repo_claims}:pull_request", "${local.repo_claims}:ref:refs/heads/main"]
    # Apply and deploy jobs run in the production environment (protect it: main only, reviewers if wanted).
    apply  = ["${local.repo_claims}:environment:production"]
    deploy = ["${local.repo_claims}:environment:production"]
  }
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:sub"
      values   = each.value
    }
  }
}

# ------------------------------------------------------------------ roles

# One role per kind of workflow job, each trusted as the trust policy above says.
resource "aws_iam_role" "workflow" {
  for_each             = data.aws_iam_policy_document.trust
  name                 = "${var.name_prefix}-${each.key}"
  assume_role_policy   = each.value.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.workflow["plan"].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

data "aws_iam_policy_document" "plan_state" {
  statement {
    sid       = "ReadState"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [local.state_arn, "${local.state_arn}/*"]
  }
  statement {
    sid       = "LockState"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.state_arn}/*.tflock"]
  }
}

resource "aws_iam_role_policy" "plan_state" {
  name   = "terraform-state"
  role   = aws_iam_role.workflow["plan"].id
  policy = data.aws_iam_policy_document.plan_state.json
}

resource "aws_iam_role_policy_attachment" "apply" {
  role       = aws_iam_role.workflow["apply"].name
  policy_arn = var.apply_policy_arn
}

# sam deploy: CloudFormation creates the functions, tables, queues, alarms and their roles.
data "aws_iam_policy_document" "deploy" {
  statement {
    sid = "SamDeploy"
    actions = [
      "cloudformation:*", "lambda:*", "iam:*Role*", "iam:PassRole", "iam:*RolePolicy", "dynamodb:*", "sqs:*",
      "events:*", "logs:*", "cloudwatch:*", "s3:*", "ssm:GetParameter*", "kms:DescribeKey",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "sam-deploy"
  role   = aws_iam_role.workflow["deploy"].id
  policy = data.aws_iam_policy_document.deploy.json
}

# ------------------------------------------------------------------ quotas (optional)

# One VPC, Elastic IP, ALB, WAF web ACL and CloudFront distribution per site: 60 sites pass several default
# quotas. bin/generate-sites prints what the fleet needs, and `--quotas-tfvars` the increases to request here.
resource "aws_servicequotas_service_quota" "fleet" {
  for_each     = var.service_quota_increases
  region       = each.value.region
  service_code = each.value.service_code
  quota_code   = each.value.quota_code
  value        = each.value.value
}

# ------------------------------------------------------------------ shared by every site of this Region

# The Amazon Linux 2023 patch baselines every site's server joins through its PatchGroup tag (one per approval
# delay; infra/modules/patch-baseline explains why they are shared). A site's plan fails at the baseline lookup
# until this exists. For sites in another Region, add a second call with a provider alias for that Region.
module "patch_baseline" {
  source = "../modules/patch-baseline"
}

# The fleet's SSM documents (siteops-install-movabletype, siteops-os-update, siteops-restart-web) and the log
# group bin/fleet sends Run Command output to.
module "fleet_documents" {
  source = "../modules/fleet-documents"
}
