//! Production URL hygiene: the "overall requirements" KooGallery states for every
//! production interface — HTTPS with TLS ≥ 1.2, a domain name rather than an IP
//! address, UTF-8 (§5.5).
//!
//! WHY warnings for local URLs: a seller develops against `http://127.0.0.1:8080`
//! long before a certificate exists. That URL can never be registered, but it is not
//! a broken server either, so it is a warning (the run still passes) while a public
//! http URL or a bare public IP is a failure.

use super::check::{Check, Exchange, Verdict, Words};
use std::net::IpAddr;
use url::{Host, Url};

/// KooGallery's overall requirements for production interfaces (§5.5).
pub const DOC_REQUIREMENTS: &str = "https://support.huaweicloud.com/eu/accessg-marketplace/en-us_topic_000006.html";

/// Whether the host is this machine or a private network: a development set-up.
pub fn is_local(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost") || d.ends_with(".local"),
        Some(Host::Ipv4(ip)) => ip.is_loopback() || ip.is_private() || ip.is_link_local(),
        Some(Host::Ipv6(ip)) => ip.is_loopback() || is_unique_local(IpAddr::V6(ip)),
        None => false,
    }
}

fn is_unique_local(ip: IpAddr) -> bool {
    matches!(ip, IpAddr::V6(v6) if (v6.segments()[0] & 0xfe00) == 0xfc00)
}

/// `url.https` and `url.domain`: what can be said before any request is sent.
pub fn static_checks(url: &Url) -> Vec<Check> {
    let local = is_local(url);
    let https = Check::new(
        "url.https",
        Words::new("The production URL uses HTTPS", "生产接口地址使用 HTTPS"),
        DOC_REQUIREMENTS,
    );
    let https = match (url.scheme(), local) {
        ("https", _) => https.verdict(
            Verdict::Pass,
            Words::new("The URL is https.", "地址为 https。"),
        ),
        (_, true) => https.verdict(
            Verdict::Warn,
            Words::new(
                "A local http URL is fine while developing, but KooGallery accepts only an https URL with a CA-signed certificate.",
                "开发阶段可使用本地 http 地址，但云商店只接受使用 CA 证书的 https 地址。",
            ),
        ),
        _ => https.verdict(
            Verdict::Fail,
            Words::new(
                format!("The URL is {}, not https: KooGallery calls only https URLs with TLS 1.2 or newer.", url.scheme()),
                format!("地址协议为 {}，不是 https：云商店只调用 TLS 1.2 及以上的 https 地址。", url.scheme()),
            ),
        ),
    };
    let domain = Check::new(
        "url.domain",
        Words::new("The production URL uses a domain name", "生产接口地址使用域名"),
        DOC_REQUIREMENTS,
    );
    let domain = match (url.host(), local) {
        (Some(Host::Domain(_)), false) => domain.verdict(
            Verdict::Pass,
            Words::new("The host is a domain name.", "主机为域名。"),
        ),
        (_, true) => domain.verdict(
            Verdict::Warn,
            Words::new(
                "The host is this machine or a private network: fine for development, but register a public domain name.",
                "主机为本机或内网地址：开发时可用，正式注册请使用公网域名。",
            ),
        ),
        _ => domain.verdict(
            Verdict::Fail,
            Words::new(
                format!("The host {} is an IP address; KooGallery requires a domain name.", url.host_str().unwrap_or("")),
                format!("主机 {} 是 IP 地址；云商店要求使用域名。", url.host_str().unwrap_or("")),
            ),
        ),
    };
    vec![https, domain]
}

