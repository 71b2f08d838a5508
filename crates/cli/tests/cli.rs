//! The `gallerist` binary as a seller or a script would run it.

mod common;

use common::{start, tiny_ui, BIN};
use std::process::{Command, Stdio};
use std::time::Duration;
const QUERY: &str = "/api/mkp-openapi-public/global/v1/order/query?orderId=MOCKPERIODYEARNEW";

fn api(url: &str, sk: &str) -> std::process::Output {
    Command::new(BIN)
        .args(["api", "GET", QUERY, "--base-url", url])
        .env("GALLERIST_AK", "CLIAK")
        .env("GALLERIST_SK", sk)
        .env("GALLERIST_LOCALE", "en")
        .output()
        .unwrap()
}

#[test]
fn api_makes_a_signed_call_to_the_sandbox_and_explains_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let (_sandbox, url) = start(
        &[
            "sandbox",
            "--listen",
            "127.0.0.1:0",
            "--ak",
            "CLIAK",
            "--sk",
            "cli-secret",
        ],
        dir.path(),
    );
    let ok = api(&url, "cli-secret");
    assert!(
        ok.status.success(),
        "a signed call succeeds: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let body: serde_json::Value = serde_json::from_slice(&ok.stdout).expect("stdout is the JSON answer");
    assert_eq!(body["resultCode"], "MKT.0000");
    let refused = api(&url, "wrong-secret");
    assert!(!refused.status.success(), "a refused call exits non-zero");
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("APIGW.0301") && err.contains("clock"),
        "the refusal is explained: {err}"
    );
}

#[test]
fn a_taken_port_is_reported_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = Command::new(BIN)
        .args(["sandbox", "--listen", &addr, "--ak", "A", "--sk", "S"])
        .env("GALLERIST_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("already in use") && err.contains(&addr), "{err}");
}

fn post(url: &str, command: &str, body: &str, content_type: &str, host: Option<&str>) -> (u16, String) {
    let client = reqwest::blocking::Client::new();
    let mut req = client
        .post(format!("{url}/api/{command}"))
        .header("content-type", content_type)
        .body(body.to_string());
    if let Some(h) = host {
        req = req.header("host", h);
    }
    let r = req.send().unwrap();
    (r.status().as_u16(), r.text().unwrap())
}

#[test]
fn web_mode_serves_the_ui_and_commands_on_loopback_only() {
    let (data, ui) = (tempfile::tempdir().unwrap(), tiny_ui());
    let (_serve, url) = start(
        &["serve", "--listen", "127.0.0.1:0", "--ui", ui.path().to_str().unwrap()],
        data.path(),
    );
    let page = reqwest::blocking::get(format!("{url}/orders")).unwrap();
    let csp = page
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'self'"), "a strict CSP is sent: {csp}");
    assert!(
        page.text().unwrap().contains("<title>Gallerist</title>"),
        "deep links fall back to the app"
    );
    let (status, body) = post(&url, "list_accounts", "{}", "application/json", None);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"name\":\"Sandbox\""), "{body}");
    let (status, body) = post(&url, "nope", "{}", "application/json", None);
    assert_eq!((status, body.contains("\"code\":\"not_found\"")), (404, true), "{body}");
    assert_eq!(
        post(&url, "list_accounts", "{}", "text/plain", None).0,
        415,
        "form-style posts are refused"
    );
    assert_eq!(
        post(&url, "list_accounts", "{}", "application/json", Some("evil.example")).0,
        403,
        "foreign Host is refused"
    );
    assert_eq!(
        post(&url, "list_accounts", "{not json", "application/json", None).0,
        400
    );
}

