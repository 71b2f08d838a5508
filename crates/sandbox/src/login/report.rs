//! What the tester checks on the seller's app, and what it saw.
//!
//! The tester is the *server* side of the login, so it can only judge what the app sends
//! it: the `state` and `redirect_uri` on authorize, the credentials and the code on the
//! token call, what the app does after an expired token is refused. Each rule is a
//! [`Check`] with a stable id, the page it comes from and words in English and zh-CN; a
//! broken rule becomes a [`Finding`] with the facts that broke it (data, not prose, so
//! one finding reads the same in either language). A session starts with each
//! registration, so a seller's second try is not judged by the first.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

/// The unified-login endpoints page: authorize, token, userinfo, logout on `domainName`.
pub const DOC_ENDPOINTS: &str = "https://support.huaweicloud.com/usermanual-saascenter/saascenter_usermanual_0158.html";
/// Issuing a token from an authorization code.
pub const DOC_TOKEN: &str = "https://support.huaweicloud.com/api-oneaccess/IssueOAuthAccessToken.html";
/// Renewing a token with the refresh token (the example's `expires_in` is 7200).
pub const DOC_REFRESH: &str = "https://support.huaweicloud.com/api-oneaccess/RenewOAuthToken.md";
/// The userinfo fields and its 401 answer.
pub const DOC_USERINFO: &str = "https://support.huaweicloud.com/usermanual-saascenter/saascenter_usermanual_0164.html";

/// One rule the seller's app is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Check {
    pub id: &'static str,
    pub doc: &'static str,
    /// What the app must do.
    pub rule_en: &'static str,
    pub rule_zh: &'static str,
    /// What the app did wrong when the check fails.
    pub fault_en: &'static str,
    pub fault_zh: &'static str,
}

pub const STATE: Check = Check {
    id: "login.state",
    doc: DOC_ENDPOINTS,
    rule_en: "The app sends a fresh state with every authorize request and gets it back unchanged on its callback.",
    rule_zh: "应用每次发起授权请求都携带新的 state，并在回调中原样收回。",
    fault_en: "An authorize request came without a state, or with a state that already led to a login: the app cannot tell its own callback from a forged one.",
    fault_zh: "授权请求缺少 state，或复用了已完成登录的 state：应用无法区分自己的回调与伪造的回调。",
};

pub const REDIRECT_URI: Check = Check {
    id: "login.redirect-uri",
    doc: DOC_ENDPOINTS,
    rule_en: "The redirect_uri is the callback registered for the app, and the token request names the same one as the authorize request.",
    rule_zh: "redirect_uri 必须是应用登记的回调地址，且换取令牌时与授权请求中的一致。",
    fault_en: "The app sent a redirect_uri other than its registered callback (or other than the one its code was issued for); the request was refused.",
    fault_zh: "应用发送的 redirect_uri 与登记的回调地址（或授权码签发时的地址）不一致，请求已被拒绝。",
};

pub const CODE_ONCE: Check = Check {
    id: "login.code-once",
    doc: DOC_TOKEN,
    rule_en: "Each authorization code is exchanged for a token once.",
    rule_zh: "每个授权码只能换取一次令牌。",
    fault_en: "The app exchanged the same authorization code twice. The second exchange was refused with invalid_grant and the tokens from the first were revoked.",
    fault_zh: "应用重复使用了同一个授权码。第二次换取被拒绝（invalid_grant），第一次签发的令牌已被吊销。",
};

pub const CLIENT: Check = Check {
    id: "login.client-credentials",
    doc: DOC_TOKEN,
    rule_en: "The app identifies itself with the client_id and client_secret that applicationSync delivered.",
    rule_zh: "应用使用 applicationSync 下发的 client_id 和 client_secret 标识自己。",
    fault_en: "The app sent a client_id or client_secret that does not match its credentials from applicationSync.",
    fault_zh: "应用发送的 client_id 或 client_secret 与 applicationSync 下发的凭据不符。",
};

pub const TOKEN_EXPIRY: Check = Check {
    id: "login.token-expiry",
    doc: DOC_REFRESH,
    rule_en: "When userinfo answers 401 for an expired access token, the app gets a new one with its refresh_token.",
    rule_zh: "userinfo 因访问令牌过期返回 401 时，应用使用 refresh_token 换取新令牌。",
    fault_en: "After userinfo answered 401 for an expired access token, the app sent the same token again instead of refreshing it.",
    fault_zh: "userinfo 已因访问令牌过期返回 401，应用仍再次发送同一令牌，而没有刷新。",
};

/// Every check, in the order the report lists them.
pub const CHECKS: [Check; 5] = [STATE, REDIRECT_URI, CODE_ONCE, CLIENT, TOKEN_EXPIRY];

/// One broken rule, with the facts that broke it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub id: &'static str,
    pub doc: &'static str,
    pub en: &'static str,
    #[serde(rename = "zhCN")]
    pub zh_cn: &'static str,
    pub at: DateTime<Utc>,
    /// What the app sent and what was expected, e.g. `{"sent": …, "registered": …}`.
    pub evidence: Value,
}

/// How a check came out in this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    Fail,
    /// The app never did what the check needs (e.g. never met an expired token).
    NotExercised,
}

/// One check's line in the report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckLine {
    pub id: &'static str,
    pub doc: &'static str,
    pub verdict: Verdict,
    pub en: &'static str,
    #[serde(rename = "zhCN")]
    pub zh_cn: &'static str,
}

/// What the tester saw of the app in one session.
#[derive(Debug, Clone, Default)]
pub struct Session {
    findings: Vec<Finding>,
    /// Ids of checks the app met and passed at least once.
    passed: Vec<&'static str>,
}

impl Session {
    pub fn pass(&mut self, check: Check) {
        if !self.passed.contains(&check.id) {
            self.passed.push(check.id);
        }
    }

    pub fn fail(&mut self, check: Check, at: DateTime<Utc>, evidence: Value) {
        self.findings.push(Finding {
            id: check.id,
            doc: check.doc,
            en: check.fault_en,
            zh_cn: check.fault_zh,
            at,
            evidence,
        });
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Every check with its verdict: failed once is failed, whatever passed later.
    pub fn checks(&self) -> Vec<CheckLine> {
        CHECKS
            .iter()
            .map(|c| {
                let verdict = if self.findings.iter().any(|f| f.id == c.id) {
                    Verdict::Fail
                } else if self.passed.contains(&c.id) {
                    Verdict::Pass
                } else {
                    Verdict::NotExercised
                };
                CheckLine {
                    id: c.id,
                    doc: c.doc,
                    verdict,
                    en: c.rule_en,
                    zh_cn: c.rule_zh,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_check_that_failed_once_stays_failed_after_a_later_pass() {
        let mut session = Session::default();
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        session.fail(CODE_ONCE, at, Value::Null);
        session.pass(CODE_ONCE);
        session.pass(STATE);
        let verdict = |id: &str| session.checks().into_iter().find(|c| c.id == id).unwrap().verdict;
        assert_eq!(verdict("login.code-once"), Verdict::Fail);
        assert_eq!(verdict("login.state"), Verdict::Pass);
        assert_eq!(verdict("login.token-expiry"), Verdict::NotExercised);
    }

    #[test]
    fn check_ids_are_unique() {
        let mut ids: Vec<_> = CHECKS.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CHECKS.len());
    }
}
