//! Web mode's front door under hostile requests: pages of other origins, bodies larger
//! than web mode takes. Each refusal is `{code, message}` JSON in words.

mod common;

use common::{start, tiny_ui, Running};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// `gallerist serve` on a free loopback port, killed when the test ends however it ends.
struct Serve {
    _running: Running,
    url: String,
    _data: tempfile::TempDir,
    _ui: tempfile::TempDir,
}

impl Serve {
    fn start() -> Serve {
        let (data, ui) = (tempfile::tempdir().unwrap(), tiny_ui());
        let args = ["serve", "--listen", "127.0.0.1:0", "--ui", ui.path().to_str().unwrap()];
        let (running, url) = start(&args, data.path());
        Serve {
            _running: running,
            url,
            _data: data,
            _ui: ui,
        }
    }

    fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }

    fn call(&self, command: &str, origin: Option<&str>) -> (u16, serde_json::Value) {
        let mut req = reqwest::blocking::Client::new()
            .post(format!("{}/api/{command}", self.url))
            .header("content-type", "application/json")
            .body("{}");
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        let r = req.send().unwrap();
        let status = r.status().as_u16();
        let text = r.text().unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }
}

fn assert_refusal(status: u16, body: &serde_json::Value, want: u16, words: &str) {
    assert_eq!(status, want, "{body}");
    assert_eq!(body["code"], "invalid_input", "a {{code, message}} body: {body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains(words), "the refusal says «{words}»: {message}");
}

#[test]
fn a_request_from_another_origin_is_refused_and_its_own_origin_or_none_is_served() {
    let serve = Serve::start();
    let port = serve.port();
    for foreign in [
        "http://evil.example",
        "null",
        &format!("http://127.0.0.1:{}", port + 1),
        &format!("https://127.0.0.1:{port}"),
        &format!("http://localhost.evil.example:{port}"),
    ] {
        let (status, body) = serve.call("list_accounts", Some(foreign));
        assert_refusal(status, &body, 403, "origin");
        assert!(
            body["message"].as_str().unwrap().contains(foreign),
            "the refused origin is named: {body}"
        );
    }
    for own in [
        None,
        Some(format!("http://127.0.0.1:{port}")),
        Some(format!("http://localhost:{port}")),
    ] {
        let (status, body) = serve.call("list_accounts", own.as_deref());
        assert_eq!(status, 200, "{own:?} is served: {body}");
    }
    // Pages too: another site cannot read the app's files through a fetch either.
    let page = reqwest::blocking::Client::new()
        .get(format!("{}/", serve.url))
        .header("origin", "http://evil.example")
        .send()
        .unwrap();
    assert_eq!(page.status().as_u16(), 403);
}

/// A raw request whose Content-Length promises more than web mode takes, with no body
/// behind it: the answer must come from the header, at once, naming the file limit.
#[test]
fn a_declared_body_over_the_limit_is_refused_at_once_naming_the_file_limit_in_mb() {
    let serve = Serve::start();
    let port = serve.port();
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let head = format!(
        "POST /api/add_asset HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{\"draftId\":1,",
        80 * 1024 * 1024
    );
    let started = Instant::now();
    tcp.write_all(head.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = tcp.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "answered with 413: {answer:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "answered at once");
    let body: serde_json::Value =
        serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap_or("")).unwrap_or_default();
    assert_refusal(413, &body, 413, "50 MB");
}

/// The same limit when the body streams in without a declared length.
#[test]
fn a_streamed_body_over_the_limit_is_refused_naming_the_file_limit_in_mb() {
    let serve = Serve::start();
    let limit = 50 * 1024 * 1024 / 3 * 4 + 64 * 1024;
    let body = reqwest::blocking::Body::new(std::io::repeat(b'A').take(limit as u64 + 1));
    let r = reqwest::blocking::Client::new()
        .post(format!("{}/api/add_asset", serve.url))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .unwrap();
    let status = r.status().as_u16();
    let body: serde_json::Value = r.json().unwrap_or_default();
    assert_refusal(status, &body, 413, "50 MB");
}
