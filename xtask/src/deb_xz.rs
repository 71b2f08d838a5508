//! The .deb's payload recompressed with xz, as Debian's own packages are.
//!
//! WHY: the Tauri bundler writes `data.tar.gz`. Gallerist's payload is two programs
//! that share the core (the app and the `gallerist` CLI), and gzip's 32 KB window
//! cannot see one copy from the other; xz's window spans both. Measured on the release
//! .deb: 15.03 MB with gzip, 7.75 MB with `xz -9e` over the same files (a 15 MB budget
//! in issue 13). dpkg has read `data.tar.xz` since 1.15.6, so every supported Debian
//! and Ubuntu installs it. The files, their modes and the control data stay as Tauri
//! made them: `dpkg-deb -R` takes the package apart and `dpkg-deb -b` puts it back.

use std::path::Path;
use std::process::Command;

/// How hard xz works: the release package is what sellers download; the debug package
/// only proves to the installed-package test that an xz payload installs, and xz's
/// top preset over a 250 MB debug payload would cost CI a minute.
#[derive(Clone, Copy)]
pub enum Effort {
    Smallest,
    Fastest,
}

/// Rewrites `deb` in place with an xz-compressed payload; `deb` is untouched on failure.
pub fn recompress(deb: &Path, effort: Effort) -> Result<(), String> {
    let work = deb.with_extension("xz-work");
    let _ = std::fs::remove_dir_all(&work);
    let tree = work.join("tree");
    let out = work.join("out.deb");
    let result = (|| {
        std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
        run(Command::new("dpkg-deb").arg("--raw-extract").arg(deb).arg(&tree))?;
        let level = match effort {
            Effort::Smallest => "-z9",
            Effort::Fastest => "-z0",
        };
        run(Command::new("dpkg-deb")
            .args(["--root-owner-group", "-Zxz", level, "--build"])
            .arg(&tree)
            .arg(&out))?;
        std::fs::rename(&out, deb).map_err(|e| format!("{}: {e}", deb.display()))
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .map_err(|e| format!("{shown} could not start: {e} (dpkg-deb is in package dpkg)"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{shown} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn listing(deb: &Path, flag: &str) -> String {
        let out = Command::new("dpkg-deb")
            .arg(flag)
            .arg(deb)
            .output()
            .expect("dpkg-deb runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// A small gzip package like Tauri's, with a repetitive program in it.
    fn gzip_package(dir: &Path) -> std::path::PathBuf {
        let tree = dir.join("pkg");
        std::fs::create_dir_all(tree.join("DEBIAN")).unwrap();
        std::fs::create_dir_all(tree.join("usr/bin")).unwrap();
        std::fs::write(
            tree.join("DEBIAN/control"),
            "Package: xz-probe\nVersion: 1.0\nArchitecture: amd64\nMaintainer: Gallerist <dev@example.invalid>\nDescription: probe\n",
        )
        .unwrap();
        let program: Vec<u8> = (0..400_000u32).map(|i| (i % 251) as u8 ^ (i / 65_536) as u8).collect();
        std::fs::write(tree.join("usr/bin/probe"), &program).unwrap();
        std::fs::write(tree.join("usr/bin/probe-cli"), &program).unwrap();
        let deb = dir.join("probe.deb");
        run(Command::new("dpkg-deb")
            .args(["--root-owner-group", "-Zgzip", "--build"])
            .arg(&tree)
            .arg(&deb))
        .unwrap();
        deb
    }

    #[test]
    fn the_package_keeps_its_files_and_control_and_shrinks_with_an_xz_payload() {
        let dir = std::env::temp_dir().join(format!("xtask-deb-xz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let deb = gzip_package(&dir);
        let (files, control) = (listing(&deb, "--contents"), listing(&deb, "--field"));
        let before = std::fs::metadata(&deb).unwrap().len();

        recompress(&deb, Effort::Smallest).unwrap();

        // The member names sit in the archive's plain-text headers; no `ar` needed.
        let bytes = std::fs::read(&deb).unwrap();
        let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
        assert!(has(b"data.tar.xz") && !has(b"data.tar.gz"), "payload is xz now");
        assert_eq!(listing(&deb, "--contents"), files, "same files, modes and owners");
        assert_eq!(listing(&deb, "--field"), control, "same control data");
        let after = std::fs::metadata(&deb).unwrap().len();
        assert!(
            after < before,
            "xz sees the second copy of the program: {after} < {before} bytes"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_that_is_not_a_package_is_refused_and_left_alone() {
        let dir = std::env::temp_dir().join(format!("xtask-deb-xz-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let deb = dir.join("broken.deb");
        std::fs::write(&deb, b"not an ar archive").unwrap();
        let err = recompress(&deb, Effort::Fastest).unwrap_err();
        assert!(err.contains("dpkg-deb"), "the failing tool is named: {err}");
        assert_eq!(std::fs::read(&deb).unwrap(), b"not an ar archive");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
