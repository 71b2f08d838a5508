//! What the tester needs to know about a tenant before anyone can log in: the tenant
//! (tenantSync), the app's OAuth credentials (applicationSync, its `clientSecret`
//! already decrypted), the app's registered callback, and the authorised users
//! (authSync) with their departments (allOrgSync).
//!
//! The shapes are the Kit bodies' own field names (koogallery-apis.md §7.2), so the
//! conformance runner or a test can hand over what it sent in the syncs without
//! translating. KooGallery's syncs do not carry the callback URL — in OneAccess it is
//! part of the app's registration in the console — so it is given here as `redirectUri`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One tenant's login domain: who may log in, to which app.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    pub tenant: Tenant,
    /// applicationSync `clientId`.
    pub client_id: String,
    /// applicationSync `clientSecret`, decrypted.
    pub client_secret: String,
    /// The app's callback; authorize and token requests must name exactly this URL.
    pub redirect_uri: String,
    /// authSync `userList`.
    pub users: Vec<User>,
    /// allOrgSync `orgInfoList`, for `organizationName`; optional.
    #[serde(default)]
    pub orgs: Vec<Org>,
}

/// tenantSync's identity fields.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub tenant_id: String,
    pub tenant_code: String,
    /// The enterprise name; userinfo's `projectName`.
    pub name: String,
}

/// An authSync user. Fields KooGallery sends that userinfo does not return are ignored.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The account; userinfo's `userName`.
    pub user_name: String,
    pub name: String,
    pub org_code: String,
    /// `user` or `admin`.
    pub role: String,
    /// `"true"`/`"false"` as authSync sends it (a JSON boolean is accepted too); a
    /// disabled user cannot log in. Enabled when absent.
    #[serde(default)]
    pub enable: Option<Value>,
    #[serde(default)]
    pub mobile: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

impl User {
    pub fn enabled(&self) -> bool {
        !matches!(&self.enable, Some(Value::Bool(false)))
            && !matches!(&self.enable, Some(Value::String(s)) if s.eq_ignore_ascii_case("false"))
    }
}

/// One department of allOrgSync.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Org {
    pub org_code: String,
    pub org_name: String,
}

impl Registration {
    /// The first thing wrong with the registration, in words; `None` when usable.
    pub fn problem(&self) -> Option<String> {
        let code = &self.tenant.tenant_code;
        if code.is_empty() || code.len() > 64 || !code.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
            return Some(format!(
                "tenantCode {code:?} must be 1 to 64 letters, digits, '-', '_' or '.' (it becomes part of the login domain's path)"
            ));
        }
        if self.tenant.tenant_id.is_empty() {
            return Some("tenant.tenantId is empty".into());
        }
        if self.client_id.is_empty() || self.client_secret.is_empty() {
            return Some("clientId and clientSecret are both needed (applicationSync's credentials)".into());
        }
        match url::Url::parse(&self.redirect_uri) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.fragment().is_none() => {}
            _ => {
                return Some(format!(
                    "redirectUri {:?} must be an absolute http(s) URL without a #fragment",
                    self.redirect_uri
                ))
            }
        }
        if self.users.is_empty() {
            return Some("users is empty: nobody could log in (give authSync's userList)".into());
        }
        let mut names: Vec<&str> = self.users.iter().map(|u| u.user_name.as_str()).collect();
        names.sort_unstable();
        if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
            return Some(format!("userName {:?} appears twice in users", pair[0]));
        }
        None
    }

    pub fn user(&self, user_name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.user_name == user_name)
    }

    /// The department's name from allOrgSync, or its code when it was not synced.
    pub fn org_name(&self, org_code: &str) -> String {
        self.orgs
            .iter()
            .find(|o| o.org_code == org_code)
            .map_or_else(|| org_code.to_string(), |o| o.org_name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn registration() -> Registration {
        serde_json::from_value(json!({
            "tenant": {"tenantId": "68cbc86abc", "tenantCode": "huawei", "name": "Huawei Test"},
            "clientId": "app-1", "clientSecret": "s3cret",
            "redirectUri": "http://127.0.0.1:5000/callback",
            "users": [{"userName": "zhang", "name": "张三", "orgCode": "D1", "role": "admin", "enable": "true"},
                      {"userName": "li", "name": "李四", "orgCode": "D2", "role": "user", "enable": "false"}]
        }))
        .unwrap()
    }

    #[test]
    fn a_kit_shaped_registration_is_usable_and_reads_enable_as_authsync_sends_it() {
        let r = registration();
        assert_eq!(r.problem(), None);
        assert!(r.user("zhang").unwrap().enabled());
        assert!(!r.user("li").unwrap().enabled());
        assert_eq!(r.org_name("D1"), "D1", "an unsynced department reads as its code");
    }

    #[test]
    fn a_tenant_code_that_would_escape_the_path_is_refused_by_name() {
        let mut r = registration();
        r.tenant.tenant_code = "../x".into();
        assert!(r.problem().unwrap().contains("tenantCode"));
    }

    #[test]
    fn a_relative_callback_and_a_duplicate_user_are_refused() {
        let mut r = registration();
        r.redirect_uri = "/callback".into();
        assert!(r.problem().unwrap().contains("redirectUri"));
        let mut r = registration();
        r.users.push(r.users[0].clone());
        assert!(r.problem().unwrap().contains("twice"));
    }
}
