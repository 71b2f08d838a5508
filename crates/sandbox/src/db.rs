//! The sandbox's own SQLite state: the orders it serves, as wire JSON, and the
//! Seller Sync records (`sync::store`).
//!
//! Kept separate from the client's store on purpose: the sandbox is "the
//! marketplace", and sharing tables with the client would let bugs cancel out.

use crate::SandboxError;
use gallerist_domain::{mock_orders::mock_orders, wire::OrderInfo, Currency, Order};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

pub struct SandboxDb {
    conn: Connection,
    label: PathBuf,
}

const SCHEMA: &str = "PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS orders (order_id TEXT PRIMARY KEY, body TEXT NOT NULL);";

impl SandboxDb {
    /// Opens the data file (or memory) and makes sure the nine mock orders exist.
    pub fn open(path: Option<&Path>) -> Result<SandboxDb, SandboxError> {
        let label = path.map(Path::to_path_buf).unwrap_or_else(|| ":memory:".into());
        let data_err = |detail: String| SandboxError::Data {
            path: label.clone(),
            detail,
        };
        let conn = match path {
            Some(p) => Connection::open(p),
            None => Connection::open_in_memory(),
        }
        .map_err(|e| data_err(e.to_string()))?;
        conn.execute_batch(SCHEMA).map_err(|e| data_err(e.to_string()))?;
        for schema in crate::sync::SCHEMAS {
            conn.execute_batch(schema).map_err(|e| data_err(e.to_string()))?;
        }
        conn.set_prepared_statement_cache_capacity(64);
        let db = SandboxDb { conn, label };
        db.add_orders(&mock_orders(Currency::Cny))?;
        Ok(db)
    }

    pub fn add_orders(&self, orders: &[Order]) -> Result<usize, SandboxError> {
        let err = |e: rusqlite::Error| SandboxError::Data {
            path: self.label.clone(),
            detail: e.to_string(),
        };
        let mut stmt = self
            .conn
            .prepare_cached("INSERT OR IGNORE INTO orders (order_id, body) VALUES (?1, ?2)")
            .map_err(err)?;
        let mut added = 0;
        for o in orders {
            let body = serde_json::to_string(&OrderInfo::from_order(o)).expect("order info serializes");
            added += stmt.execute(params![o.order_id, body]).map_err(err)?;
        }
        Ok(added)
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn find_order(&self, order_id: &str) -> rusqlite::Result<Option<OrderInfo>> {
        let body: Option<String> = self
            .conn
            .query_row("SELECT body FROM orders WHERE order_id = ?1", [order_id], |r| r.get(0))
            .optional()?;
        Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
    }
}
