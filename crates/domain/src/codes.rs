//! What the marketplace's codes mean, in zh-CN and English, with the next step.
//!
//! Every place an error can appear (test connection, `gallerist api`, later sync)
//! asks this one table, so a seller reads the same explanation everywhere. Codes
//! come from the API reference (§3.3 gateway, §4.2 MKT, §9 HTTP statuses) plus
//! transport failures. A code the table does not know is never a dead end: it is
//! explained by the answer's HTTP status, so a new business code still tells the
//! seller whether to fix something (4xx) or wait (5xx).

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

use crate::codes_table::{Row, TABLE};

/// Whether `code` comes from API Gateway: `APIGW.xxxx` (the API signing guide's codes,
/// reference §3.3) or `APIG.xxxx` (the same numbers as the API Gateway user guide
/// spells them, e.g. `APIG.0308` for throttling).
pub fn is_gateway_code(code: &str) -> bool {
    code.starts_with("APIGW.") || code.starts_with("APIG.")
}

/// The table row for `code`; an `APIG.` code reads its `APIGW.` twin's row.
fn row_of(code: &str) -> Option<Row> {
    let find = |c: &str| TABLE.iter().find(|r| r.0 == c).copied();
    find(code).or_else(|| code.strip_prefix("APIG.").and_then(|n| find(&format!("APIGW.{n}"))))
}

/// The explanation for `code`; an unknown code falls back to its HTTP class (for
/// `HTTP.xxx` codes) or to a generic refusal. Prefer [`explain_status`] where the
/// answer's status is known.
pub fn explain(code: &str, locale: Locale) -> Explanation {
    explain_status(code, None, locale)
}

/// The explanation for `code` in an answer with HTTP `status`. A code the table does
/// not know (a business code added after this was written) is explained by the
/// status: its own row when the status has one, else its class (4xx: refused,
/// 5xx: the server's side), quoting the code and the status so support can trace it.
pub fn explain_status(code: &str, status: Option<u16>, locale: Locale) -> Explanation {
    if let Some(row) = row_of(code) {
        return words(row, locale);
    }
    let status = status.or_else(|| code.strip_prefix("HTTP.").and_then(|s| s.parse().ok()));
    let by_status = status.and_then(|s| row_of(&format!("HTTP.{s}")));
    let row = by_status.unwrap_or_else(|| fallback(status));
    let mut out = words(row, locale);
    if !code.starts_with("HTTP.") {
        let status = status.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
        out.what = match locale {
            Locale::En => format!("Unknown code {code} (HTTP {status}): {}", out.what),
            Locale::ZhCn => format!("未知代码 {code}（HTTP {status}）：{}", out.what),
        };
    }
    out
}

fn words(row: Row, locale: Locale) -> Explanation {
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

fn fallback(status: Option<u16>) -> Row {
    if status.is_some_and(|s| (500..600).contains(&s)) {
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
        let mut seen = std::collections::HashSet::new();
        for row in TABLE {
            assert!(seen.insert(row.0), "{} is listed twice", row.0);
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

    #[test]
    fn every_documented_family_is_covered() {
        for code in [
            "APIGW.0101",
            "APIGW.0201",
            "APIGW.0301",
            "APIGW.0302",
            "APIGW.0303",
            "MKT.0000",
            "MKT.0102",
            "MKT.9004",
            "92020000",
            "92020002",
            "92020005",
            "000000",
            "000004",
            "000107",
            "000903",
            "HTTP.429",
            "HTTP.503",
        ] {
            assert!(TABLE.iter().any(|r| r.0 == code), "{code} has its own explanation");
        }
    }

    /// The generic status table of the Open API docs (reference §9): standard HTTP
    /// statuses with their reason phrases; every one from 400 up has its own words.
    const DOCUMENTED_STATUSES: [u16; 26] = [
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 422, 429, 500, 501,
        502, 503, 504, 505,
    ];

    #[test]
    fn every_documented_status_from_400_has_its_own_row_in_both_languages() {
        for status in DOCUMENTED_STATUSES {
            let code = format!("HTTP.{status}");
            assert!(
                TABLE.iter().any(|r| r.0 == code),
                "{code} has its own row, not the generic fallback"
            );
        }
        assert_ne!(
            explain("HTTP.405", Locale::En),
            explain("HTTP.406", Locale::En),
            "each status says what it means"
        );
    }

    #[test]
    fn the_signing_guides_gateway_codes_are_listed_and_the_unsourced_one_is_gone() {
        for code in ["APIGW.0103", "APIGW.0104", "APIGW.0105", "APIGW.0106", "APIGW.0308"] {
            assert!(TABLE.iter().any(|r| r.0 == code), "{code} has its own row");
        }
        assert!(
            !TABLE.iter().any(|r| r.0 == "APIGW.0102"),
            "APIGW.0102 is in no source the reference cites"
        );
        let throttled = explain("APIGW.0308", Locale::En);
        assert!(throttled.what.contains("throttling"), "{}", throttled.what);
        assert!(explain("APIGW.0308", Locale::ZhCn).what.contains("限流"));
    }

    #[test]
    fn apig_codes_are_gateway_errors_worded_like_their_apigw_twins() {
        assert!(is_gateway_code("APIG.0308") && is_gateway_code("APIGW.0301"));
        assert!(!is_gateway_code("MKT.0101") && !is_gateway_code("APIGWX"));
        assert_eq!(explain("APIG.0301", Locale::En), explain("APIGW.0301", Locale::En));
        assert_eq!(explain("APIG.0308", Locale::ZhCn), explain("APIGW.0308", Locale::ZhCn));
    }

    #[test]
    fn an_unknown_business_code_is_explained_by_its_http_status_class() {
        let server = explain_status("MKT.0777", Some(503), Locale::En);
        assert!(server.what.contains("MKT.0777"), "quotes the code: {}", server.what);
        assert_eq!(server.next_step, "Try again later.", "a 5xx is the server's side");
        let denied = explain_status("MKT.0777", Some(403), Locale::ZhCn);
        assert!(
            denied.what.contains("MKT.0777") && denied.what.contains("403"),
            "{}",
            denied.what
        );
        assert!(
            denied.next_step.contains("权限"),
            "403 speaks of permissions: {}",
            denied.next_step
        );
        let odd = explain_status("MKT.0777", Some(499), Locale::En);
        assert!(
            odd.what.contains("refused"),
            "an unlisted 4xx is a refusal: {}",
            odd.what
        );
        assert_eq!(
            explain_status("MKT.0102", Some(400), Locale::En),
            explain("MKT.0102", Locale::En),
            "a known code keeps its own words"
        );
    }
}
