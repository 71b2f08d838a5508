//! The `drafts` and `draft_versions` tables: listing drafts with a history per save.
//!
//! WHY the body is JSON next to a few plain columns: the draft model grows with every
//! KooGallery field we learn about, and a body column needs no migration for that,
//! while the list screen filters and sorts on the columns. Every save writes the body,
//! the report's counts and a history entry in one transaction, and is refused when the
//! caller's revision is stale — so two windows can never silently overwrite each other,
//! and a killed app leaves either the old save or the new one, never half of one.

use crate::{stamp, StoreError};
use chrono::{DateTime, Duration, Utc};
use gallerist_domain::listing::{Draft, Report, Severity};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

/// Autosaves closer together than this update one history entry instead of adding one.
pub const EDIT_BURST: Duration = Duration::minutes(2);

/// Why a history entry exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SaveReason {
    Create,
    Edit,
    Restore,
    Duplicate,
    Import,
}

impl SaveReason {
    fn as_str(self) -> &'static str {
        match self {
            SaveReason::Create => "create",
            SaveReason::Edit => "edit",
            SaveReason::Restore => "restore",
            SaveReason::Duplicate => "duplicate",
            SaveReason::Import => "import",
        }
    }
}

/// One stored draft with its last report.
#[derive(Debug, Clone)]
pub struct DraftRecord {
    pub id: i64,
    pub revision: i64,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    pub draft: Draft,
    pub report: Option<Report>,
}

/// A line of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftRow {
    pub id: i64,
    pub name: String,
    pub product_type: String,
    pub status: String,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    pub revision: i64,
    pub updated_at: String,
    pub checked_with_pack: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct DraftFilter {
    pub product_type: Option<String>,
    pub status: Option<String>,
    pub search: Option<String>,
}

/// A history entry (without its body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionEntry {
    pub revision: i64,
    pub reason: String,
    pub name: String,
    pub errors: i64,
    pub saved_at: String,
}

fn body_of(draft: &Draft) -> String {
    serde_json::to_string(draft).expect("drafts serialize")
}

fn count(report: &Report, severity: Severity) -> i64 {
    report.issues.iter().filter(|i| i.severity == severity).count() as i64
}

fn parse_body(id: i64, body: &str) -> Result<Draft, StoreError> {
    serde_json::from_str(body).map_err(|e| {
        StoreError::Invalid(format!(
            "the stored body of draft {id} cannot be read ({e}); restore an earlier version from its history"
        ))
    })
}

/// Adds a draft with its first history entry; returns its id.
pub fn insert(
    conn: &Connection,
    draft: &Draft,
    report: &Report,
    reason: SaveReason,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let body = body_of(draft);
    conn.execute(
        "INSERT INTO drafts (name, product_type, revision, body, report, errors, warnings, infos, checked_with_pack, created_at, updated_at)
         VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            draft.name,
            draft.product_type().as_str(),
            body,
            serde_json::to_string(report).expect("reports serialize"),
            count(report, Severity::Error),
            count(report, Severity::Warning),
            count(report, Severity::Info),
            draft.checked_with_pack,
            stamp(now),
        ],
    )?;
    let id = conn.last_insert_rowid();
    add_version(conn, id, 1, reason, draft, report, &body, now)?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
fn add_version(
    conn: &Connection,
    id: i64,
    revision: i64,
    reason: SaveReason,
    draft: &Draft,
    report: &Report,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO draft_versions (draft_id, revision, reason, name, errors, body, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, revision, reason.as_str(), draft.name, count(report, Severity::Error), body, stamp(now)],
    )?;
    Ok(())
}

const COLUMNS: &str = "id, revision, status, created_at, updated_at, body, report";

/// A row as stored, before its JSON columns are parsed.
struct RawRecord {
    id: i64,
    revision: i64,
    status: String,
    created_at: String,
    updated_at: String,
    body: String,
    report: Option<String>,
}

