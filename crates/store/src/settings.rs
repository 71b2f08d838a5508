//! The `settings` table: small app preferences such as the chosen language.

use crate::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

pub const LOCALE: &str = "locale";
pub const DEMO_SEEDED_AT: &str = "demo_seeded_at";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The seller's working calendar (JSON), when edited; the seeded one otherwise.
pub const WORKING_CALENDAR: &str = "working_calendar";

/// Forgets a setting, so its default applies again.
pub fn remove(conn: &Connection, key: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
    Ok(())
}
