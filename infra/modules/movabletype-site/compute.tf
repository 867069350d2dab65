# The Movable Type server: Amazon Linux 2023, IMDSv2 only, encrypted root volume, Session Manager and the
# CloudWatch agent through its instance role, an Elastic IP for a stable outbound address.

data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_iam_role" "cms" {
  name_prefix = "siteops-cms-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "cms" {
  for_each = toset(["AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy"])

  role       = aws_iam_role.cms.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.value}"
}

resource "aws_iam_role_policy" "cms_ops_bucket" {
  role = aws_iam_role.cms.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:PutObject", Resource = "${aws_s3_bucket.ops.arn}/backup/*" },
      # siteops-restore lists the backups to find a stamp (or the latest) and reads the one chosen.
      { Effect = "Allow", Action = "s3:GetObject", Resource = ["${aws_s3_bucket.ops.arn}/install/*", "${aws_s3_bucket.ops.arn}/backup/*"] },
      {
        Effect    = "Allow"
        Action    = "s3:ListBucket"
        Resource  = aws_s3_bucket.ops.arn
        Condition = { StringLike = { "s3:prefix" = ["backup/*"] } }
      },
    ]
  })
}

resource "aws_iam_instance_profile" "cms" {
  name_prefix = "siteops-cms-"
  role        = aws_iam_role.cms.name
}

resource "aws_instance" "cms" {
  ami                    = data.aws_ssm_parameter.al2023.value
  instance_type          = var.instance_type
  subnet_id              = aws_subnet.public[0].id
  vpc_security_group_ids = [aws_security_group.cms.id]
  iam_instance_profile   = aws_iam_instance_profile.cms.name
  user_data              = var.user_data
  monitoring             = true
  # Like the ALB's deletion protection: a prod server is not terminated by accident (or by a careless replace).
  disable_api_termination = var.env == "prod"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "enabled"
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.volume_size_gb
    encrypted             = true
    delete_on_termination = true
  }

  tags = { Name = local.name, SiteopsOpsBucket = aws_s3_bucket.ops.bucket, PatchGroup = local.patch_group }

  lifecycle {
    # A newer AMI must not replace a server holding the site's data; rebuild deliberately instead.
    # A changed cloud-init must not either: applying new user_data stops and starts the server (replacing it
    # would lose the site), and cloud-init runs its per-instance steps only at first boot anyway, so the
    # change would bring downtime and nothing else. New servers get the new user data; running ones get a
    # change through Run Command (bin/fleet, infra/README.md "Changing cloud-init").
    ignore_changes = [ami, user_data]
  }
}

resource "aws_eip" "cms" {
  domain   = "vpc"
  instance = aws_instance.cms.id

  tags = { Name = local.name }
}