#[test]
fn a_saved_draft_survives_the_app_being_killed_and_the_cli_lists_and_exports_it() {
    let (data, ui) = (tempfile::tempdir().unwrap(), tiny_ui());
    let serve_args = ["serve", "--listen", "127.0.0.1:0", "--ui", ui.path().to_str().unwrap()];
    let (mut serve, url) = start(&serve_args, data.path());
    let (status, body) = post(
        &url,
        "create_draft",
        r#"{"productType":"license"}"#,
        "application/json",
        None,
    );
    assert_eq!(status, 200, "{body}");
    let mut view: serde_json::Value = serde_json::from_str(&body).unwrap();
    view["draft"]["name"] = serde_json::json!("Killed 备份");
    let save = serde_json::json!({ "id": view["id"], "revision": view["revision"], "draft": view["draft"] });
    let (status, body) = post(&url, "save_draft", &save.to_string(), "application/json", None);
    assert_eq!(status, 200, "{body}");
    serve.0.kill().unwrap(); // SIGKILL: no shutdown code runs
    serve.0.wait().unwrap();

    let (restarted, url) = start(&serve_args, data.path());
    let (_, body) = post(
        &url,
        "get_draft",
        &format!("{{\"id\":{}}}", view["id"]),
        "application/json",
        None,
    );
    assert!(
        body.contains("Killed 备份"),
        "what was saved before the kill is there after a restart: {body}"
    );
    // The seller closes the app before using the CLI on the same folder: one process
    // per data folder.
    drop(restarted);

    let list = Command::new(BIN)
        .args(["draft", "list"])
        .env("GALLERIST_DATA_DIR", data.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(
        list.status.success() && text.contains("Killed 备份") && text.contains("license"),
        "{text}"
    );
    let pack = data.path().join("pack");
    let out = Command::new(BIN)
        .args(["draft", "export", &view["id"].to_string(), pack.to_str().unwrap()])
        .env("GALLERIST_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let toml = std::fs::read_to_string(pack.join("listing.toml")).unwrap();
    assert!(toml.contains("Killed 备份"), "the pack holds the draft: {toml}");
}

#[test]
fn web_mode_with_a_corrupt_database_answers_every_command_with_the_boot_error() {
    let (data, ui) = (tempfile::tempdir().unwrap(), tiny_ui());
    std::fs::write(data.path().join("gallerist.sqlite3"), vec![0x42u8; 2048]).unwrap();
    let (_serve, url) = start(
        &["serve", "--listen", "127.0.0.1:0", "--ui", ui.path().to_str().unwrap()],
        data.path(),
    );
    let (status, body) = post(&url, "app_info", "{}", "application/json", None);
    assert_eq!(status, 503);
    let err: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(err["code"], "boot");
    assert!(err["message"].as_str().unwrap().contains("gallerist.sqlite3"), "{body}");
    assert_eq!(
        std::fs::read(data.path().join("gallerist.sqlite3")).unwrap(),
        vec![0x42u8; 2048],
        "nothing is lost"
    );
}

#[test]
fn api_with_a_saved_account_takes_its_keys_from_the_keychain() {
    let data = tempfile::tempdir().unwrap();
    let (_sandbox, url) = start(
        &[
            "sandbox",
            "--listen",
            "127.0.0.1:0",
            "--ak",
            "SAVEDAK",
            "--sk",
            "saved-secret",
        ],
        data.path(),
    );
    let add = |name: &str, sk: &str| {
        let mut child = Command::new(BIN)
            .args([
                "account",
                "add",
                "--name",
                name,
                "--site",
                "custom",
                "--base-url",
                &url,
                "--ak",
                "SAVEDAK",
                "--secret-stdin",
            ])
            .env("GALLERIST_DATA_DIR", data.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{sk}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let added = add("shop", "saved-secret");
    let err = String::from_utf8_lossy(&added.stderr);
    if !added.status.success() && err.contains("keychain") {
        // No Secret Service in this environment: the refusal itself is the behaviour to check.
        assert!(
            err.contains("not stored anywhere"),
            "the refusal says nothing was stored: {err}"
        );
        assert!(
            std::env::var("GALLERIST_EXPECT_KEYCHAIN").as_deref() != Ok("1"),
            "a keychain was expected: {err}"
        );
        return;
    }
    assert!(added.status.success(), "account add succeeds: {err}");
    let out = Command::new(BIN)
        .args(["api", "GET", QUERY, "--account", "shop"])
        .env("GALLERIST_DATA_DIR", data.path())
        .env_remove("GALLERIST_AK")
        .env_remove("GALLERIST_SK")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the saved keys sign the call: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = Command::new(BIN)
        .args(["account", "list"])
        .env("GALLERIST_DATA_DIR", data.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(
        text.contains("shop") && text.contains("in keychain") && !text.contains("saved-secret"),
        "{text}"
    );
    let removed = Command::new(BIN)
        .args(["account", "remove", "shop"])
        .env("GALLERIST_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(removed.status.success(), "{}", String::from_utf8_lossy(&removed.stderr));
}

mod validate {
    use super::*;
    use gallerist_api::draft_pack::{export, with_sample_files, LISTING_FILE};
    use gallerist_domain::listing::example::{all_deliveries, clean_draft};

    fn pack(dir: &std::path::Path, edit: impl FnOnce(&mut gallerist_domain::listing::Draft)) {
        let (mut draft, blobs) = with_sample_files(clean_draft(all_deliveries().remove(0)));
        edit(&mut draft);
        export(&draft, &blobs, dir).unwrap();
    }

    fn validate(args: &[&str]) -> std::process::Output {
        Command::new(BIN)
            .arg("validate")
            .args(args)
            .env("GALLERIST_LOCALE", "en")
            .output()
            .unwrap()
    }

    #[test]
    fn a_clean_pack_passes_and_a_forbidden_word_fails_with_the_rule_named() {
        let (good, bad) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        pack(good.path(), |_| {});
        pack(bad.path(), |d| d.overview = format!("{} 国家级 最佳 产品", d.overview));
        let ok = validate(&[good.path().to_str().unwrap()]);
        assert!(
            ok.status.success(),
            "a clean pack exits 0: {}",
            String::from_utf8_lossy(&ok.stdout)
        );
        let failed = validate(&[good.path().to_str().unwrap(), bad.path().to_str().unwrap()]);
        assert!(!failed.status.success(), "one failing pack fails the run");
        let text = String::from_utf8_lossy(&failed.stdout);
        assert!(
            text.contains("content.absolute-words") && text.contains("[overview]"),
            "{text}"
        );
    }

    #[test]
    fn json_output_is_machine_readable_and_bad_packs_are_named() {
        let (bad, escaping) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        pack(bad.path(), |d| d.version = "First Version".into());
        pack(escaping.path(), |_| {});
        let listing = escaping.path().join(LISTING_FILE);
        let text = std::fs::read_to_string(&listing).unwrap();
        let first_file = text.lines().find(|l| l.starts_with("file_name")).unwrap().to_string();
        std::fs::write(
            &listing,
            text.replacen(&first_file, "file_name = \"../../etc/passwd\"", 1),
        )
        .unwrap();
        let out = validate(&[
            "--format",
            "json",
            bad.path().to_str().unwrap(),
            escaping.path().to_str().unwrap(),
        ]);
        assert!(!out.status.success());
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
        let ids: Vec<&str> = json[0]["report"]["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["rule_id"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&"version.format"), "{ids:?}");
        assert_eq!(json[1]["ok"], false);
        assert!(
            json[1]["error"].as_str().unwrap().contains("outside the pack folder"),
            "{}",
            json[1]
        );
    }

    #[test]
    fn a_cut_off_logo_is_reported_once_by_the_image_rule() {
        let dir = tempfile::tempdir().unwrap();
        let mut logo = String::new();
        pack(dir.path(), |d| logo = d.logo.as_ref().unwrap().file_name.clone());
        let path = dir.path().join("assets").join(&logo);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let out = validate(&[dir.path().to_str().unwrap()]);
        assert!(!out.status.success(), "a damaged logo fails the run");
        let text = String::from_utf8_lossy(&out.stdout);
        let about_logo: Vec<&str> = text.lines().filter(|l| l.contains("[logo]")).collect();
        assert_eq!(about_logo.len(), 1, "the logo is reported once: {text}");
        assert!(
            text.contains("images.readable") && about_logo[0].contains(&logo),
            "by the images.readable rule, naming the file: {text}"
        );
        assert!(text.contains(": 1 errors,"), "and counted once: {text}");
    }

    /// `gallerist validate ARGS`, killed if it has not answered within a minute: a
    /// hang guard (a FIFO once blocked it forever), not a timing assertion.
    fn validate_or_hang(args: &[&str]) -> std::process::Output {
        let child = Command::new(BIN)
            .arg("validate")
            .args(args)
            .env("GALLERIST_LOCALE", "en")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait_with_output());
        });
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(out) => out.unwrap(),
            Err(_) => {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                panic!("gallerist validate {args:?} did not answer within a minute");
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_pack_holding_a_pipe_or_a_link_to_a_system_file_fails_validation_by_name() {
        let (piped, linked) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut logo = String::new();
        pack(piped.path(), |d| logo = d.logo.as_ref().unwrap().file_name.clone());
        pack(linked.path(), |_| {});
        let piped_logo = piped.path().join("assets").join(&logo);
        std::fs::remove_file(&piped_logo).unwrap();
        assert!(Command::new("mkfifo").arg(&piped_logo).status().unwrap().success());
        let linked_logo = linked.path().join("assets").join(&logo);
        std::fs::remove_file(&linked_logo).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", &linked_logo).unwrap();

        let out = validate_or_hang(&[
            "--format",
            "json",
            piped.path().to_str().unwrap(),
            linked.path().to_str().unwrap(),
        ]);
        assert!(!out.status.success(), "both packs fail the run");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
        assert_eq!(
            json[0]["error"],
            format!("assets/{logo} is a named pipe (FIFO); packs may hold only regular files")
        );
        assert_eq!(
            json[1]["error"],
            format!("assets/{logo} is a symbolic link; packs may hold only regular files")
        );
    }

    #[cfg(unix)]
    #[test]
    fn draft_export_replaces_an_earlier_pack_without_writing_through_its_links() {
        let data = tempfile::tempdir().unwrap();
        let pack_dir = data.path().join("pack");
        let victim = data.path().join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        let import = |dir: &std::path::Path| {
            Command::new(BIN)
                .args(["draft", "import", dir.to_str().unwrap()])
                .env("GALLERIST_DATA_DIR", data.path())
                .env("GALLERIST_LOCALE", "en")
                .output()
                .unwrap()
        };
        let source = tempfile::tempdir().unwrap();
        pack(source.path(), |_| {});
        let imported = import(source.path());
        assert!(
            imported.status.success(),
            "{}",
            String::from_utf8_lossy(&imported.stderr)
        );
        let said = String::from_utf8_lossy(&imported.stdout).to_string();
        let id = said
            .split("Imported as draft ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_else(|| panic!("{said}"))
            .to_string();

        std::fs::create_dir(&pack_dir).unwrap();
        std::os::unix::fs::symlink(&victim, pack_dir.join(LISTING_FILE)).unwrap();
        let export = |folder: &std::path::Path| {
            Command::new(BIN)
                .args(["draft", "export", &id, folder.to_str().unwrap()])
                .env("GALLERIST_DATA_DIR", data.path())
                .env("GALLERIST_LOCALE", "en")
                .output()
                .unwrap()
        };
        let out = export(&pack_dir);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "keep me",
            "the link's target is untouched"
        );
        assert!(std::fs::read_to_string(pack_dir.join(LISTING_FILE))
            .unwrap()
            .contains("version"));

        std::fs::write(data.path().join("notes.md"), "mine").unwrap();
        let out = export(data.path());
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("new or empty folder") && err.contains("which is not part of a pack"),
            "{err}"
        );
    }
}
