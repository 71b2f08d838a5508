//! Guidance notes (info) for every template pack: things the sources tell a seller
//! about auto-deployment that no file can be checked for — the billed template test
//! (S-CN-AUTO), and the best-practice page's coupon / discount and SQL Server
//! initialisation notes. The reference does not quote those two notes, so the notes
//! point at the page instead of restating it.

use super::checks::{finding, BEST_PRACTICE};
use super::parse::Parsed;
use super::{text, Finding};
use crate::listing::rules::Severity;

pub(super) fn notes(parsed: &Parsed) -> Vec<Finding> {
    let note = |rule: &str, en: &str, zh: &str, hint_en: &str, hint_zh: &str, source: &str| {
        finding(rule, Severity::Info, None, text(en, zh), text(hint_en, hint_zh), source)
    };
    let mut out = vec![
        note(
            "template.guidance.test_billed",
            "The online template test creates real resources, and they are billed.",
            "在线模板测试会创建真实资源并产生费用。",
            "Delete the test stack when the test is done.",
            "测试完成后请删除测试资源栈。",
            "S-CN-AUTO",
        ),
        note(
            "template.guidance.discounts",
            "Resources the template creates are bought by the buyer; the best-practice page has a note on coupons and discounts for them.",
            "模板创建的资源由买家购买；最佳实践页面对其优惠券与折扣有专门说明。",
            "Read the coupon / discount note of 自动部署最佳实践 before pricing the product.",
            "定价前请阅读《自动部署最佳实践》中关于优惠券与折扣的说明。",
            BEST_PRACTICE,
        ),
    ];
    let sql_server = parsed
        .texts
        .values()
        .any(|t| t.to_ascii_lowercase().contains("sqlserver"));
    if sql_server {
        out.push(note(
            "template.guidance.sqlserver",
            "The template declares SQL Server, which needs its own initialisation.",
            "模板声明了 SQL Server，需要单独初始化。",
            "Follow the SQL Server initialisation note of 自动部署最佳实践.",
            "请按《自动部署最佳实践》中的 SQL Server 初始化说明操作。",
            BEST_PRACTICE,
        ));
    }
    out
}
