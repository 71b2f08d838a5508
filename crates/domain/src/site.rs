//! KooGallery sites and where their Open API lives.
//!
//! A seller may sell on the Chinese, international and EU sites, each with its own
//! gateway host, keys and currency; a sandbox or custom base URL stands in for tests.

use crate::money::Currency;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    Cn,
    Intl,
    Eu,
    Sandbox,
    Custom,
}

impl Site {
    pub const ALL: [Site; 5] = [Site::Cn, Site::Intl, Site::Eu, Site::Sandbox, Site::Custom];

    pub fn as_str(self) -> &'static str {
        match self {
            Site::Cn => "cn",
            Site::Intl => "intl",
            Site::Eu => "eu",
            Site::Sandbox => "sandbox",
            Site::Custom => "custom",
        }
    }

    pub fn parse(text: &str) -> Option<Site> {
        Site::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The documented Open API host (reference §1); `None` where the user supplies one.
    pub fn default_base_url(self) -> Option<&'static str> {
        match self {
            Site::Cn => Some("https://mkt.myhuaweicloud.com"),
            Site::Intl => Some("https://mkt-intl.myhuaweicloud.com"),
            Site::Eu => Some("https://mkt.myhuaweicloud.eu"),
            Site::Sandbox | Site::Custom => None,
        }
    }

    /// Settlement currency: CNY on the Chinese site (and its sandbox), USD elsewhere.
    pub fn currency(self) -> Currency {
        match self {
            Site::Cn | Site::Sandbox | Site::Custom => Currency::Cny,
            Site::Intl | Site::Eu => Currency::Usd,
        }
    }
}
