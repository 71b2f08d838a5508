//! Files a draft refers to (logos, images, documents), stored by their SHA-256.
//!
//! WHY content-addressed files beside the database: the same logo used by ten drafts
//! is kept once; history entries and duplicated drafts share files for free; and a
//! 50 MB video does not bloat every backup copy of the database. A file is written to
//! a temporary name, flushed, then renamed into place, and only then recorded in the
//! `assets` table — so a killed app never leaves a recorded file half written. Reads
//! verify the hash, so a file damaged on disk is named as such instead of shown.
//! A failed write (a full disk, above all) is named in those words and leaves no
//! temporary file behind; it is a `Disk` error, not a start-up (`Folder`) one.

use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// The folder of asset files (`<data dir>/assets`).
#[derive(Debug, Clone)]
pub struct AssetFiles {
    root: PathBuf,
}

fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl AssetFiles {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        AssetFiles { root: root.into() }
    }

    /// Where the file with this hash lives; `None` for anything that is not a
    /// lowercase SHA-256 hex string (so no name can reach outside the folder).
    pub fn path_of(&self, hash: &str) -> Option<PathBuf> {
        is_hash(hash).then(|| self.root.join(&hash[..2]).join(hash))
    }

    /// Stores `bytes` (once per content) and records it; returns the hash.
    pub fn put(&self, conn: &Connection, bytes: &[u8], now: DateTime<Utc>) -> Result<String, StoreError> {
        let hash = hex::encode(Sha256::digest(bytes));
        let path = self.path_of(&hash).expect("a fresh SHA-256 is a valid name");
        let ok_on_disk = std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64);
        if !ok_on_disk {
            write_atomically(&path, bytes)?;
        }
        conn.execute(
            "INSERT INTO assets (hash, bytes, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (hash) DO NOTHING",
            params![hash, bytes.len() as i64, stamp(now)],
        )?;
        Ok(hash)
    }

    /// The bytes of a stored file, checked against their hash.
    pub fn get(&self, hash: &str) -> Result<Vec<u8>, StoreError> {
        let path = self
            .path_of(hash)
            .ok_or_else(|| StoreError::Invalid(format!("'{hash}' is not a file reference Gallerist made")))?;
        let bytes = std::fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                StoreError::NotFound(format!("the file {hash} (expected at {})", path.display()))
            }
            _ => disk_error(&path, "read", e),
        })?;
        if hex::encode(Sha256::digest(&bytes)) != hash {
            return Err(StoreError::Invalid(format!(
                "the file {} was changed or damaged on disk; attach the original again",
                path.display()
            )));
        }
        Ok(bytes)
    }
}

/// A failed read or write of one file, in words: a full disk says so first.
pub fn disk_error(path: &Path, action: &str, e: std::io::Error) -> StoreError {
    let shown = path.display();
    StoreError::Disk(match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            format!("The disk is full: Gallerist could not {action} {shown} ({e}). Free some space and try again.")
        }
        ErrorKind::ReadOnlyFilesystem => {
            format!("The disk is read-only: Gallerist could not {action} {shown} ({e}).")
        }
        ErrorKind::PermissionDenied => {
            format!("Gallerist is not allowed to {action} {shown} ({e}); check the permissions of the data folder.")
        }
        _ => format!("Gallerist could not {action} {shown}: {e}."),
    })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_via(path, bytes, |tmp| {
        OpenOptions::new().write(true).create_new(true).open(tmp)
    })
}

/// Writes through `open(temporary name)`, then renames into place; a failure
/// removes the temporary file so a full disk is not made fuller.
fn write_via(path: &Path, bytes: &[u8], open: impl FnOnce(&Path) -> std::io::Result<File>) -> Result<(), StoreError> {
    let folder = path.parent().expect("asset paths have a folder");
    std::fs::create_dir_all(folder).map_err(|e| disk_error(folder, "create the folder", e))?;
    let tmp = folder.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("asset"),
        std::process::id()
    ));
    // A leftover from a killed run with the same process id is ours to replace.
    let _ = std::fs::remove_file(&tmp);
    let written = open(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(disk_error(path, "store the file", e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_named_as_such_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ab").join("ab".repeat(32));
        // /dev/full answers every write with ENOSPC, like a full disk.
        let err = write_via(&path, b"logo", |_| OpenOptions::new().write(true).open("/dev/full")).unwrap_err();
        assert!(matches!(err, StoreError::Disk(_)), "not a start-up error: {err:?}");
        assert!(err.to_string().starts_with("The disk is full: "), "{err}");
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert!(left.is_empty(), "no temporary file is left: {left:?}");
    }
}
