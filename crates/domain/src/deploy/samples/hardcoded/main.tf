resource "huaweicloud_compute_instance" "app" {
  name              = "gallerist-demo-app"
  flavor_id         = "s6.large.2"
  availability_zone = "cn-north-4a"
  admin_pass        = var.admin_password
}

resource "huaweicloud_rds_instance" "db" {
  name   = "demo-db"
  flavor = "rds.mssql.spec.se.s6.large.2"
  db {
    type    = "SQLServer"
    version = "2019_SE"
  }
}
