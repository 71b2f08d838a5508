//! The disk side of draft packs: reading a pack's files without trusting the folder,
//! and writing a pack without writing through anything already there.
//!
//! WHY so careful: a pack is a folder someone else made (a colleague's repository, a
//! download). A file in it may be a symbolic link to `/etc/passwd` or `/dev/zero`, a
//! named pipe that never answers, or simply huge. So every file is opened without
//! following a final symbolic link and without blocking (a FIFO cannot hang the
//! open), the opened handle — not the name — is checked to be a regular file, and
//! its size is checked against the limit before a byte is read (then read through
//! `take(limit + 1)` in case it grows meanwhile). A pack is written into a fresh
//! hidden folder beside the target and renamed into place, so a symbolic link
//! planted in the target folder is never written through and a failed export
//! leaves the previous pack as it was.

use super::{DraftPackError, ASSETS_DIR, LISTING_FILE};
pub(super) use crate::assets::grouped;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const FOLDER: &str = "a folder";

fn io(path: &Path, e: std::io::Error) -> DraftPackError {
    DraftPackError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// What a non-regular entry is, in words; `None` for a regular file.
fn kind_of(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::MetadataExt;
        const FILE_ATTRIBUTE_REPARSE_POINT: u32 = 0x400;
        if meta.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
            return Some("a symbolic link or junction");
        }
    }
    if ft.is_dir() {
        return Some(FOLDER);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Some("a device");
        }
    }
    if ft.is_file() {
        None
    } else {
        Some("not a regular file")
    }
}

fn not_regular(shown: &str, kind: &'static str) -> DraftPackError {
    DraftPackError::NotRegular {
        file: shown.to_string(),
        kind,
    }
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(windows)]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
    OpenOptions::new()
        .read(true)
        .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
        .open(path)
}

#[cfg(not(any(unix, windows)))]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// Refuses `assets/` when it is a symbolic link (or anything but a folder), so no
/// asset name can lead outside the pack through it. A missing folder is left to
/// the per-file "missing" message.
pub(super) fn check_assets_folder(dir: &Path) -> Result<(), DraftPackError> {
    let path = dir.join(ASSETS_DIR);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(&path, e)),
        Ok(meta) => match kind_of(&meta) {
            Some(FOLDER) => Ok(()),
            kind => Err(DraftPackError::NotAFolder {
                file: format!("{ASSETS_DIR}/"),
                kind: kind.unwrap_or("a file"),
            }),
        },
    }
}

/// Reads one pack file that must be a regular file of at most `limit` bytes.
/// `shown` is how the message names it ("assets/logo.png"). A missing file is
/// `Ok(None)` so the caller can say which field named it.
pub(super) fn read_regular(path: &Path, shown: &str, limit: u64) -> Result<Option<Vec<u8>>, DraftPackError> {
    let file = match open_no_follow(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            // O_NOFOLLOW answers a link with an error of its own (ELOOP); say what it is.
            if let Some(kind) = std::fs::symlink_metadata(path).ok().as_ref().and_then(kind_of) {
                return Err(not_regular(shown, kind));
            }
            return Err(io(path, e));
        }
    };
    let meta = file.metadata().map_err(|e| io(path, e))?;
    if let Some(kind) = kind_of(&meta) {
        return Err(not_regular(shown, kind));
    }
    if meta.len() > limit {
        return Err(too_large(shown, limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(shown, limit));
    }
    Ok(Some(bytes))
}

pub(super) fn too_large(shown: &str, limit: u64) -> DraftPackError {
    DraftPackError::TooLarge {
        file: shown.to_string(),
        limit: grouped(limit),
    }
}

/// Where a pack may be written: a new folder, an empty one, or one that holds only
/// a previous pack (`listing.toml` and `assets/`), which is replaced as a whole.
fn check_target(dir: &Path) -> Result<bool, DraftPackError> {
    let meta = match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(io(dir, e)),
        Ok(m) => m,
    };
    if let Some(kind) = kind_of(&meta).filter(|k| *k != FOLDER) {
        return Err(DraftPackError::Target {
            folder: dir.to_path_buf(),
            detail: format!("it is {kind}"),
        });
    }
    for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let name = entry.map_err(|e| io(dir, e))?.file_name();
        if name != LISTING_FILE && name != ASSETS_DIR {
            return Err(DraftPackError::Target {
                folder: dir.to_path_buf(),
                detail: format!(
                    "it already holds '{}', which is not part of a pack",
                    name.to_string_lossy()
                ),
            });
        }
    }
    Ok(true)
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), DraftPackError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| io(path, e))?;
    file.write_all(bytes).map_err(|e| io(path, e))?;
    file.sync_all().map_err(|e| io(path, e))
}

/// Writes `files` (asset name → bytes) and `listing` as a pack at `dir`: into a
/// fresh sibling folder first, then renamed into place.
pub(super) fn write_pack(dir: &Path, listing: &str, files: &[(String, &Vec<u8>)]) -> Result<(), DraftPackError> {
    let dir: PathBuf = if dir.file_name().is_none() {
        std::fs::canonicalize(dir).map_err(|e| io(dir, e))?
    } else {
        dir.to_path_buf()
    };
    let replace = check_target(&dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io(&parent, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gallerist-pack-");
    #[cfg(unix)]
    {
        // An ordinary folder (the umask still applies), not tempfile's private 0700.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o755));
    }
    let fresh = builder.tempdir_in(&parent).map_err(|e| io(&parent, e))?;
    let assets = fresh.path().join(ASSETS_DIR);
    std::fs::create_dir(&assets).map_err(|e| io(&assets, e))?;
    for (name, bytes) in files {
        write_new(&assets.join(name), bytes)?;
    }
    write_new(&fresh.path().join(LISTING_FILE), listing.as_bytes())?;

    // The previous folder (empty or an old pack) moves aside into a holder that is
    // removed afterwards; on failure it is moved back.
    let holder = if replace {
        let holder = tempfile::Builder::new()
            .prefix(".gallerist-pack-old-")
            .tempdir_in(&parent)
            .map_err(|e| io(&parent, e))?;
        let old = holder.path().join("previous");
        std::fs::rename(&dir, &old).map_err(|e| io(&dir, e))?;
        Some((holder, old))
    } else {
        None
    };
    if let Err(e) = std::fs::rename(fresh.path(), &dir) {
        if let Some((_, old)) = &holder {
            let _ = std::fs::rename(old, &dir);
        }
        return Err(io(&dir, e));
    }
    // Renamed away: nothing is left for the guard to remove.
    let _ = fresh.keep();
    drop(holder);
    Ok(())
}
