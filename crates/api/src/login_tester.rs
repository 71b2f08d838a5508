//! The unified-login tester on the SaaS page: register a test tenant for the seller's
//! app, move its clock, read what the tester saw.
//!
//! WHY these commands call the embedded sandbox directly (its Rust API, not HTTP): the
//! tester already lives there (`gallerist_sandbox::login`), and the app's client secret
//! must stay in one place — the sandbox's memory. It is never written to SQLite, never
//! logged (no refusal here repeats it) and never answered back: the page learns the
//! domain, the endpoints and the report, not the secret. A real account has no login
//! domain to stand in for, so without the embedded sandbox every command refuses in
//! words. Refusals are "English / 中文", as the rest of the SaaS page words them.

use crate::{ApiError, Core, ErrorCode};
use gallerist_sandbox::login::{Registration, Report, Tenant, User, CODE_LIFETIME_SECONDS, EXPIRES_IN, SCOPE};
use gallerist_sandbox::Sandbox;
use serde::{Deserialize, Serialize};

/// The furthest one step may move the tester's clock: 30 days.
pub const MAX_ADVANCE_SECONDS: u32 = 30 * 24 * 3600;

/// A user of the test tenant, as authSync would carry it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestUser {
    pub user_name: String,
    pub name: String,
    #[serde(default)]
    pub org_code: String,
    /// `user` or `admin`.
    #[serde(default = "plain_user")]
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

