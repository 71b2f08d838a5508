//! The `accounts` table: one row per marketplace site and key pair.
//!
//! Only the public access key id is kept here; secret keys live in the OS keychain.
//! The embedded sandbox account is a single row whose base URL is refreshed at each
//! start, because the sandbox listens on a new loopback port every time.

use crate::StoreError;
use chrono::{DateTime, Utc};
use gallerist_domain::Site;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

pub const SANDBOX_NAME: &str = "Sandbox";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub site: Site,
    pub base_url: String,
    pub access_key_id: Option<String>,
    pub is_sandbox: bool,
    pub created_at: String,
    /// The OS keychain holds this account's secret key (the key itself is never here).
    pub secret_key_stored: bool,
    pub production_key_stored: bool,
}

#[derive(Debug, Clone)]
pub struct NewAccount {
    pub name: String,
    pub site: Site,
    pub base_url: String,
    pub access_key_id: Option<String>,
}

const COLUMNS: &str =
    "id, name, site, base_url, access_key_id, is_sandbox, created_at, secret_key_stored, production_key_stored";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Account> {
    let site: String = r.get(2)?;
    Ok(Account {
        id: r.get(0)?,
        name: r.get(1)?,
        site: Site::parse(&site).unwrap_or(Site::Custom),
        base_url: r.get(3)?,
        access_key_id: r.get(4)?,
        is_sandbox: r.get(5)?,
        created_at: r.get(6)?,
        secret_key_stored: r.get(7)?,
        production_key_stored: r.get(8)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Account>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM accounts ORDER BY is_sandbox DESC, name"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Account, StoreError> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("account {id}")))
}

pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<Account>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM accounts WHERE name = ?1"),
            [name],
            from_row,
        )
        .optional()?)
}

pub fn insert(conn: &Connection, new: &NewAccount, now: DateTime<Utc>) -> Result<Account, StoreError> {
    if new.name.trim().is_empty() {
        return Err(StoreError::Invalid("an account needs a name".into()));
    }
    if find_by_name(conn, new.name.trim())?.is_some() {
        return Err(StoreError::Invalid(format!(
            "an account named '{}' already exists",
            new.name.trim()
        )));
    }
    conn.execute(
        "INSERT INTO accounts (name, site, base_url, access_key_id, is_sandbox, created_at) VALUES (?1, ?2, ?3, ?4, 0, ?5)",
        params![new.name.trim(), new.site.as_str(), new.base_url, new.access_key_id, now.to_rfc3339()],
    )?;
    get(conn, conn.last_insert_rowid())
}

/// Creates the sandbox account on first start, or points it at today's port.
pub fn upsert_sandbox(conn: &Connection, base_url: &str, now: DateTime<Utc>) -> Result<Account, StoreError> {
    let existing: Option<i64> = conn
        .query_row("SELECT id FROM accounts WHERE is_sandbox = 1", [], |r| r.get(0))
        .optional()?;
    let id = match existing {
        Some(id) => {
            conn.execute("UPDATE accounts SET base_url = ?1 WHERE id = ?2", params![base_url, id])?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO accounts (name, site, base_url, access_key_id, is_sandbox, created_at)
                 VALUES (?1, 'sandbox', ?2, NULL, 1, ?3)",
                params![SANDBOX_NAME, base_url, now.to_rfc3339()],
            )?;
            conn.last_insert_rowid()
        }
    };
    get(conn, id)
}

pub fn remove(conn: &Connection, id: i64) -> Result<(), StoreError> {
    match conn.execute("DELETE FROM accounts WHERE id = ?1", [id])? {
        0 => Err(StoreError::NotFound(format!("account {id}"))),
        _ => Ok(()),
    }
}

/// What an edit may change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct AccountEdit {
    pub name: Option<String>,
    pub base_url: Option<String>,
    pub access_key_id: Option<String>,
}

pub fn update(conn: &Connection, id: i64, edit: &AccountEdit) -> Result<Account, StoreError> {
    let current = get(conn, id)?;
    if let Some(name) = edit.name.as_deref().map(str::trim) {
        if name.is_empty() {
            return Err(StoreError::Invalid("an account needs a name".into()));
        }
        if find_by_name(conn, name)?.is_some_and(|a| a.id != id) {
            return Err(StoreError::Invalid(format!("an account named '{name}' already exists")));
        }
    }
    conn.execute(
        "UPDATE accounts SET name = ?1, base_url = ?2, access_key_id = ?3 WHERE id = ?4",
        params![
            edit.name.as_deref().map(str::trim).unwrap_or(&current.name),
            edit.base_url.as_deref().unwrap_or(&current.base_url),
            edit.access_key_id.as_deref().or(current.access_key_id.as_deref()),
            id
        ],
    )?;
    get(conn, id)
}

/// Records whether the keychain holds the account's secret key / production key.
pub fn mark_secrets(
    conn: &Connection,
    id: i64,
    secret_key: Option<bool>,
    production_key: Option<bool>,
) -> Result<(), StoreError> {
    if let Some(stored) = secret_key {
        conn.execute(
            "UPDATE accounts SET secret_key_stored = ?1 WHERE id = ?2",
            params![stored, id],
        )?;
    }
    if let Some(stored) = production_key {
        conn.execute(
            "UPDATE accounts SET production_key_stored = ?1 WHERE id = ?2",
            params![stored, id],
        )?;
    }
    Ok(())
}
