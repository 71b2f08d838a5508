//! What the documentation says a production interface must look like, as data.
//!
//! The conformance runner checks a seller's answers against these tables and the
//! sandbox's reference seller server builds its answers from them, so the two cannot
//! drift apart and a wrong length or a missing activity is fixed in one place. Every
//! entry carries the URL of the page it comes from (koogallery-apis.md §5.3–§5.5, §7),
//! so a failed check can send the seller to the source.

mod check;
mod result_codes;
mod tables;

pub use check::{field_problems, FieldProblem, Problem};
pub use result_codes::{result_code, ResultCode, RESULT_CODES};
pub use tables::{activity, kit_sync, ACTIVITIES, KIT_RESPONSE, KIT_SYNCS, V1_ACTIVITIES};

use crate::ChargingMode;
use std::time::Duration;

/// A timestamp more than this far from the seller's clock must be refused (§5.2, §7.1).
pub const TIMESTAMP_WINDOW_MS: i64 = 60_000;

/// KooGallery gives up on an answer after this long and counts the call as failed (§5.5).
pub const ANSWER_BUDGET: Duration = Duration::from_secs(5);

/// The result codes a check compares against by name (the full table is [`RESULT_CODES`]).
pub mod codes {
    pub const SUCCESS: &str = "000000";
    pub const AUTH_FAILED: &str = "000001";
    pub const BAD_PARAMETER: &str = "000002";
    pub const NO_INSTANCE: &str = "000003";
    pub const IN_PROGRESS: &str = "000004";
    pub const INTERNAL_ERROR: &str = "000005";
}

/// The source pages, one constant per fact a check may cite.
pub mod docs {
    pub const OVERVIEW: &str = "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649414.html";
    pub const V2_SIGNATURE: &str = "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649476.html";
    pub const RESULT_CODES: &str = "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649421.html";
    /// HTTPS with TLS ≥ 1.2, domain names only, UTF-8, the 5 s timeout.
    pub const REQUIREMENTS: &str = "https://support.huaweicloud.com/eu/accessg-marketplace/en-us_topic_000006.html";
    /// Same order → same instanceId; repeated release/renewal/upgrade → just success.
    pub const IDEMPOTENCY: &str = "https://support.huaweicloud.com/usermanual-marketplace/zh-cn_topic_0070649056.html";
    /// Create is retried for 3 hours, then the order is refunded.
    pub const RETRIES: &str = "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649013.html";
    pub const V1_AUTH_TOKEN: &str =
        "https://support.huaweicloud.com/intl/en-us/accessg-marketplace/en-us_topic_0070649066.html";
    pub const V1_BODY_SIGN: &str =
        "https://support.huaweicloud.com/intl/en-us/accessg-marketplace/en-us_topic_0070649067.html";
    pub const V1_ENCRYPTION: &str =
        "https://www.huaweicloud.com/guide/productsdesc-bms_00a3aa731426282cf27f272f51cd2a90support0";
    pub const KIT_SIGNATURE: &str =
        "https://www.huaweicloud.com/guide/productsdesc-bms_24c754cde138736fae583ba2b56094cfsupport4";
    /// The Kit paths and applicationSync's RSA-OAEP clientSecret.
    pub const KIT_PATHS: &str = "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649434.html";
    /// Repeated Kit adds and deletes must succeed without a second effect.
    pub const KIT_IDEMPOTENCY: &str = "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649435.html";
}

/// Whether a product must offer an activity, by charging mode (the V2 development
/// matrix of §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Every product: create, query, release.
    All,
    /// Period products only: renewal and freeze/unfreeze.
    Period,
    /// Optional for period products: upgrade and the renewal-change pre-check.
    PeriodOptional,
    /// Optional for every product: the order notification.
    Optional,
}

impl Need {
    /// Whether a product of `mode` fails KooGallery's development matrix without it.
    pub fn required_for(self, mode: ChargingMode) -> bool {
        match self {
            Need::All => true,
            Need::Period => mode == ChargingMode::Period,
            Need::PeriodOptional | Need::Optional => false,
        }
    }

    /// Whether KooGallery may call it for a product of `mode` at all.
    pub fn applies_to(self, mode: ChargingMode) -> bool {
        match self {
            Need::All | Need::Optional => true,
            Need::Period | Need::PeriodOptional => mode == ChargingMode::Period,
        }
    }
}

/// A JSON value's documented type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    /// A number with decimals (`Double(12,4)` in the tables).
    Double,
    Object,
    List,
}

/// One documented field. `path` names nested fields with dots, and `[]` after a list
/// (`info[].appInfo.frontEndUrl`); a nested field is only checked where its parent is
/// present. `max_len` counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub path: &'static str,
    pub required: bool,
    pub kind: Kind,
    pub max_len: Option<usize>,
}

/// One V2 base activity: the `activity` value, when it is needed, its page and fields.
#[derive(Debug, Clone, Copy)]
pub struct Activity {
    pub name: &'static str,
    pub need: Need,
    pub doc_url: &'static str,
    pub request: &'static [Field],
    pub response: &'static [Field],
}

/// One joint-operation Kit sync: its V2 path (appended to the production URL by
/// KooGallery), the V1 path, its page and its request fields. Every sync answers
/// [`KIT_RESPONSE`].
#[derive(Debug, Clone, Copy)]
pub struct KitSync {
    pub name: &'static str,
    pub path: &'static str,
    pub v1_path: &'static str,
    pub doc_url: &'static str,
    pub request: &'static [Field],
}
