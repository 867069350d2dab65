# A VPC over two Availability Zones (the ALB needs two). Public subnets only: the instance has an Elastic IP
# and no inbound path except from the ALB, so a NAT gateway would only add cost.

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "site" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  enable_dns_support   = true

  tags = { Name = local.name }
}

resource "aws_internet_gateway" "site" {
  vpc_id = aws_vpc.site.id
}

resource "aws_subnet" "public" {
  count = 2

  vpc_id                  = aws_vpc.site.id
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, count.index)
  map_public_ip_on_launch = false

  tags = { Name = "${local.name}-public-${count.index}" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.site.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.site.id
  }
}

resource "aws_route_table_association" "public" {
  count = 2

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

# The ALB accepts HTTPS only from CloudFront's origin-facing addresses. One rule only: the prefix list counts
# as many rules as it has entries toward the security group's quota.
data "aws_ec2_managed_prefix_list" "cloudfront" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

resource "aws_security_group" "alb" {
  name_prefix = "${local.name}-alb-"
  description = "ALB of ${var.site}: HTTPS from CloudFront only"
  vpc_id      = aws_vpc.site.id

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "alb_from_cloudfront" {
  security_group_id = aws_security_group.alb.id
  description       = "CloudFront origin-facing"
  prefix_list_id    = data.aws_ec2_managed_prefix_list.cloudfront.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "alb_to_cms" {
  security_group_id            = aws_security_group.alb.id
  referenced_security_group_id = aws_security_group.cms.id
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
}

# The CMS server takes HTTP from the ALB and nothing else: no SSH, Session Manager only.
resource "aws_security_group" "cms" {
  name_prefix = "${local.name}-cms-"
  description = "Movable Type server of ${var.site}: HTTP from the ALB only"
  vpc_id      = aws_vpc.site.id

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "cms_from_alb" {
  security_group_id            = aws_security_group.cms.id
  description                  = "ALB"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
}

# Outbound HTTPS for packages, Session Manager, CloudWatch, S3 backups.
resource "aws_vpc_security_group_egress_rule" "cms_https" {
  security_group_id = aws_security_group.cms.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "cms_http" {
  security_group_id = aws_security_group.cms.id
  description       = "package mirrors that redirect to HTTP"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}
