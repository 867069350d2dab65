variable "log_retention_days" {
  description = "Days to keep the output of Run Command (bin/fleet reads a failure's whole output from this log group)."
  type        = number
  default     = 90
}
