//! What the marketplace's codes mean, in zh-CN and English, with the next step.
//!
//! Every place an error can appear (test connection, `gallerist api`, later sync)
//! asks this one table, so a seller reads the same explanation everywhere. Codes
//! come from the API reference (§3.3 gateway, §4.2 MKT) plus transport failures.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Locale {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// `zh`, `zh-CN`, `zh_Hans_CN`… are Chinese; everything else is English.
    pub fn from_tag(tag: &str) -> Locale {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Locale::ZhCn
        } else {
            Locale::En
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub what: String,
    pub next_step: String,
}

type Row = (&'static str, &'static str, &'static str, &'static str, &'static str);

/// (code, English what, English next step, Chinese what, Chinese next step)
const TABLE: &[Row] = &[
    ("MKT.0000", "The marketplace answered: success.", "Nothing to do.", "云商店返回成功。", "无需操作。"),
    ("APIGW.0301", "API Gateway refused the signature: the access key, secret key or the computer's clock is wrong.", "Check the AK/SK pair in My Credentials, and set this computer's clock automatically (the gateway allows 15 minutes of difference).", "API 网关拒绝了签名：AK、SK 或本机时间不正确。", "在“我的凭证”中核对 AK/SK，并将本机时间设为自动同步（网关只允许 15 分钟偏差）。"),
    ("APIGW.0302", "This IAM user may not call the API.", "Ask the main account to enable programmatic access for this IAM user and grant it KooGallery permissions in IAM.", "该 IAM 用户无权调用此 API。", "请主账号在 IAM 中为该用户开启“编程访问”并授予云商店权限。"),
    ("APIGW.0303", "API Gateway refused the app authentication.", "Sign with AK/SK as KooGallery requires.", "API 网关拒绝了 APP 认证信息。", "请按云商店要求使用 AK/SK 签名。"),
    ("APIGW.0101", "The API does not exist at this address.", "Check the site and base URL of the account.", "该地址上不存在此 API。", "请检查账号的站点与基础地址。"),
    ("APIGW.0201", "API Gateway refused the request as malformed or too large, or the backend is unavailable.", "Try again later; if it persists, note the request id for Huawei support.", "API 网关认为请求格式错误或过大，或后端不可用。", "稍后重试；若持续出现，请记录 request id 联系华为支持。"),
    ("MKT.0101", "A parameter is missing or not allowed.", "Check the order id and try again.", "参数缺失或不被允许。", "请检查订单号后重试。"),
    ("MKT.0100", "A parameter has the wrong format or range.", "Check the values and try again.", "参数格式或范围错误。", "请检查取值后重试。"),
    ("MKT.0199", "The marketplace did not accept the request parameters (for example, the order does not exist).", "Check the order id belongs to this seller account.", "云商店不接受请求参数（例如订单不存在）。", "请确认订单属于该卖家账号。"),
    ("MKT.0150", "This operation is not allowed for this seller's key.", "Use the AK/SK of the seller who published the product.", "该卖家的密钥无权执行此操作。", "请使用发布该商品的卖家的 AK/SK。"),
    ("MKT.0151", "The key has no API authority (not a seller role).", "Use a seller account's AK/SK.", "该密钥没有 API 权限（非卖家角色）。", "请使用卖家账号的 AK/SK。"),
    ("MKT.0999", "The marketplace had an internal error.", "Try again later.", "云商店内部错误。", "请稍后重试。"),
    ("unreachable", "The marketplace host could not be reached.", "Check the network connection, proxy and the account's base URL.", "无法连接云商店主机。", "请检查网络、代理以及账号的基础地址。"),
    ("tls", "The secure (TLS) connection failed; the certificate could not be verified.", "Check the computer's date and any proxy that intercepts HTTPS.", "安全连接（TLS）失败，证书无法验证。", "请检查本机日期以及是否有拦截 HTTPS 的代理。"),
    ("timeout", "The marketplace did not answer in time.", "Try again; check the network if it keeps happening.", "云商店未能及时响应。", "请重试；若反复出现请检查网络。"),
    ("decode", "The marketplace answered with something Gallerist could not read.", "Try again later; if it persists, report it with the code below.", "云商店的响应无法解析。", "请稍后重试；若持续出现，请附上下方代码反馈。"),
    ("no_credentials", "No keys are stored for this account.", "Add the account's AK/SK in Settings → Accounts.", "该账号尚未保存密钥。", "请在“设置 → 账号”中添加 AK/SK。"),
];

/// The explanation for `code`; unknown codes fall back to their HTTP class.
pub fn explain(code: &str, locale: Locale) -> Explanation {
    let row = TABLE
        .iter()
        .find(|r| r.0 == code)
        .copied()
        .unwrap_or_else(|| fallback(code));
    match locale {
        Locale::En => Explanation {
            what: row.1.to_string(),
            next_step: row.2.to_string(),
        },
        Locale::ZhCn => Explanation {
            what: row.3.to_string(),
            next_step: row.4.to_string(),
        },
    }
}

fn fallback(code: &str) -> Row {
    if code.strip_prefix("HTTP.").is_some_and(|s| s.starts_with('5')) {
        (
            "",
            "The marketplace had a server error.",
            "Try again later.",
            "云商店服务端错误。",
            "请稍后重试。",
        )
    } else {
        (
            "",
            "The marketplace refused the request.",
            "Check the request and the account's keys; the code below helps support.",
            "云商店拒绝了请求。",
            "请检查请求与账号密钥；下方代码可供支持人员排查。",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_both_languages_and_a_next_step() {
        for row in TABLE {
            for text in [row.1, row.2, row.3, row.4] {
                assert!(!text.trim().is_empty(), "{} has an empty text", row.0);
            }
            assert!(
                row.3.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{} Chinese text is Chinese",
                row.0
            );
        }
    }

    #[test]
    fn signature_failures_mention_the_clock_and_unknown_5xx_say_try_later() {
        assert!(explain("APIGW.0301", Locale::En).next_step.contains("clock"));
        assert!(explain("APIGW.0301", Locale::ZhCn).next_step.contains("时间"));
        assert_eq!(explain("HTTP.503", Locale::En).next_step, "Try again later.");
        assert!(explain("HTTP.418", Locale::En).what.contains("refused"));
        assert_eq!(Locale::from_tag("zh_Hans_CN"), Locale::ZhCn);
        assert_eq!(Locale::from_tag("en-US"), Locale::En);
    }
}
