//! `gallerist produce check` as a seller's CI would run it, against the sandbox's
//! reference seller server: exit 0 on the correct server, exit 1 with a JUnit file
//! naming the failing check on a faulty one, exit 2 (and words) without a key.

mod common;

use common::{start, BIN};
use gallerist_sandbox::seller::{DEMO_ACCESS_KEY, DEMO_PUBLIC_KEY_PEM};
use quick_xml::events::Event;
use std::process::{Command, Output};

fn sandbox(dir: &std::path::Path) -> (common::Running, String) {
    start(&["sandbox", "--listen", "127.0.0.1:0", "--ak", "AK", "--sk", "SK"], dir)
}

fn produce_check(args: &[&str], key: Option<&str>, dir: &std::path::Path) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(["produce", "check"])
        .args(args)
        .env("GALLERIST_DATA_DIR", dir)
        .env("GALLERIST_LOCALE", "en")
        .env_remove("GALLERIST_PRODUCE_KEY");
    if let Some(key) = key {
        cmd.env("GALLERIST_PRODUCE_KEY", key);
    }
    cmd.output().unwrap()
}

/// One JUnit test case: its name and whether it carries a `<failure>`.
#[derive(Debug, PartialEq)]
struct Case {
    name: String,
    failed: bool,
}

/// Reads the JUnit XML with a real XML parser (a malformed file fails here).
fn cases(xml: &str) -> Vec<Case> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut cases = Vec::new();
    loop {
        match reader.read_event().expect("the JUnit file is well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "testcase" => {
                let name = e
                    .try_get_attribute("name")
                    .unwrap()
                    .expect("every test case has a name")
                    .normalized_value(quick_xml::XmlVersion::default())
                    .unwrap()
                    .into_owned();
                cases.push(Case { name, failed: false });
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "failure" => {
                cases.last_mut().expect("a failure inside a test case").failed = true;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    cases
}

#[test]
fn the_correct_reference_server_passes_with_exit_0_including_the_kit() {
    let dir = tempfile::tempdir().unwrap();
    let (_sandbox, url) = sandbox(dir.path());
    let key_file = dir.path().join("public.pem");
    std::fs::write(&key_file, DEMO_PUBLIC_KEY_PEM).unwrap();
    let out = produce_check(
        &[
            "--url",
            &format!("{url}/seller/correct/v2"),
            "--kit",
            "--public-key",
            key_file.to_str().unwrap(),
        ],
        Some(DEMO_ACCESS_KEY),
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("✓ v2.create.idempotent") && stdout.contains("✓ kit.application.result-code"),
        "each check is printed with its mark: {stdout}"
    );
    assert!(
        stdout.contains("! url.https") && stdout.contains("0 failed"),
        "a loopback http URL is only a warning: {stdout}"
    );
}

#[test]
fn a_fault_exits_1_and_the_junit_file_names_the_failing_check() {
    let dir = tempfile::tempdir().unwrap();
    let (_sandbox, url) = sandbox(dir.path());
    let out = produce_check(
        &["--url", &format!("{url}/seller/no-activity/v2"), "--format", "junit"],
        Some(DEMO_ACCESS_KEY),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let xml = String::from_utf8(out.stdout).unwrap();
    let cases = cases(&xml);
    let failed: Vec<&str> = cases.iter().filter(|c| c.failed).map(|c| c.name.as_str()).collect();
    assert_eq!(failed, ["v2.query.result-code"], "{xml}");
    assert!(
        cases.iter().any(|c| c.name == "v2.create.result-code" && !c.failed),
        "passing checks are cases too: {xml}"
    );
    assert!(
        xml.contains("000002") && xml.contains("queryInstance"),
        "the failure carries the exchange behind it: {xml}"
    );
    assert!(!xml.contains(DEMO_ACCESS_KEY), "the key never reaches the report");
}

#[test]
fn without_a_key_it_exits_2_and_says_where_the_key_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let out = produce_check(&["--url", "https://isv.example.com/produce"], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("GALLERIST_PRODUCE_KEY") && err.contains("--account"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing was checked");
}