fn record(row: &Row<'_>) -> rusqlite::Result<RawRecord> {
    Ok(RawRecord {
        id: row.get(0)?,
        revision: row.get(1)?,
        status: row.get(2)?,
        created_at: row.get(3)?,
        updated_at: row.get(4)?,
        body: row.get(5)?,
        report: row.get(6)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<DraftRecord, StoreError> {
    let raw = conn
        .query_row(&format!("SELECT {COLUMNS} FROM drafts WHERE id = ?1"), [id], record)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("draft {id}")))?;
    Ok(DraftRecord {
        id: raw.id,
        revision: raw.revision,
        status: raw.status,
        created_at: raw.created_at,
        updated_at: raw.updated_at,
        draft: parse_body(raw.id, &raw.body)?,
        // A report that no longer parses (older shape) is simply re-computed by the caller.
        report: raw.report.and_then(|r| serde_json::from_str(&r).ok()),
    })
}

/// Stores a new body if `expected_revision` is current. Returns the new revision, or
/// the current one unchanged when the body is identical (nothing to save).
pub fn save(
    conn: &Connection,
    id: i64,
    expected_revision: i64,
    draft: &Draft,
    report: &Report,
    reason: SaveReason,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let current: Option<(i64, String, String)> = conn
        .query_row("SELECT revision, body, status FROM drafts WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (revision, old_body, status) = current.ok_or_else(|| StoreError::NotFound(format!("draft {id}")))?;
    if revision != expected_revision {
        return Err(StoreError::Conflict(format!(
            "draft {id} was saved elsewhere (now at revision {revision}, this editor had {expected_revision}); reload it and apply your change again"
        )));
    }
    if status != "draft" && status != "rejected" {
        return Err(StoreError::Invalid(format!(
            "draft {id} is {status} at KooGallery and cannot be edited until the review ends"
        )));
    }
    let body = body_of(draft);
    if body == old_body && reason == SaveReason::Edit {
        return Ok(revision);
    }
    let next = revision + 1;
    conn.execute(
        "UPDATE drafts SET name = ?2, product_type = ?3, revision = ?4, body = ?5, report = ?6, errors = ?7, warnings = ?8,
                infos = ?9, checked_with_pack = ?10, updated_at = ?11 WHERE id = ?1",
        params![
            id,
            draft.name,
            draft.product_type().as_str(),
            next,
            body,
            serde_json::to_string(report).expect("reports serialize"),
            count(report, Severity::Error),
            count(report, Severity::Warning),
            count(report, Severity::Info),
            draft.checked_with_pack,
            stamp(now),
        ],
    )?;
    let burst_since = stamp(now - EDIT_BURST);
    let updated = if reason == SaveReason::Edit {
        conn.execute(
            "UPDATE draft_versions SET revision = ?3, name = ?4, errors = ?5, body = ?6, saved_at = ?7
             WHERE draft_id = ?1 AND revision = ?2 AND reason = 'edit' AND saved_at >= ?8",
            params![
                id,
                revision,
                next,
                draft.name,
                count(report, Severity::Error),
                body,
                stamp(now),
                burst_since
            ],
        )?
    } else {
        0
    };
    if updated == 0 {
        add_version(conn, id, next, reason, draft, report, &body, now)?;
    }
    Ok(next)
}

pub fn list(conn: &Connection, filter: &DraftFilter) -> Result<Vec<DraftRow>, StoreError> {
    let pattern = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!("%{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
    let mut stmt = conn.prepare(
        "SELECT id, name, product_type, status, errors, warnings, infos, revision, updated_at, checked_with_pack
         FROM drafts
         WHERE (?1 IS NULL OR product_type = ?1) AND (?2 IS NULL OR status = ?2)
           AND (?3 IS NULL OR name LIKE ?3 ESCAPE '\\')
         ORDER BY updated_at DESC, id DESC",
    )?;
    let rows = stmt.query_map(params![filter.product_type, filter.status, pattern], |r| {
        Ok(DraftRow {
            id: r.get(0)?,
            name: r.get(1)?,
            product_type: r.get(2)?,
            status: r.get(3)?,
            errors: r.get(4)?,
            warnings: r.get(5)?,
            infos: r.get(6)?,
            revision: r.get(7)?,
            updated_at: r.get(8)?,
            checked_with_pack: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Deletes a draft that was never submitted, with its history.
pub fn delete(conn: &Connection, id: i64) -> Result<(), StoreError> {
    let status = get_status(conn, id)?;
    if status != "draft" {
        return Err(StoreError::Invalid(format!(
            "draft {id} has been submitted ({status}); it stays as the record of that application"
        )));
    }
    conn.execute("DELETE FROM drafts WHERE id = ?1", [id])?;
    Ok(())
}

pub fn history(conn: &Connection, id: i64) -> Result<Vec<VersionEntry>, StoreError> {
    get_status(conn, id)?;
    let mut stmt = conn.prepare(
        "SELECT revision, reason, name, errors, saved_at FROM draft_versions WHERE draft_id = ?1 ORDER BY revision DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(VersionEntry {
            revision: r.get(0)?,
            reason: r.get(1)?,
            name: r.get(2)?,
            errors: r.get(3)?,
            saved_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The body a history entry holds.
pub fn version(conn: &Connection, id: i64, revision: i64) -> Result<Draft, StoreError> {
    let body: String = conn
        .query_row(
            "SELECT body FROM draft_versions WHERE draft_id = ?1 AND revision = ?2",
            params![id, revision],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("revision {revision} of draft {id}")))?;
    parse_body(id, &body)
}

fn get_status(conn: &Connection, id: i64) -> Result<String, StoreError> {
    conn.query_row("SELECT status FROM drafts WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("draft {id}")))
}

/// Records the application state of a draft (after submitting, or when a review
/// decision is pulled), and where it was submitted.
pub fn set_application(
    conn: &Connection,
    id: i64,
    status: &str,
    account_id: Option<i64>,
    application_id: Option<&str>,
) -> Result<(), StoreError> {
    let n = conn.execute(
        "UPDATE drafts SET status = ?2, submitted_account_id = coalesce(?3, submitted_account_id),
                application_id = coalesce(?4, application_id) WHERE id = ?1",
        params![id, status, account_id, application_id],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound(format!("draft {id}")));
    }
    Ok(())
}
