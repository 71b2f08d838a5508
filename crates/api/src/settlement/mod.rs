//! Bills and settlements: the overview (monthly gross → fee → tax → net, breakdowns),
//! bills with their lines, why an order is not billed yet, reconciliation, and the
//! console bridge (importing the console's bill exports, exporting any view).
//!
//! WHY in the core: the same figures feed the window, web mode, the CLI and the tests,
//! and every amount is an integer number of minor units from the store to the screen.
//!
//! Honesty: KooGallery publishes no bill API. Bills reach Gallerist from a Seller Sync
//! API server (the bundled sandbox runs the bill run on its calendar) or from the
//! console's own exports, imported here.

pub mod bill_view;
pub mod calendar;
pub mod export;
mod export_views;
pub mod fee_invoice;
pub mod import;
mod import_commit;
mod import_lines;
pub mod import_view;
pub mod overview;
pub mod reconcile;
pub mod why;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountArg {
    pub account_id: i64,
}
