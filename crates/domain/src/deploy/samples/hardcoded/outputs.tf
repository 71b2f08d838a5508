output "app_address" {
  value = huaweicloud_compute_instance.app.access_ip_v4
}
