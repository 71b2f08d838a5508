variable "region" {
  type        = string
  description = "Region to deploy in; chosen by the buyer"
}

variable "vcpus" {
  type    = number
  default = 2
}

variable "memory_gb" {
  type    = number
  default = 4
}

variable "asset_id" {
  type        = string
  description = "Asset Center id of the software package"
}

variable "asset_type" {
  type    = string
  default = "software_package"
}

variable "asset_version" {
  type    = string
  default = "V1.0"
}

variable "admin_password" {
  type      = string
  sensitive = true
}
