//! `cargo xtask bundle [--debug]`: installers with the Tauri CLI pinned in
//! `ui/package.json` (`@tauri-apps/cli`, installed by `npm ci`), never a global one.
//!
//! WHY the CLI goes into the package too: sellers run `gallerist validate` and
//! `gallerist produce check` in their own CI, so the installed package puts `gallerist`
//! on the PATH beside the app (`/usr/bin/gallerist` on Linux). Linux builds deb and rpm
//! (AppImage needs tools downloaded at build time, which the release workflow's runners
//! have and this machine does not); other hosts build what Tauri builds there by
//! default. `--debug` packages the debug build, which the installed-package test uses
//! because the test suite has already built it.

use crate::setup::{self, npm, Purpose};
use crate::{deb_xz, root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What one bundle run made.
pub struct Bundles {
    pub files: Vec<PathBuf>,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let debug = args.iter().any(|a| a == "--debug");
    // `cargo xtask test` has set everything up and built the UI already; building it
    // again would only touch ui/dist and make the app embed it anew.
    let set_up = args.iter().any(|a| a == "--no-setup");
    if !set_up {
        setup::everything(Purpose::Run)?;
    }
    let made = package(debug, !set_up)?;
    println!("\nxtask: bundles ({}):", if debug { "debug" } else { "release" });
    for file in &made.files {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        println!("  {:>9.2} MB  {}", size as f64 / 1_048_576.0, file.display());
    }
    Ok(())
}

/// Builds the UI, the CLI and the app's bundles; answers the files made.
///
/// WHY `cargo build` then `tauri bundle` rather than `tauri build`: the test suite has
/// already built both programs with exactly this command (the app's default feature is
/// Tauri's production mode, which `tauri build` would otherwise switch on), so packaging
/// after the tests compiles nothing again. `tauri build` compiled a second copy of Tauri
/// and of the core, which cost a minute and the disk space CI once ran out of.
pub fn build(debug: bool) -> Result<Bundles, String> {
    package(debug, true)
}

fn package(debug: bool, build_ui: bool) -> Result<Bundles, String> {
    let root = root();
    if build_ui {
        setup::status(npm().args(["run", "build"]).current_dir(root.join("ui")))?;
    }
    setup::status(programs(debug).current_dir(&root))?;
    let profile = if debug { "debug" } else { "release" };
    let cli_bin = root.join("target").join(profile).join(exe("gallerist"));

    let mut tauri = Command::new(root.join("ui/node_modules/.bin").join(script("tauri")));
    tauri.args(["bundle", "--ci"]).current_dir(&root);
    if debug {
        tauri.arg("--debug");
    }
    if cfg!(target_os = "linux") {
        tauri.args(["--bundles", "deb,rpm"]);
    }
    tauri.args(["--config", &cli_config(&cli_bin)]);
    setup::status(&mut tauri)?;

    let dir = root.join("target").join(profile).join("bundle");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    let effort = if debug {
        deb_xz::Effort::Fastest
    } else {
        deb_xz::Effort::Smallest
    };
    for deb in files.iter().filter(|f| f.extension().is_some_and(|e| e == "deb")) {
        deb_xz::recompress(deb, effort)?;
    }
    if files.is_empty() {
        return Err(format!("tauri build made no installer under {}", dir.display()));
    }
    Ok(Bundles { files })
}

/// The one command that builds both programs, in the test suite as for a bundle.
pub fn programs(debug: bool) -> Command {
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.args(["build", "--package", "gallerist-cli", "--package", "gallerist-app"]);
    if !debug {
        cargo.arg("--release");
    }
    cargo
}

/// Where `build(true)` leaves the Linux .deb (named after the product and version).
pub fn debug_deb() -> PathBuf {
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("src-tauri/tauri.conf.json")).unwrap_or_default())
            .unwrap_or_default();
    let version = config["version"].as_str().unwrap_or("0.0.0");
    root().join(format!("target/debug/bundle/deb/Gallerist_{version}_amd64.deb"))
}

/// The Tauri config fragment that adds the CLI to the Linux packages.
fn cli_config(cli_bin: &Path) -> String {
    let files = serde_json::json!({ "/usr/bin/gallerist": cli_bin });
    serde_json::json!({ "bundle": { "linux": { "deb": { "files": files }, "rpm": { "files": files } } } }).to_string()
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

fn script(name: &str) -> String {
    if cfg!(windows) {
        format!("{name}.cmd")
    } else {
        name.to_string()
    }
}

/// Installer files (not the folders the bundlers work in).
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let installer = ["deb", "rpm", "msi", "exe", "dmg", "AppImage"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext));
        if path.is_dir() && path.extension().is_none_or(|e| e != "app") {
            collect(&path, out);
        } else if installer {
            out.push(path);
        }
    }
}