fn plain_user() -> String {
    "user".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupArgs {
    pub tenant_code: String,
    pub tenant_name: String,
    /// userinfo's `tenant`; the tenant code when not given.
    #[serde(default)]
    pub tenant_id: Option<String>,
    pub client_id: String,
    /// The test secret the seller made up for their app. Empty or absent keeps the one
    /// the same tenant was registered with.
    #[serde(default)]
    pub client_secret: Option<String>,
    pub redirect_uri: String,
    pub users: Vec<TestUser>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportArgs {
    /// The tenant to report on; the one registered last when absent.
    #[serde(default)]
    pub tenant_code: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockArgs {
    pub tenant_code: String,
    pub advance_seconds: u32,
}

/// Where the seller's app sends its users and its requests.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoints {
    pub authorize: String,
    pub token: String,
    /// The token URL again: a refresh is a token request with `grant_type=refresh_token`.
    pub refresh: String,
    pub userinfo: String,
    pub logout: String,
}

/// A registered test tenant and what the tester saw of the app — never the secret.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TesterView {
    pub tenant_code: String,
    pub tenant_id: String,
    pub tenant_name: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub users: Vec<TestUser>,
    /// What the app puts in its config as the tenant's `domainName`.
    pub domain_name: String,
    pub endpoints: Endpoints,
    pub scope: &'static str,
    pub expires_in: i64,
    pub code_lifetime_seconds: i64,
    pub report: Report,
}

fn refused(code: ErrorCode, en: impl Into<String>, zh: impl Into<String>) -> ApiError {
    ApiError::new(code, format!("{} / {}", en.into(), zh.into()))
}

fn invalid(en: impl Into<String>, zh: impl Into<String>) -> ApiError {
    refused(ErrorCode::InvalidInput, en, zh)
}

/// The embedded sandbox, or the refusal a real-account-only app answers with.
fn sandbox(core: &Core) -> Result<&Sandbox, ApiError> {
    core.sandbox.as_ref().map(|s| &s.server).ok_or_else(|| {
        invalid(
            "The unified-login tester runs only in Gallerist's built-in sandbox, and this app was started without it. Nothing was registered",
            "统一登录测试器只在 Gallerist 内置沙箱中运行，而本次启动未包含沙箱。未登记任何内容",
        )
    })
}

fn unknown(tenant_code: &str) -> ApiError {
    refused(
        ErrorCode::NotFound,
        format!("No test tenant '{tenant_code}' is registered with the login tester (it forgets tenants when Gallerist restarts): register it again"),
        format!("登录测试器中没有测试租户“{tenant_code}”（Gallerist 重启后会清空租户）：请重新登记"),
    )
}

/// The first thing wrong with the form, in both languages.
fn check(args: &SetupArgs) -> Result<(), ApiError> {
    let code = args.tenant_code.trim();
    let code_ok =
        (1..=64).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if !code_ok {
        return Err(invalid(
            "The tenant code must be 1 to 64 letters, digits, '-', '_' or '.': it becomes part of the login domain",
            "租户编码须为 1 到 64 个字母、数字、“-”、“_”或“.”：它是登录域名的一部分",
        ));
    }
    if args.tenant_name.trim().is_empty() {
        return Err(invalid("Give the tenant a name", "请填写租户名称"));
    }
    if args.client_id.trim().is_empty() {
        return Err(invalid(
            "Give your app's client ID (applicationSync's clientId)",
            "请填写应用的 client ID（applicationSync 的 clientId）",
        ));
    }
    let redirect_ok = url_is_callback(args.redirect_uri.trim());
    if !redirect_ok {
        return Err(invalid(
            "The redirect URI must be an absolute http:// or https:// URL without a #fragment: your app's callback",
            "回调地址须为不含 # 片段的完整 http:// 或 https:// 地址，即应用的回调地址",
        ));
    }
    if args.users.is_empty() {
        return Err(invalid(
            "Add at least one test user: nobody could log in",
            "请至少添加一个测试用户，否则无人可以登录",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for user in &args.users {
        let name = user.user_name.trim();
        if name.is_empty() || user.name.trim().is_empty() {
            return Err(invalid(
                "Every test user needs an account name and a display name",
                "每个测试用户都需要账号和姓名",
            ));
        }
        if !matches!(user.role.as_str(), "user" | "admin") {
            return Err(invalid(
                format!("User '{name}': the role is 'user' or 'admin'"),
                format!("用户“{name}”：角色只能是 user 或 admin"),
            ));
        }
        if !seen.insert(name) {
            return Err(invalid(
                format!("The account '{name}' appears twice"),
                format!("账号“{name}”重复出现"),
            ));
        }
    }
    Ok(())
}

fn url_is_callback(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
        && !rest.is_empty()
        && !rest.starts_with('/')
        && !text.contains('#')
        && !text.chars().any(char::is_whitespace)
}

fn trimmed(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// Registers (or replaces) the test tenant, starting a new session; its view.
pub fn login_tester_setup(core: &Core, args: SetupArgs) -> Result<TesterView, ApiError> {
    let sandbox = sandbox(core)?;
    check(&args)?;
    let code = args.tenant_code.trim().to_string();
    let secret = match trimmed(args.client_secret.as_deref()) {
        Some(secret) => secret,
        None => sandbox
            .login_registration(&code)
            .map(|r| r.client_secret)
            .ok_or_else(|| {
                invalid(
                    "Make up a client secret for your app and enter it (a test value, never your real key)",
                    "请为应用自拟一个 client secret 并填写（测试值，切勿使用真实密钥）",
                )
            })?,
    };
    let users = args
        .users
        .iter()
        .map(|u| User {
            user_name: u.user_name.trim().to_string(),
            name: u.name.trim().to_string(),
            org_code: u.org_code.trim().to_string(),
            role: u.role.clone(),
            enable: None,
            mobile: None,
            email: trimmed(u.email.as_deref()),
        })
        .collect();
    let registration = Registration {
        tenant: Tenant {
            tenant_id: trimmed(args.tenant_id.as_deref()).unwrap_or_else(|| code.clone()),
            tenant_code: code.clone(),
            name: args.tenant_name.trim().to_string(),
        },
        client_id: args.client_id.trim().to_string(),
        client_secret: secret,
        redirect_uri: args.redirect_uri.trim().to_string(),
        users,
        orgs: Vec::new(),
    };
    // The sandbox checks again; its words are English only, so the checks above come first.
    sandbox
        .register_login(registration)
        .map_err(|e| invalid(e.0.clone(), format!("登录测试器无法使用该登记：{}", e.0)))?;
    view(sandbox, &code)
}

/// The named tenant (or the one registered last) with the tester's report; `None`
/// when nothing was registered yet.
pub fn login_tester_report(core: &Core, args: ReportArgs) -> Result<Option<TesterView>, ApiError> {
    let sandbox = sandbox(core)?;
    let Some(code) = trimmed(args.tenant_code.as_deref()).or_else(|| sandbox.latest_login_tenant()) else {
        return Ok(None);
    };
    view(sandbox, &code).map(Some)
}

/// Moves the tenant's clock forward, e.g. past `expires_in`; the view at the new time.
pub fn login_tester_clock(core: &Core, args: ClockArgs) -> Result<TesterView, ApiError> {
    let sandbox = sandbox(core)?;
    if args.advance_seconds == 0 || args.advance_seconds > MAX_ADVANCE_SECONDS {
        return Err(invalid(
            "Move the tester's clock forward by 1 second to 30 days",
            "测试器时钟每次可前移 1 秒至 30 天",
        ));
    }
    let code = args.tenant_code.trim();
    sandbox
        .advance_login_clock(code, args.advance_seconds)
        .ok_or_else(|| unknown(code))?;
    view(sandbox, code)
}

fn view(sandbox: &Sandbox, code: &str) -> Result<TesterView, ApiError> {
    let (Some(registration), Some(report)) = (sandbox.login_registration(code), sandbox.login_report(code)) else {
        return Err(unknown(code));
    };
    let domain = sandbox.login_domain(code);
    let token = format!("{domain}/api/v1/oauth2/token");
    Ok(TesterView {
        tenant_code: registration.tenant.tenant_code,
        tenant_id: registration.tenant.tenant_id,
        tenant_name: registration.tenant.name,
        client_id: registration.client_id,
        redirect_uri: registration.redirect_uri,
        users: registration
            .users
            .into_iter()
            .map(|u| TestUser {
                user_name: u.user_name,
                name: u.name,
                org_code: u.org_code,
                role: u.role,
                email: u.email,
            })
            .collect(),
        endpoints: Endpoints {
            authorize: format!("{domain}/api/v1/oauth2/authorize"),
            refresh: token.clone(),
            token,
            userinfo: format!("{domain}/api/v1/oauth2/userinfo"),
            logout: format!("{domain}/api/v1/logout"),
        },
        domain_name: domain,
        scope: SCOPE,
        expires_in: EXPIRES_IN,
        code_lifetime_seconds: CODE_LIFETIME_SECONDS,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::url_is_callback;

    #[test]
    fn a_callback_is_an_absolute_http_url_without_a_fragment() {
        assert!(url_is_callback("http://127.0.0.1:3000/callback"));
        assert!(url_is_callback("https://app.example.com/oauth/cb?x=1"));
        assert!(!url_is_callback("/callback"));
        assert!(!url_is_callback("ftp://example.com/cb"));
        assert!(!url_is_callback("https:///cb"));
        assert!(!url_is_callback("https://app.example.com/cb#top"));
    }
}
