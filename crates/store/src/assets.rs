//! Files a draft refers to (logos, images, documents), stored by their SHA-256.
//!
//! WHY content-addressed files beside the database: the same logo used by ten drafts
//! is kept once; history entries and duplicated drafts share files for free; and a
//! 50 MB video does not bloat every backup copy of the database. A file is written to
//! a temporary name, flushed, then renamed into place, and only then recorded in the
//! `assets` table — so a killed app never leaves a recorded file half written. Reads
//! verify the hash, so a file damaged on disk is named as such instead of shown.

use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use sha2::{Digest, Sha256};
use std::io::Write;
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
            _ => StoreError::Folder {
                path: path.clone(),
                detail: e.to_string(),
            },
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

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let folder = path.parent().expect("asset paths have a folder");
    let fail = |e: std::io::Error| StoreError::Folder {
        path: folder.to_path_buf(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(folder).map_err(fail)?;
    let tmp = folder.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("asset"),
        std::process::id()
    ));
    let mut file = std::fs::File::create(&tmp).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(fail)
}