/// `url.tls` and `url.utf8`: what the answers showed. Gallerist's client speaks only
/// TLS 1.2 and 1.3, so any answer over https proves the server offers one of them.
pub fn answer_checks(url: &Url, exchanges: &[&Exchange]) -> Vec<Check> {
    let answered: Vec<&Exchange> = exchanges.iter().copied().filter(|e| e.answer.is_some()).collect();
    let tls = Check::new(
        "url.tls",
        Words::new("The server speaks TLS 1.2 or newer", "服务器支持 TLS 1.2 及以上"),
        DOC_REQUIREMENTS,
    );
    let tls = if url.scheme() != "https" {
        let v = if is_local(url) { Verdict::Warn } else { Verdict::Fail };
        tls.verdict(
            v,
            Words::new("Not tested: the URL is not https.", "未测试：地址不是 https。"),
        )
    } else if let Some(first) = answered.first() {
        tls.verdict(
            Verdict::Pass,
            Words::new(
                "The server answered over TLS 1.2 or 1.3 with a certificate Gallerist trusts.",
                "服务器通过 TLS 1.2 或 1.3 应答，证书受信任。",
            ),
        )
        .with(vec![(*first).clone()])
    } else {
        tls.verdict(
            Verdict::Fail,
            Words::new(
                "No answer arrived over TLS 1.2 or newer with a trusted certificate (see the transport errors of the other checks).",
                "未能通过 TLS 1.2 及以上、受信任证书收到应答（见其他检查的传输错误）。",
            ),
        )
    };
    let utf8 = Check::new(
        "url.utf8",
        Words::new("Answers are UTF-8", "应答使用 UTF-8 编码"),
        DOC_REQUIREMENTS,
    );
    let bad: Vec<Exchange> = answered
        .iter()
        .filter(|e| e.answer.as_ref().is_some_and(|a| !a.utf8 || declares_other_charset(a)))
        .map(|e| (*e).clone())
        .collect();
    let utf8 = if answered.is_empty() {
        utf8.verdict(
            Verdict::Warn,
            Words::new("Not tested: no answer arrived.", "未测试：没有收到应答。"),
        )
    } else if bad.is_empty() {
        utf8.verdict(
            Verdict::Pass,
            Words::new(
                format!("All {} answers were valid UTF-8.", answered.len()),
                format!("全部 {} 个应答均为有效 UTF-8。", answered.len()),
            ),
        )
    } else {
        utf8.verdict(
            Verdict::Fail,
            Words::new(
                format!("{} answers were not UTF-8 or declared another charset.", bad.len()),
                format!("{} 个应答不是 UTF-8 或声明了其他字符集。", bad.len()),
            ),
        )
        .with(bad)
    };
    vec![tls, utf8]
}

fn declares_other_charset(answer: &super::check::Answer) -> bool {
    let Some(ct) = answer.header("content-type") else {
        return false;
    };
    ct.to_ascii_lowercase()
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .any(|c| !matches!(c.trim_matches('"'), "utf-8" | "utf8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdicts(url: &str) -> Vec<(String, Verdict)> {
        static_checks(&Url::parse(url).unwrap())
            .into_iter()
            .map(|c| (c.id, c.verdict))
            .collect()
    }

    #[test]
    fn a_public_https_domain_passes_and_a_public_ip_or_http_fails() {
        assert_eq!(
            verdicts("https://isv.example.com/produce"),
            [
                ("url.https".into(), Verdict::Pass),
                ("url.domain".into(), Verdict::Pass)
            ]
        );
        assert_eq!(
            verdicts("http://203.0.113.9/produce"),
            [
                ("url.https".into(), Verdict::Fail),
                ("url.domain".into(), Verdict::Fail)
            ]
        );
    }

    #[test]
    fn a_local_http_url_is_a_warning_not_a_failure() {
        for url in [
            "http://127.0.0.1:8080/p",
            "http://localhost:3000/p",
            "http://[::1]:9/p",
            "http://192.168.1.4/p",
        ] {
            assert!(
                verdicts(url).iter().all(|(_, v)| *v == Verdict::Warn),
                "{url}: {:?}",
                verdicts(url)
            );
        }
    }

    #[test]
    fn a_declared_gbk_charset_is_not_utf8() {
        let answer = |ct: &str| super::super::check::Answer {
            status: 200,
            headers: vec![("Content-Type".into(), ct.into())],
            body: "{}".into(),
            utf8: true,
        };
        assert!(declares_other_charset(&answer("application/json;charset=GBK")));
        assert!(!declares_other_charset(&answer("application/json; charset=utf-8")));
        assert!(!declares_other_charset(&answer("application/json")));
    }
}
