# The Movable Type server: Amazon Linux 2023, IMDSv2 only, encrypted root volume, the site's data on an encrypted
# volume of its own, Session Manager and the CloudWatch agent through its instance role, an Elastic IP for a
# stable outbound address.

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

  # SiteopsDataVolume tells the first boot (siteops-mount-data) which disk is the data volume: the attachment
  # comes after the instance, and a tag changes in place where user_data could not.
  tags = {
    Name              = local.name
    SiteopsOpsBucket  = aws_s3_bucket.ops.bucket
    PatchGroup        = local.patch_group
    SiteopsDataVolume = aws_ebs_volume.data.id
  }

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

# The site's data: the web root /var/www (Movable Type, published pages, uploads) and MariaDB's datadir
# /var/www/mysql, on one volume mounted at /var/www (cloud-init's siteops-mount-data, infra/README.md "The data
# volume"). Its own resources, not an ebs_block_device of the instance: changing one of those replaces the
# server. Here a larger data_volume_size_gb is an in-place ModifyVolume (grow the file system online with
# xfs_growfs /var/www; EBS cannot shrink a volume), and a rebuilt server finds the data again.
resource "aws_ebs_volume" "data" {
  availability_zone = aws_subnet.public[0].availability_zone
  type              = "gp3"
  size              = var.data_volume_size_gb
  encrypted         = true
  # Attached by aws_volume_attachment, the volume is not deleted when the instance terminates; it goes only
  # when this resource is destroyed (the site's destroy, or a change forcing a new volume), and then a final
  # snapshot keeps the data. No prevent_destroy: it cannot depend on env, and retiring a site must stay an
  # ordinary destroy.
  final_snapshot = true

  tags = { Name = "${local.name}-data" }
}

resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.data.id
  instance_id = aws_instance.cms.id
  # Detaching a mounted file system would lose writes: when the attachment goes, the server stops first.
  stop_instance_before_detaching = true
}
