data "huaweicloud_availability_zones" "zones" {}

data "huaweicloud_compute_flavors" "preferred" {
  availability_zone = data.huaweicloud_availability_zones.zones.names[0]
  performance_type  = "normal"
  cpu_core_count    = var.vcpus
  memory_size       = var.memory_gb
}

data "huaweicloud_compute_flavors" "fallback" {
  availability_zone = data.huaweicloud_availability_zones.zones.names[0]
  cpu_core_count    = var.vcpus
  memory_size       = var.memory_gb
}

locals {
  flavor_id = try(data.huaweicloud_compute_flavors.preferred.ids[0], data.huaweicloud_compute_flavors.fallback.ids[0])
  package   = "${var.asset_id}/${var.asset_type}/${var.asset_version}"
}

resource "huaweicloud_compute_instance" "app" {
  name              = "gallerist-demo-app"
  flavor_id         = local.flavor_id
  availability_zone = data.huaweicloud_availability_zones.zones.names[0]
  admin_pass        = var.admin_password
  user_data         = "install ${local.package}"
}
