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

use crate::codes_table::{Row, TABLE};

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
}
