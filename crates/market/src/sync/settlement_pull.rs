//! Pulling bills, their lines and the settlement facts of orders.
//!
//! WHY not through `remote_entities`: a seller's bills carry up to a million lines, which
//! the overview aggregates with one indexed `GROUP BY` (see `store::bill_figures`), so
//! they land in `bills` / `bill_lines` as columns. A changed bill brings all its lines
//! again; lines are keyed by the server's line id, so a repeat adds nothing. Settlement
//! facts (paid, repaid, supervision, effective, certified, billed in) are what the
//! why-not-billed card checks against the bill-run rule.

use super::engine::Engine;
use super::pull::{PullError, PullReport};
use gallerist_store::bill_figures;
use gallerist_store::bills::{self, BillRow, LineRow};
use gallerist_store::sync_state;
use serde_json::Value;

fn minor(v: &Value) -> i64 {
    v["minor"].as_i64().unwrap_or(0)
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

fn opt(v: &Value, key: &str) -> Option<String> {
    v[key].as_str().map(str::to_string)
}

/// A bill as the Seller Sync API sends it.
pub fn bill_row(v: &Value) -> BillRow {
    let t = &v["totals"];
    BillRow {
        bill_id: text(v, "id"),
        period: text(v, "period"),
        site: text(v, "site"),
        currency: v["totals"]["gross"]["currency"].as_str().unwrap_or("CNY").to_string(),
        run_date: opt(v, "run_date"),
        stage: text(v, "stage"),
        gross_minor: minor(&t["gross"]),
        fee_minor: minor(&t["fee"]),
        tax_minor: minor(&t["tax"]),
        net_minor: minor(&t["net"]),
        line_count: v["line_count"].as_i64().unwrap_or(0),
        source: "sync".into(),
        revision: v["revision"].as_i64().unwrap_or(0),
        fee_invoice: Some(v["fee_invoice"].clone()).filter(|f| f.is_object()),
        joint_operation: v["joint_operation"].as_bool().unwrap_or(false),
    }
}

/// A bill line as the Seller Sync API sends it.
pub fn line_row(bill_id: &str, v: &Value) -> LineRow {
    LineRow {
        id: 0,
        bill_id: bill_id.to_string(),
        fingerprint: format!("sync:{}", text(v, "id")),
        period: text(v, "period"),
        order_id: text(v, "order_id"),
        order_line: opt(v, "order_line"),
        order_kind: opt(v, "order_kind"),
        product_id: opt(v, "product_id"),
        product_name: text(v, "product_name"),
        product_type: text(v, "product_type"),
        currency: v["gross"]["currency"].as_str().unwrap_or("CNY").to_string(),
        gross_minor: minor(&v["gross"]),
        customer_wht_minor: minor(&v["customer_wht"]),
        fee_rate_ppm: v["fee_rate_ppm"].as_i64(),
        fee_minor: minor(&v["fee"]),
        seller_wht_minor: minor(&v["seller_wht"]),
        dst_minor: minor(&v["dst"]),
        net_minor: minor(&v["net"]),
        source: "sync".into(),
    }
}

impl Engine {
    async fn cursor(&self, collection: &str) -> Result<Option<String>, PullError> {
        Ok(sync_state::get(&*self.store.conn()?, self.account_id)?
            .cursors
            .get(collection)
            .cloned())
    }

    fn path(collection: &str, cursor: Option<&str>) -> String {
        match cursor {
            Some(c) => format!("/{collection}?limit=200&updated_since={c}"),
            None => format!("/{collection}?limit=200"),
        }
    }

    pub(crate) async fn pull_settlement(&self, report: &mut PullReport) -> Result<(), PullError> {
        loop {
            let page = self
                .get_page(Self::path("bills", self.cursor("bills").await?.as_deref()))
                .await?;
            report.pages += 1;
            let items = page["items"].as_array().cloned().unwrap_or_default();
            for bill in &items {
                report.seen += 1;
                self.pull_lines(bill, report).await?;
            }
            let now = self.clock.now();
            self.store.write(|tx| {
                for bill in &items {
                    bills::upsert_bill(tx, self.account_id, &bill_row(bill), now)?;
                }
                if let Some(next) = page["next_cursor"].as_str() {
                    sync_state::set_cursor(tx, self.account_id, "bills", next)?;
                }
                Ok(())
            })?;
            if !page["has_more"].as_bool().unwrap_or(false) || items.is_empty() {
                break;
            }
        }
        loop {
            let cursor = self.cursor("settlement-orders").await?;
            let page = self
                .get_page(Self::path("settlement-orders", cursor.as_deref()))
                .await?;
            report.pages += 1;
            let items = page["items"].as_array().cloned().unwrap_or_default();
            let now = self.clock.now();
            self.store.write(|tx| {
                for o in &items {
                    report.seen += 1;
                    let id = text(o, "id");
                    let revision = o["revision"].as_i64().unwrap_or(0);
                    let billed = opt(o, "billed_in");
                    if bill_figures::put_settlement_order(
                        tx,
                        self.account_id,
                        &id,
                        o,
                        billed.as_deref(),
                        revision,
                        now,
                    )? {
                        report.changed += 1;
                    }
                }
                if let Some(next) = page["next_cursor"].as_str() {
                    sync_state::set_cursor(tx, self.account_id, "settlement-orders", next)?;
                }
                Ok(())
            })?;
            if !page["has_more"].as_bool().unwrap_or(false) || items.is_empty() {
                break;
            }
        }
        Ok(())
    }

    /// Every line of a changed bill, page by page, each page in one transaction.
    async fn pull_lines(&self, bill: &Value, report: &mut PullReport) -> Result<(), PullError> {
        let id = text(bill, "id");
        let mut cursor: Option<String> = None;
        loop {
            let path = match &cursor {
                Some(c) => format!("/bills/{id}/lines?limit=500&updated_since={c}"),
                None => format!("/bills/{id}/lines?limit=500"),
            };
            let page = self.get_page(path).await?;
            report.pages += 1;
            let items = page["items"].as_array().cloned().unwrap_or_default();
            let lines: Vec<LineRow> = items.iter().map(|l| line_row(&id, l)).collect();
            let (inserted, _) = self
                .store
                .write(|tx| bills::insert_lines(tx, self.account_id, &lines, None))?;
            report.changed += inserted as u64;
            cursor = page["next_cursor"].as_str().map(str::to_string);
            if !page["has_more"].as_bool().unwrap_or(false) || items.is_empty() {
                break;
            }
        }
        Ok(())
    }
}
