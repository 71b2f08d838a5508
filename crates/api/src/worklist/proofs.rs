//! Delivery proofs drafted offline and delivered through the outbox.
//!
//! WHY a draft per case: a proof is assembled over time (the template's text, then the
//! customer's signed report), so it is saved locally on every edit and survives
//! restarts. Files are sniffed when attached — a PNG named `.pdf` is refused with both
//! names — and stored content-addressed. "Deliver" queues, in the case's lane, one
//! upload per file and then the delivery step that names them; the draft is deleted
//! only when the server has accepted the delivery, so a refusal loses nothing.

use super::cases::{self, CaseView, KIND};
use super::{refused, sync_account, Change};
use crate::{ApiError, Core};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use gallerist_domain::supervision::attachment::{check_attachment, MAX_ATTACHMENT_BYTES};
use gallerist_domain::supervision::{Delivery, Op};
use gallerist_market::sync::ops;
use gallerist_store::worklist::{self, ProofDraft, ProofFile};
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaveProof {
    pub account_id: i64,
    pub case_id: String,
    pub text: String,
    /// RFC 3339, or null to let validity start at acceptance.
    pub actual_start: Option<String>,
}

fn current(core: &Core, account_id: i64, case_id: &str) -> Result<ProofDraft, ApiError> {
    Ok(worklist::proof(&*core.store.conn()?, account_id, case_id)?.unwrap_or_default())
}

fn store(core: &Core, account_id: i64, case_id: &str, draft: &ProofDraft) -> Result<ProofDraft, ApiError> {
    let now = core.clock.now();
    core.store
        .write(|tx| worklist::save_proof(tx, account_id, case_id, draft, now))?;
    current(core, account_id, case_id)
}

fn parse_start(text: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            refused(
                format!("“{text}” is not a date and time."),
                format!("“{text}”不是有效的日期时间。"),
            )
        })
}

/// Saves the text and the actual start time (files are kept).
pub fn save_proof(core: &Core, args: SaveProof) -> Result<ProofDraft, ApiError> {
    let start = args.actual_start.filter(|s| !s.trim().is_empty());
    if let Some(s) = &start {
        parse_start(s)?;
    }
    let mut draft = current(core, args.account_id, &args.case_id)?;
    draft.text = args.text;
    draft.actual_start = start;
    store(core, args.account_id, &args.case_id, &draft)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachProofFile {
    pub account_id: i64,
    pub case_id: String,
    pub name: String,
    pub base64: String,
}

/// Adds a file after checking that its bytes are what its name says.
pub fn attach_proof_file(core: &Core, args: AttachProofFile) -> Result<ProofDraft, ApiError> {
    let name = args
        .name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    if args.base64.len() / 4 * 3 > MAX_ATTACHMENT_BYTES + 3 {
        return Err(refused(
            format!("“{name}” is larger than {} MB.", MAX_ATTACHMENT_BYTES / 1_048_576),
            format!("“{name}”超过 {} MB。", MAX_ATTACHMENT_BYTES / 1_048_576),
        ));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(args.base64.trim())
        .map_err(|_| {
            refused(
                format!("“{name}” arrived damaged; attach it again."),
                format!("“{name}”上传数据损坏，请重新添加。"),
            )
        })?;
    let kind = check_attachment(&name, &bytes).map_err(|r| refused(r.message_en(), r.message_zh()))?;
    let now = core.clock.now();
    let sha256 = core.store.write(|tx| core.assets.put(tx, &bytes, now))?;
    let mut draft = current(core, args.account_id, &args.case_id)?;
    if !draft.attachments.iter().any(|f| f.sha256 == sha256) {
        draft.attachments.push(ProofFile {
            sha256,
            name,
            size: bytes.len() as u64,
            kind: serde_json::to_value(kind)
                .expect("a file kind serializes")
                .as_str()
                .unwrap_or_default()
                .to_string(),
        });
    }
    store(core, args.account_id, &args.case_id, &draft)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveProofFile {
    pub account_id: i64,
    pub case_id: String,
    pub sha256: String,
}

pub fn remove_proof_file(core: &Core, args: RemoveProofFile) -> Result<ProofDraft, ApiError> {
    let mut draft = current(core, args.account_id, &args.case_id)?;
    draft.attachments.retain(|f| f.sha256 != args.sha256);
    store(core, args.account_id, &args.case_id, &draft)
}

/// Delivers the drafted proof: uploads, then the delivery step, in the case's lane.
pub fn deliver_proof(core: &Core, args: cases::CaseArg) -> Result<CaseView, ApiError> {
    sync_account(core, args.account_id)?;
    let draft = current(core, args.account_id, &args.case_id)?;
    for f in &draft.attachments {
        core.assets.get(&f.sha256).map_err(|e| {
            refused(
                format!(
                    "“{}” can no longer be read ({e}); remove it and attach it again.",
                    f.name
                ),
                format!("“{}”已无法读取，请移除后重新添加。", f.name),
            )
        })?;
    }
    let actual_start = draft.actual_start.as_deref().map(parse_start).transpose()?;
    let op = Op::Deliver(Delivery {
        acceptance_document: draft.text.clone(),
        attachments: draft.attachments.iter().map(|f| f.sha256.clone()).collect(),
        actual_start,
    });
    let lane = super::lane(KIND, &args.case_id);
    let uploads = draft
        .attachments
        .iter()
        .map(|f| Change {
            kind: ops::UPLOAD_ATTACHMENT,
            lane: lane.clone(),
            payload: json!({ "case_id": args.case_id, "sha256": f.sha256, "name": f.name }),
            base_revision: None,
        })
        .collect();
    cases::take_step(
        core,
        args.account_id,
        &args.case_id,
        uploads,
        op,
        json!({ "clears_proof": true }),
    )
}
