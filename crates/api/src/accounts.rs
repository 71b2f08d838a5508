//! Account commands: the list and a real signed "Test connection".
//!
//! Test connection asks the account's Open API for a documented mock order — the
//! cheapest call that exercises host, TLS, signing, clock and permissions at once —
//! and reports the outcome in the seller's language with the marketplace's code.

use crate::{ApiError, Core};
use gallerist_domain::codes::explain_status;
use gallerist_domain::mock_orders::CONNECTION_CHECK_ORDER;
use gallerist_market::{Credentials, MarketError, OpenApi};
use gallerist_store::accounts::{self, Account};
use serde::{Deserialize, Serialize};
use std::time::Instant;

pub fn list_accounts(core: &Core) -> Result<Vec<Account>, ApiError> {
    Ok(accounts::list(&*core.store.conn()?)?)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountArg {
    pub account_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    pub ok: bool,
    pub http_status: Option<u16>,
    pub code: String,
    pub message: String,
    pub next_step: String,
    pub latency_ms: u64,
    pub checked_order_id: String,
    pub clock_offset_seconds: Option<i64>,
}

/// The keys for an account: the sandbox's live in memory, others in the keychain.
pub fn credentials(core: &Core, account: &Account) -> Result<Option<Credentials>, crate::vault::VaultError> {
    if let Some(s) = core.sandbox.as_ref().filter(|s| s.account_id == account.id) {
        return Ok(Some(s.credentials.clone()));
    }
    let Some(access_key) = account.access_key_id.clone() else {
        return Ok(None);
    };
    let secret = core
        .vault
        .get(&core.secret(account.id, crate::vault::SecretKind::SecretKey))?;
    Ok(secret.map(|secret_key| Credentials { access_key, secret_key }))
}

/// A sentence on the clock when the server's differs by more than a minute.
fn clock_note(locale: gallerist_domain::codes::Locale, offset: i64) -> String {
    match locale {
        gallerist_domain::codes::Locale::ZhCn => format!("本机时间与网关相差 {offset} 秒。"),
        gallerist_domain::codes::Locale::En => {
            format!("This computer's clock differs from the gateway's by {offset} seconds.")
        }
    }
}

pub async fn test_connection(core: &Core, args: AccountArg) -> Result<ConnectionReport, ApiError> {
    let account = accounts::get(&*core.store.conn()?, args.account_id)?;
    let locale = core.locale();
    let report = |ok: bool, code: &str, status: Option<u16>, ms: u64, offset: Option<i64>| {
        let e = explain_status(code, status, locale);
        ConnectionReport {
            ok,
            http_status: status,
            code: code.to_string(),
            message: e.what,
            next_step: e.next_step,
            latency_ms: ms,
            checked_order_id: CONNECTION_CHECK_ORDER.to_string(),
            clock_offset_seconds: offset,
        }
    };
    let creds = match credentials(core, &account) {
        Ok(Some(c)) => c,
        Ok(None) => return Ok(report(false, "no_credentials", None, 0, None)),
        Err(e) => {
            let mut r = report(false, "keychain", None, 0, None);
            r.message = format!("{} ({e})", r.message);
            return Ok(r);
        }
    };
    let api = OpenApi::new(core.http.clone(), &account.base_url, creds, core.clock.clone())
        .map_err(|e| ApiError::invalid(format!("the account's base URL is not usable: {e}")))?;
    let started = Instant::now();
    let outcome = api
        .query_order(CONNECTION_CHECK_ORDER, None, account.site.currency())
        .await;
    let ms = started.elapsed().as_millis() as u64;
    Ok(match outcome {
        Ok((_, raw)) => report(true, "MKT.0000", Some(raw.status), ms, raw.clock_offset_seconds),
        Err(e) => {
            let offset = match &e {
                MarketError::Gateway {
                    clock_offset_seconds, ..
                } => *clock_offset_seconds,
                _ => None,
            };
            let mut r = report(false, e.code(), e.http_status(), ms, offset);
            if let MarketError::Gateway { message, .. } | MarketError::Business { message, .. } = &e {
                r.message = format!("{} ({message})", r.message);
            }
            if let Some(o) = offset.filter(|o| o.abs() > 60) {
                r.next_step = format!("{} {}", clock_note(locale, o), r.next_step);
            }
            r
        }
    })
}
