output "patch_groups" {
  description = "Patch group (= baseline name) => baseline id; a server joins one with its tag PatchGroup."
  value       = { for name, baseline in aws_ssm_patch_baseline.al2023 : name => baseline.id }
}
