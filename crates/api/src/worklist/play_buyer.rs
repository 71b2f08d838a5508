//! "Play the buyer" on the embedded sandbox: take the buyer's or the platform's step on
//! a case, open a new case, or raise an invoice request.
//!
//! WHY in the app: a seller trying Gallerist on the demo shop wants to see a case move
//! through every node without waiting for the simulated buyers, and the end-to-end
//! tests need the buyer's side on demand. Only the bundled sandbox has these controls;
//! any other account is refused, so nothing here can touch a real marketplace.

use crate::{ApiError, Core, ErrorCode};
use gallerist_domain::supervision::{Actor, Op};
use gallerist_sandbox::{NewCase, NewInvoiceRequest, Sandbox};
use serde::Deserialize;
use serde_json::Value;

fn sandbox(core: &Core) -> Result<&Sandbox, ApiError> {
    core.sandbox.as_ref().map(|s| &s.server).ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            "Playing the buyer needs the built-in sandbox, which is not running. / 模拟用户操作需要内置沙箱，当前未运行。",
        )
    })
}

fn refused(e: gallerist_sandbox::SyncError) -> ApiError {
    let zh = e
        .details()
        .get("message_zh")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if zh.is_empty() {
        ApiError::invalid(e.message().to_string())
    } else {
        ApiError::invalid(format!("{} / {zh}", e.message()))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActArg {
    pub case_id: String,
    pub actor: Actor,
    pub op: Op,
}

/// The buyer's or the platform's step, taken now at the sandbox; sync is woken.
pub fn sandbox_case_act(core: &Core, args: ActArg) -> Result<Value, ApiError> {
    if args.actor == Actor::Seller {
        return Err(ApiError::invalid(
            "Take the seller's steps on the case page. / 商家操作请在服务监管详情页进行。",
        ));
    }
    let answer = sandbox(core)?
        .act_on_case(&args.case_id, args.actor, args.op)
        .map_err(refused)?;
    core.sync_wake.notify_one();
    Ok(answer)
}

pub fn sandbox_open_case(core: &Core, args: NewCase) -> Result<Value, ApiError> {
    let answer = sandbox(core)?.open_case(&args).map_err(refused)?;
    core.sync_wake.notify_one();
    Ok(answer)
}

pub fn sandbox_raise_invoice_request(core: &Core, args: NewInvoiceRequest) -> Result<Value, ApiError> {
    let answer = sandbox(core)?.raise_invoice_request(&args).map_err(refused)?;
    core.sync_wake.notify_one();
    Ok(answer)
}
