//! One adapter per command: unwrap the core, call the plain function.
//!
//! Tauri maps the UI's camelCase arguments (`accountId`) to these snake_case
//! parameters, so the UI sends the same argument objects here as in web mode.

use crate::Backend;
use gallerist_api::account_edits::{self, AddAccount, UpdateAccount};
use gallerist_api::accounts::{AccountArg, ConnectionReport};
use gallerist_api::app::{AppInfo, LocaleChoice, SetLocale};
use gallerist_api::dashboard::Dashboard;
use gallerist_api::orders::{ListOrders, OrderPage};
use gallerist_api::{accounts, app, dashboard as dash, orders, ApiError};
use gallerist_store::accounts::Account;
use tauri::State;

#[tauri::command]
pub fn app_info(backend: State<'_, Backend>) -> Result<AppInfo, ApiError> {
    app::app_info(backend.core()?)
}

#[tauri::command]
pub fn set_locale(backend: State<'_, Backend>, locale: String) -> Result<LocaleChoice, ApiError> {
    app::set_locale(backend.core()?, SetLocale { locale })
}

#[tauri::command]
pub fn list_accounts(backend: State<'_, Backend>) -> Result<Vec<Account>, ApiError> {
    accounts::list_accounts(backend.core()?)
}

#[tauri::command]
pub fn dashboard(backend: State<'_, Backend>, account_id: i64) -> Result<Dashboard, ApiError> {
    dash::dashboard(backend.core()?, AccountArg { account_id })
}

#[tauri::command]
pub fn list_orders(
    backend: State<'_, Backend>,
    account_id: i64,
    search: Option<String>,
    order_type: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
) -> Result<OrderPage, ApiError> {
    orders::list_orders(
        backend.core()?,
        ListOrders {
            account_id,
            search,
            order_type,
            limit,
            offset,
        },
    )
}

#[tauri::command]
pub async fn test_connection(backend: State<'_, Backend>, account_id: i64) -> Result<ConnectionReport, ApiError> {
    accounts::test_connection(backend.core()?, AccountArg { account_id }).await
}

#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub fn add_account(
    backend: State<'_, Backend>,
    name: String,
    site: String,
    base_url: Option<String>,
    access_key_id: String,
    secret_key: String,
    production_key: Option<String>,
) -> Result<Account, ApiError> {
    let args = AddAccount {
        name,
        site,
        base_url,
        access_key_id,
        secret_key,
        production_key,
    };
    account_edits::add_account(backend.core()?, args)
}

#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub fn update_account(
    backend: State<'_, Backend>,
    account_id: i64,
    name: Option<String>,
    base_url: Option<String>,
    access_key_id: Option<String>,
    secret_key: Option<String>,
    production_key: Option<String>,
) -> Result<Account, ApiError> {
    let args = UpdateAccount {
        account_id,
        name,
        base_url,
        access_key_id,
        secret_key,
        production_key,
    };
    account_edits::update_account(backend.core()?, args)
}

#[tauri::command]
pub fn remove_account(backend: State<'_, Backend>, account_id: i64) -> Result<(), ApiError> {
    account_edits::remove_account(backend.core()?, AccountArg { account_id })
}

#[cfg(test)]
mod tests {
    /// The adapters registered in `lib.rs` (keep in step with `generate_handler!`).
    const NAMES: &[&str] = &[
        "app_info",
        "set_locale",
        "list_accounts",
        "dashboard",
        "list_orders",
        "test_connection",
        "add_account",
        "update_account",
        "remove_account",
    ];

    #[test]
    fn the_shell_registers_every_core_command_and_allows_exactly_those() {
        assert_eq!(
            NAMES,
            gallerist_api::COMMANDS,
            "every command the web mode has, the window has too"
        );
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).expect("capability file is JSON");
        let allowed: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        let expected: Vec<String> = NAMES.iter().map(|n| format!("allow-{}", n.replace('_', "-"))).collect();
        assert_eq!(
            allowed, expected,
            "the window may call exactly the registered commands, nothing more"
        );
    }
}
