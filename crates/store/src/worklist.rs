//! Proof drafts and shown notices: the worklist's local-only records.
//!
//! WHY local-only: a delivery proof is written over days — text from the listing's
//! delivery template, then a signed report when the customer returns it — and must
//! survive restarts and offline weeks before anything is sent. Only "deliver" puts it in
//! the outbox. Shown notices keep a deadline from being announced twice.

use crate::{stamp, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// A file attached to a proof, stored by hash in the asset folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProofFile {
    pub sha256: String,
    pub name: String,
    pub size: u64,
    /// What the bytes are (`pdf`, `png`, `zip`…), as sniffed when attached.
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ProofDraft {
    pub text: String,
    /// RFC 3339; `None` when the seller leaves the start to the acceptance time.
    pub actual_start: Option<String>,
    pub attachments: Vec<ProofFile>,
    pub updated_at: Option<String>,
}

pub fn proof(conn: &Connection, account_id: i64, case_id: &str) -> Result<Option<ProofDraft>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT text, actual_start, attachments, updated_at FROM proof_drafts WHERE account_id = ?1 AND case_id = ?2",
        )?
        .query_row(params![account_id, case_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })
        .optional()?;
    row.map(|(text, actual_start, files, updated_at)| {
        let attachments = serde_json::from_str(&files)
            .map_err(|e| StoreError::Invalid(format!("the proof draft of case {case_id} is damaged: {e}")))?;
        Ok(ProofDraft {
            text,
            actual_start,
            attachments,
            updated_at: Some(updated_at),
        })
    })
    .transpose()
}

pub fn save_proof(
    conn: &Connection,
    account_id: i64,
    case_id: &str,
    draft: &ProofDraft,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let files = serde_json::to_string(&draft.attachments).map_err(|e| StoreError::Invalid(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO proof_drafts (account_id, case_id, text, actual_start, attachments, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (account_id, case_id) DO UPDATE SET text = excluded.text, actual_start = excluded.actual_start,
             attachments = excluded.attachments, updated_at = excluded.updated_at",
    )?
    .execute(params![
        account_id,
        case_id,
        draft.text,
        draft.actual_start,
        files,
        stamp(now)
    ])?;
    Ok(())
}

pub fn delete_proof(conn: &Connection, account_id: i64, case_id: &str) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM proof_drafts WHERE account_id = ?1 AND case_id = ?2")?
        .execute(params![account_id, case_id])?;
    Ok(())
}

/// Records a notice as shown; `false` when it had been shown already.
pub fn mark_shown(conn: &Connection, account_id: i64, key: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached("INSERT OR IGNORE INTO notices_shown (account_id, notice_key, shown_at) VALUES (?1, ?2, ?3)")?
        .execute(params![account_id, key, stamp(now)])?;
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{accounts, Store};
    use chrono::TimeZone;

    #[test]
    fn a_proof_draft_survives_reopening_and_notices_are_shown_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("g.sqlite");
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap();
        let account_id = {
            let (store, _) = Store::open(&path, now).expect("open");
            let account = store
                .write(|tx| accounts::upsert_sandbox(tx, "http://127.0.0.1:1", now))
                .expect("sandbox account");
            let draft = ProofDraft {
                text: "验收标准：迁移 3 套数据库".into(),
                actual_start: Some("2026-11-20T01:00:00Z".into()),
                attachments: vec![ProofFile {
                    sha256: "ab".repeat(32),
                    name: "report.pdf".into(),
                    size: 1234,
                    kind: "pdf".into(),
                }],
                updated_at: None,
            };
            store
                .write(|tx| save_proof(tx, account.id, "case-1", &draft, now))
                .expect("save proof");
            account.id
        };
        let (store, _) = Store::open(&path, now).expect("reopen");
        let conn = store.conn().expect("conn");
        let back = proof(&conn, account_id, "case-1")
            .expect("read")
            .expect("the draft is still there");
        assert_eq!(
            back.text, "验收标准：迁移 3 套数据库",
            "the proof text survives a restart"
        );
        assert_eq!(back.attachments.len(), 1, "the attachment list survives a restart");
        assert!(
            proof(&conn, account_id, "case-2").expect("read").is_none(),
            "another case has no draft"
        );
        assert!(
            mark_shown(&conn, account_id, "invoice:inv-1", now).expect("mark"),
            "a first notice is new"
        );
        assert!(
            !mark_shown(&conn, account_id, "invoice:inv-1", now).expect("mark"),
            "the same notice is not shown twice"
        );
        delete_proof(&conn, account_id, "case-1").expect("delete");
        assert!(
            proof(&conn, account_id, "case-1").expect("read").is_none(),
            "a delivered proof's draft is gone"
        );
    }
}
