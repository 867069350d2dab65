# The Amazon Linux 2023 patch baselines of every siteops server. Created ONCE per account and Region where sites
# live (infra/bootstrap calls this module), never by a site root: baselines and patch groups belong to the
# account and Region, and Systems Manager's quotas on custom baselines and on patch groups per baseline do not
# allow one of each per site for a fleet of 60. So there is one baseline per approval delay a site may choose
# (`patching.approve_after_days`), each registered with the patch group of the same name; a server joins one
# through its tag `PatchGroup` (infra/modules/movabletype-site/patching.tf).

locals {
  # Must match the bounds of patching.approve_after_days in MovableTypeTemplate (PatchingTest checks it).
  approve_after_days = range(0, 15)
  # The same name format as local.patch_group in movabletype-site/patching.tf (PatchingTest checks it).
  baselines = { for days in local.approve_after_days : format("siteops-al2023-approve-after-%02dd", days) => days }
}

resource "aws_ssm_patch_baseline" "al2023" {
  for_each = local.baselines

  name             = each.key
  description      = "siteops servers: Amazon Linux 2023 security and bugfix updates, approved ${each.value} days after release"
  operating_system = "AMAZON_LINUX_2023"

  # Security updates of every severity and bugfix updates, as their advisories classify them. Updates that carry
  # no advisory at all (enable_non_security) and new features (Enhancement) wait for a deliberate OS update.
  approval_rule {
    approve_after_days  = each.value
    compliance_level    = "HIGH"
    enable_non_security = false

    patch_filter {
      key    = "CLASSIFICATION"
      values = ["Security", "Bugfix"]
    }
  }
}

resource "aws_ssm_patch_group" "al2023" {
  for_each = aws_ssm_patch_baseline.al2023

  baseline_id = each.value.id
  patch_group = each.key
}
