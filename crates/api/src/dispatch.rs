//! Commands by name, for web mode and the CLI: `dispatch("dashboard", {...})`.
//!
//! Every caller goes through here: web mode, the CLI, the tests and the Tauri shell's
//! one IPC handler. `COMMANDS` is the list the shell's capability must allow, and a
//! test in the shell checks it.

use crate::settlement::{bill_view, calendar, export, fee_invoice, import, overview, reconcile, why};
use crate::worklist::{cases, contacts, invoices, needs_action, play_buyer, proofs};
use crate::{
    account_edits, accounts, app, assets, catalog, conflicts, dashboard, draft_files, drafts, login_tester,
    marketplace, orders, preview, produce, produce_products, produce_progress, rule_pack, sync, ApiError, Core,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub const COMMANDS: &[&str] = include!("commands.in");

fn args<T: DeserializeOwned>(name: &str, value: Value) -> Result<T, ApiError> {
    let value = if value.is_null() {
        Value::Object(Default::default())
    } else {
        value
    };
    serde_json::from_value(value).map_err(|e| ApiError::invalid(format!("{name}: {e}")))
}

fn out<T: Serialize>(value: T) -> Result<Value, ApiError> {
    Ok(serde_json::to_value(value).expect("command results serialize"))
}

pub async fn dispatch(core: &Core, name: &str, value: Value) -> Result<Value, ApiError> {
    match name {
        "app_info" => out(app::app_info(core)?),
        "open_folder" => out(app::open_folder(core, args(name, value)?)?),
        "set_locale" => out(app::set_locale(core, args(name, value)?)?),
        "list_accounts" => out(accounts::list_accounts(core)?),
        "dashboard" => out(dashboard::dashboard(core, args(name, value)?)?),
        "list_orders" => out(orders::list_orders(core, args(name, value)?)?),
        "test_connection" => out(accounts::test_connection(core, args(name, value)?).await?),
        "add_account" => out(account_edits::add_account(core, args(name, value)?)?),
        "update_account" => out(account_edits::update_account(core, args(name, value)?)?),
        "remove_account" => out(account_edits::remove_account(core, args(name, value)?)?),
        "list_drafts" => out(drafts::list_drafts(core, args(name, value)?)?),
        "create_draft" => out(drafts::create_draft(core, args(name, value)?)?),
        "get_draft" => out(drafts::get_draft(core, args(name, value)?)?),
        "save_draft" => out(drafts::save_draft(core, args(name, value)?)?),
        "duplicate_draft" => out(drafts::duplicate_draft(core, args(name, value)?)?),
        "delete_draft" => out(drafts::delete_draft(core, args(name, value)?)?),
        "draft_history" => out(drafts::draft_history(core, args(name, value)?)?),
        "restore_draft" => out(drafts::restore_draft(core, args(name, value)?)?),
        "add_asset" => out(assets::add_asset(core, args(name, value)?)?),
        "asset_data_url" => out(assets::asset_data_url(core, args(name, value)?)?),
        "preview_draft" => out(preview::preview_draft(core, args(name, value)?)?),
        "rule_pack" => out(rule_pack::rule_pack(core)?),
        "set_global_override" => out(rule_pack::set_global_override(core, args(name, value)?)?),
        "export_draft_pack" => out(draft_files::export_draft_pack(core, args(name, value)?)?),
        "import_draft_pack" => out(draft_files::import_draft_pack(core, args(name, value)?)?),
        "sync_status" => out(sync::sync_status(core, args(name, value)?)?),
        "sync_now" => out(sync::sync_now(core, args(name, value)?).await?),
        "list_parked" => out(sync::list_parked(core, args(name, value)?)?),
        "retry_parked" => out(sync::retry_parked(core, args(name, value)?)?),
        "drop_parked" => out(sync::drop_parked(core, args(name, value)?)?),
        "list_conflicts" => out(sync::list_conflicts(core, args(name, value)?)?),
        "resolve_conflict" => out(conflicts::resolve_conflict(core, args(name, value)?)?),
        "parity_log" => out(sync::parity_log(core, args(name, value)?)?),
        "submit_draft" => out(marketplace::submit_draft(core, args(name, value)?)?),
        "withdraw_application" => out(marketplace::withdraw_application(core, args(name, value)?)?),
        "list_applications" => out(catalog::list_applications(core, args(name, value)?)?),
        "list_products" => out(catalog::list_products(core, args(name, value)?)?),
        "edit_product" => out(marketplace::edit_product(core, args(name, value)?)?),
        "request_delisting" => out(marketplace::request_delisting(core, args(name, value)?)?),
        "list_cases" => out(cases::list_cases(core, args(name, value)?)?),
        "get_case" => out(cases::get_case(core, args(name, value)?)?),
        "case_step" => out(cases::case_step(core, args(name, value)?)?),
        "appeal_case" => out(cases::appeal_case(core, args(name, value)?)?),
        "save_proof" => out(proofs::save_proof(core, args(name, value)?)?),
        "attach_proof_file" => out(proofs::attach_proof_file(core, args(name, value)?)?),
        "remove_proof_file" => out(proofs::remove_proof_file(core, args(name, value)?)?),
        "deliver_proof" => out(proofs::deliver_proof(core, args(name, value)?)?),
        "list_invoice_requests" => out(invoices::list_invoice_requests(core, args(name, value)?)?),
        "invoice_action" => out(invoices::invoice_action(core, args(name, value)?)?),
        "invoicing_lists" => out(invoices::invoicing_lists(core, args(name, value)?)?),
        "precheck_joint_invoice" => out(invoices::precheck_joint_invoice(core, args(name, value)?)?),
        "get_contacts" => out(contacts::get_contacts(core, args(name, value)?)?),
        "check_contacts" => out(contacts::check_contacts(core, args(name, value)?)?),
        "save_contacts" => out(contacts::save_contacts(core, args(name, value)?)?),
        "needs_action" => out(needs_action::needs_action(core, args(name, value)?)?),
        "due_notices" => out(needs_action::due_notices(core, args(name, value)?)?),
        "sandbox_case_act" => out(play_buyer::sandbox_case_act(core, args(name, value)?)?),
        "sandbox_open_case" => out(play_buyer::sandbox_open_case(core, args(name, value)?)?),
        "sandbox_raise_invoice_request" => out(play_buyer::sandbox_raise_invoice_request(core, args(name, value)?)?),
        "settlement_overview" => out(overview::settlement_overview(core, args(name, value)?)?),
        "list_bills" => out(bill_view::list_bills(core, args(name, value)?)?),
        "get_bill" => out(bill_view::get_bill(core, args(name, value)?)?),
        "bill_lines" => out(bill_view::bill_lines(core, args(name, value)?)?),
        "settlement_orders" => out(why::settlement_orders(core, args(name, value)?)?),
        "why_not_billed" => out(why::why_not_billed_cmd(core, args(name, value)?)?),
        "import_preview" => out(import::import_preview(core, args(name, value)?)?),
        "import_commit" => out(import::import_commit(core, args(name, value)?)?),
        "bill_imports" => out(import::bill_imports(core, args(name, value)?)?),
        "export_view" => out(export::export_view(core, args(name, value)?)?),
        "reconcile_bills" => out(reconcile::reconcile_bills(core, args(name, value)?)?),
        "get_working_calendar" => out(calendar::get_working_calendar(core, args(name, value)?)?),
        "set_working_calendar" => out(calendar::set_working_calendar(core, args(name, value)?)?),
        "reset_working_calendar" => out(calendar::reset_working_calendar(core, args(name, value)?)?),
        "request_fee_invoice" => out(fee_invoice::request_fee_invoice(core, args(name, value)?)?),
        "produce_targets" => out(produce::produce_targets(core)?),
        "produce_check" => out(produce::produce_check(core, args(name, value)?).await?),
        "produce_progress" => out(produce_progress::produce_progress(core, args(name, value)?)?),
        "produce_runs" => out(produce::produce_runs(core, args(name, value)?)?),
        "produce_run" => out(produce::produce_run(core, args(name, value)?)?),
        "login_tester_setup" => out(login_tester::login_tester_setup(core, args(name, value)?)?),
        "login_tester_report" => out(login_tester::login_tester_report(core, args(name, value)?)?),
        "login_tester_clock" => out(login_tester::login_tester_clock(core, args(name, value)?)?),
        "produce_products" => out(produce_products::produce_products(core, args(name, value)?)?),
        "save_produce_endpoint" => out(produce_products::save_produce_endpoint(core, args(name, value)?)?),
        other => Err(ApiError::new(
            crate::ErrorCode::NotFound,
            format!("there is no command '{other}'"),
        )),
    }
}
