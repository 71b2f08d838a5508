//! One Gallerist process per data folder.
//!
//! WHY: two processes on one folder fought (issue 14): the second rewrote the sandbox
//! account's URL to its own embedded sandbox, the first then got 401s, and outbox
//! rows were sent two to four times. SQLite's own locking keeps each write whole but
//! cannot stop two sync engines draining one outbox. So boot takes an exclusive OS
//! file lock (`flock` on Unix, `LockFileEx` on Windows, through std) on
//! `<data dir>/gallerist.lock` before it opens anything, and holds it for the life of
//! the [`Core`](crate::Core). The OS drops the lock when the process dies, even by
//! `kill -9`, so a crash never leaves the folder locked. The holder writes who it is
//! into the file so the second process can say which process to close.

use crate::{ApiError, ErrorCode};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

pub const LOCK_FILE: &str = "gallerist.lock";
/// The holder's note is a few lines; more than this is not ours and is not read.
const NOTE_LIMIT: u64 = 1024;

/// Held for as long as the process uses the folder; dropping it releases the lock.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

/// Who this process is, in the words the other process will show.
fn this_process(since: &str) -> String {
    let mut args = std::env::args_os();
    let program = args
        .next()
        .as_deref()
        .and_then(|p| Path::new(p).file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "gallerist".into());
    let command = match args.next() {
        Some(first) if !first.to_string_lossy().starts_with('-') => format!("{program} {}", first.to_string_lossy()),
        _ => program,
    };
    format!("pid={}\ncommand={command}\nsince={since}\n", std::process::id())
}

/// The holder's pid, command and start as written by [`take`]; `None` when unreadable
/// (Windows locks the bytes too).
fn holder(file: &mut File) -> Option<(String, String, String)> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.take(NOTE_LIMIT).read_to_string(&mut text).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
            .map(|v| v.chars().filter(|c| !c.is_control()).take(80).collect::<String>())
    };
    Some((field("pid")?, field("command")?, field("since")?))
}

/// Takes the folder's lock, or says which process holds it. `since` is the boot time
/// as the holder will report it.
pub fn take(dir: &Path, since: &str) -> Result<FolderLock, ApiError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        ApiError::new(
            ErrorCode::Boot,
            format!(
                "Gallerist cannot create its data folder {}: {e}. Check the folder's permissions or set GALLERIST_DATA_DIR.",
                dir.display()
            ),
        )
    })?;
    let path = dir.join(LOCK_FILE);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Boot,
                format!(
                    "Gallerist cannot open {}: {e}. Check the folder's permissions.",
                    path.display()
                ),
            )
        })?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let who = match holder(&mut file) {
                Some((pid, command, since)) => format!(" ({command}, process {pid}, since {since})"),
                None => String::new(),
            };
            return Err(ApiError::new(
                ErrorCode::Boot,
                format!(
                    "Another Gallerist process is using the data folder {}{who}. Two processes on one folder would send queued changes twice; close the other one first, or give this one its own folder with GALLERIST_DATA_DIR.",
                    dir.display()
                ),
            ));
        }
        Err(TryLockError::Error(e)) => {
            return Err(ApiError::new(
                ErrorCode::Boot,
                format!("Gallerist could not lock {}: {e}", path.display()),
            ))
        }
    }
    // The lock is ours: say who holds it. A note that cannot be written only makes the
    // other process's message shorter, so failures here are not fatal.
    let note = this_process(since);
    let _ = file.set_len(0).and_then(|()| {
        file.seek(SeekFrom::Start(0))?;
        file.write_all(note.as_bytes())?;
        file.flush()
    });
    Ok(FolderLock { _file: file })
}
