provider "huaweicloud" {
  region     = "cn-north-4"
  access_key = "HPUAEXAMPLE7Q2K9XZ4M"
  secret_key = "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7d"
}
