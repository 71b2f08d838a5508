//! Why a value for an Open API is refused, in both languages, with the code the
//! marketplace documents for it.
//!
//! The same refusal is produced by the client before it sends (so nothing leaves the
//! machine that KooGallery would bounce) and by the sandbox when a raw request carries
//! it, so a seller reads one explanation whichever side caught the problem. The code
//! is the one KooGallery would answer (MKT.0100 for a format or range, MKT.0101 for a
//! missing value, MKT.9003 for too many records, 92020002 for a License parameter,
//! APIGW.0201 for a body over the gateway's limit), so `codes::explain` applies too.

use crate::numbers::grouped;
use std::fmt;

/// One refused value: where it is, what is wrong, and the documented code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The code KooGallery documents for this problem (`MKT.0100`, `92020002`…).
    pub code: &'static str,
    /// The field as the wire names it, e.g. `usage_records[2].metering_sn`.
    pub field: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing,
    /// Longer than the documented maximum, counted in characters.
    TooLong {
        max: usize,
        actual: usize,
    },
    TooMany {
        max: usize,
        actual: usize,
    },
    /// Not in the documented format, e.g. `yyyyMMdd'T'HHmmss'Z'`.
    Format {
        expected: &'static str,
    },
    /// Not one of the documented values.
    NotOneOf {
        allowed: &'static str,
    },
    NotPositive,
    TooManyDecimals {
        max: usize,
    },
    EndsBeforeBegin,
    /// Older than the documented window (usage begin times: 21 days).
    TooOld {
        days: i64,
    },
    /// A body over the gateway's limit, in bytes.
    TooLarge {
        max: usize,
        actual: usize,
    },
    /// A digest that does not match the bytes it describes.
    DigestMismatch,
}

impl Refusal {
    pub fn new(code: &'static str, field: impl Into<String>, problem: Problem) -> Refusal {
        Refusal {
            code,
            field: field.into(),
            problem,
        }
    }

    /// The refusal in English, naming the field.
    pub fn en(&self) -> String {
        let what = match &self.problem {
            Problem::Missing => "is missing".to_string(),
            Problem::TooLong { max, actual } => {
                format!("is {actual} characters long; KooGallery allows at most {max}")
            }
            Problem::TooMany { max, actual } => {
                format!(
                    "has {} items; KooGallery allows at most {}",
                    grouped(*actual as u64),
                    grouped(*max as u64)
                )
            }
            Problem::Format { expected } => format!("is not in the format {expected}"),
            Problem::NotOneOf { allowed } => format!("must be one of {allowed}"),
            Problem::NotPositive => "must be greater than 0".to_string(),
            Problem::TooManyDecimals { max } => format!("has more than {max} decimal places"),
            Problem::EndsBeforeBegin => "ends before it begins".to_string(),
            Problem::TooOld { days } => format!("begins more than {days} days ago; KooGallery refuses older usage"),
            Problem::TooLarge { max, actual } => format!(
                "is {} bytes; API Gateway accepts at most {} bytes (12 MB)",
                grouped(*actual as u64),
                grouped(*max as u64)
            ),
            Problem::DigestMismatch => "does not match the SHA-256 of the file sent".to_string(),
        };
        format!("{} {what}", self.field)
    }

    /// The same refusal in simplified Chinese.
    pub fn zh(&self) -> String {
        let what = match &self.problem {
            Problem::Missing => "缺失".to_string(),
            Problem::TooLong { max, actual } => format!("长度为 {actual} 个字符，云商店最多允许 {max} 个"),
            Problem::TooMany { max, actual } => {
                format!(
                    "共 {} 条，云商店最多允许 {} 条",
                    grouped(*actual as u64),
                    grouped(*max as u64)
                )
            }
            Problem::Format { expected } => format!("格式不是 {expected}"),
            Problem::NotOneOf { allowed } => format!("必须是 {allowed} 之一"),
            Problem::NotPositive => "必须大于 0".to_string(),
            Problem::TooManyDecimals { max } => format!("小数位超过 {max} 位"),
            Problem::EndsBeforeBegin => "结束时间早于开始时间".to_string(),
            Problem::TooOld { days } => format!("开始时间早于 {days} 天前，云商店不再接收"),
            Problem::TooLarge { max, actual } => format!(
                "为 {} 字节，API 网关最多接受 {} 字节（12 MB）",
                grouped(*actual as u64),
                grouped(*max as u64)
            ),
            Problem::DigestMismatch => "与所发送文件的 SHA-256 不一致".to_string(),
        };
        format!("{} {what}", self.field)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.en(), self.code)
    }
}

impl std::error::Error for Refusal {}

/// A mandatory text: present, not empty, at most `max` characters.
pub(crate) fn required(
    code_missing: &'static str,
    code_long: &'static str,
    field: &str,
    value: &str,
    max: usize,
) -> Result<(), Refusal> {
    if value.trim().is_empty() {
        return Err(Refusal::new(code_missing, field, Problem::Missing));
    }
    at_most(code_long, field, value, max)
}

/// An optional text's length: at most `max` characters.
pub(crate) fn at_most(code: &'static str, field: &str, value: &str, max: usize) -> Result<(), Refusal> {
    let actual = value.chars().count();
    if actual > max {
        return Err(Refusal::new(code, field, Problem::TooLong { max, actual }));
    }
    Ok(())
}
