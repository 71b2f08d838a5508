# Credentials come from the buyer's agency when RFS runs the stack.
provider "huaweicloud" {
  region = var.region
}
