//! The result codes of the production interfaces (§5.3), shared by V2, V1 and Kit,
//! with their meaning in English and simplified Chinese.

use super::docs;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultCode {
    pub code: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    pub doc_url: &'static str,
}

const fn code(code: &'static str, en: &'static str, zh: &'static str) -> ResultCode {
    ResultCode {
        code,
        en,
        zh,
        doc_url: docs::RESULT_CODES,
    }
}

pub const RESULT_CODES: &[ResultCode] = &[
    code("000000", "success", "成功"),
    code("000001", "authentication failed", "鉴权失败"),
    code("000002", "invalid request parameter", "请求参数不合法"),
    code("000003", "the instance does not exist", "实例 ID 不存在"),
    code(
        "000004",
        "request in progress (create: provisioning continues, KooGallery polls queryInstance)",
        "请求处理中（开通：异步开通，云商店会调用 queryInstance 查询）",
    ),
    code("000005", "other internal error", "其他内部错误"),
    code("000100", "no instance resource available", "无可用实例资源"),
    code("000101", "mobile number missing or duplicate", "手机号缺失或重复"),
    code("000102", "email missing or duplicate", "邮箱缺失或重复"),
    code("000103", "the product cannot be purchased twice", "商品不可重复购买"),
    code("000104", "internal service error of the product", "商品内部服务错误"),
    code("000105", "the account already has this benefit", "账号已拥有该权益"),
    code("000106", "resources sold out", "资源已售罄"),
    code("000107", "the SaaS email domain already exists", "SaaS 邮箱域名已存在"),
    code("000900", "license quota exhausted", "License 配额已用完"),
    code("000901", "outside the order's dates", "不在订单有效期内"),
    code("000902", "an expiry time is required", "需要提供到期时间"),
    code("000903", "a machine fingerprint is required", "需要提供机器指纹"),
];

/// The documented meaning of `code`, if it is one.
pub fn result_code(code: &str) -> Option<&'static ResultCode> {
    RESULT_CODES.iter().find(|c| c.code == code)
}
