//! The tester's login page: the tenant's users as links, one click to log in as one.
//!
//! KooGallery's real page asks for a password; a tester does not need one, only a way
//! to pick which authSync user the app will see. Each link is the same authorize
//! request with `login_hint={userName}` added, which the tester answers with the 302
//! to the app's callback — the same thing a test client can send directly.

use super::registration::Registration;

/// The page for an authorize request whose query was `raw_query`.
pub fn choose_user(reg: &Registration, raw_query: &str) -> String {
    let mut items = String::new();
    for user in reg.users.iter().filter(|u| u.enabled()) {
        let hint: String = url::form_urlencoded::byte_serialize(user.user_name.as_bytes()).collect();
        let href = format!("authorize?{raw_query}&login_hint={hint}");
        items.push_str(&format!(
            "<li><a href=\"{}\">{}</a> <small>{} · {} · {}</small></li>\n",
            escape(&href),
            escape(&user.name),
            escape(&user.user_name),
            escape(&reg.org_name(&user.org_code)),
            escape(&user.role),
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Log in to {tenant} — Gallerist login tester</title></head><body>\n\
         <h1>{tenant}</h1>\n\
         <p>Gallerist's login tester plays this tenant's unified login. Choose who to log in as; \
         the app receives a code for that user.</p>\n\
         <p lang=\"zh-CN\">Gallerist 登录测试器模拟该租户的统一登录。请选择要登录的用户，应用将收到该用户的授权码。</p>\n\
         <ul>\n{items}</ul>\n</body></html>\n",
        tenant = escape(&reg.tenant.name),
    )
}

/// Where a logout without `redirect_url` lands.
pub fn signed_out(reg: &Registration) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signed out</title></head><body>\n\
         <p>You are signed out of {tenant}.</p>\n<p lang=\"zh-CN\">您已退出 {tenant}。</p>\n</body></html>\n",
        tenant = escape(&reg.tenant.name),
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_page_links_each_enabled_user_and_escapes_their_names() {
        let reg: Registration = serde_json::from_value(json!({
            "tenant": {"tenantId": "t", "tenantCode": "c", "name": "Acme"},
            "clientId": "a", "clientSecret": "b", "redirectUri": "http://127.0.0.1/cb",
            "users": [{"userName": "a&b", "name": "<script>", "orgCode": "D", "role": "user"},
                      {"userName": "off", "name": "Off", "orgCode": "D", "role": "user", "enable": "false"}]
        }))
        .unwrap();
        let page = choose_user(&reg, "response_type=code&client_id=a");
        assert!(page.contains("href=\"authorize?response_type=code&amp;client_id=a&amp;login_hint=a%26b\""));
        assert!(page.contains("&lt;script&gt;") && !page.contains("<script>"));
        assert!(!page.contains("Off"), "a disabled user is not offered");
    }
}
