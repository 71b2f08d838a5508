//! The V2.0 base interfaces: one signed POST per activity (§5.2, §5.4).
//!
//! The order follows an instance's life: create (twice, for idempotency, with a replay
//! of the first call in between), query, renewal, freeze and unfreeze, upgrade and the
//! renewal-change pre-check for period products, the Kit syncs for joint-operation
//! products, the deliberately bad requests, and release (twice). Which activities are
//! sent, and which failures are only warnings, follows the development matrix.

mod period;

use super::check::{Check, Exchange, Mode, Words};
use super::send::{send, Call};
use super::{ids, judge, kit, Runner, Target};
use gallerist_domain::produce::spec::{self, codes, Activity, TIMESTAMP_WINDOW_MS};
use gallerist_domain::produce::v2 as sign;
use gallerist_domain::ChargingMode;
use rand::{CryptoRng, RngCore};
use serde_json::{json, Value};

/// How a request is spoiled on purpose.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Spoil {
    None,
    WrongSignature,
    StaleTimestamp,
}

impl<R: RngCore + CryptoRng + Send> Runner<'_, R> {
    /// A signed V2 call for `body` (query: `signature`, `timestamp`, `nonce`).
    fn v2_call(&mut self, body: Value, spoil: Spoil) -> Call {
        let payload = sign::payload(&body);
        let nonce = ids::nonce(self.rng);
        let timestamp = match spoil {
            Spoil::StaleTimestamp => self.now_ms() - 2 * TIMESTAMP_WINDOW_MS,
            _ => self.now_ms(),
        }
        .to_string();
        let signature = match spoil {
            Spoil::WrongSignature => sign::sign(&format!("{}-not-the-key", self.key), &nonce, &timestamp, &payload),
            _ => sign::sign(self.key, &nonce, &timestamp, &payload),
        };
        let mut url = self.url.clone();
        url.query_pairs_mut()
            .append_pair("signature", &signature)
            .append_pair("timestamp", &timestamp)
            .append_pair("nonce", &nonce);
        let call = Call::post_json(url.to_string(), payload);
        match spoil {
            Spoil::None => call,
            Spoil::WrongSignature => call.bad(Words::new(
                "Deliberately bad: signed with a wrong key. KooGallery never sends this; your server should refuse it with 000001.",
                "故意构造的错误请求：使用错误密钥签名。云商店不会发送此类请求，您的服务应返回 000001 拒绝。",
            )),
            Spoil::StaleTimestamp => call.bad(Words::new(
                "Deliberately bad: the timestamp is 120 s old (the window is 60 s). Your server should refuse it with 000001.",
                "故意构造的错误请求：时间戳已过去 120 秒（有效期 60 秒）。您的服务应返回 000001 拒绝。",
            )),
        }
    }

    pub(super) async fn v2_send(&mut self, body: Value, spoil: Spoil) -> Exchange {
        let call = self.v2_call(body, spoil);
        send(self.http, call).await
    }
}

pub(super) fn activity(name: &str) -> &'static Activity {
    spec::activity(name).expect("the spec lists every activity the runner sends")
}

fn charging(mode: Mode) -> ChargingMode {
    match mode {
        Mode::Period => ChargingMode::Period,
        Mode::PerUse => ChargingMode::OnDemand,
        Mode::OneOff => ChargingMode::OneTime,
    }
}

/// A check of `activity`, e.g. `v2.create.result-code`.
pub(super) fn check(short: &str, aspect: &str, what: (&str, &str), act: &Activity) -> Check {
    Check::new(
        &format!("v2.{short}.{aspect}"),
        Words::new(
            format!("{} ({}): {}", short, act.name, what.0),
            format!("{}（{}）：{}", short, act.name, what.1),
        ),
        act.doc_url,
    )
}

const RESULT: (&str, &str) = ("answers with success", "返回成功");
const FIELDS: (&str, &str) = ("answer fields as documented", "应答字段符合文档");
pub(super) const REPEAT: (&str, &str) = ("a repeated call succeeds", "重复调用返回成功");
const TIME: (&str, &str) = ("answers within 5 s", "5 秒内应答");

/// Reports result code, fields and answer time for a block of calls of one activity.
pub(super) fn report_block<R: RngCore + CryptoRng + Send>(
    r: &mut Runner<'_, R>,
    short: &str,
    act: &Activity,
    first: &Exchange,
    timed: Vec<Exchange>,
    optional: bool,
    accepted: &[&str],
) {
    r.report(judge::result_code(
        check(short, "result-code", RESULT, act),
        first,
        accepted,
        optional,
    ));
    // An error answer need not carry the success fields: one fault, one red check.
    if judge::failure(first, accepted).is_none() {
        r.report(judge::fields(
            check(short, "fields", FIELDS, act),
            first,
            act.response,
            optional,
        ));
    }
    r.report(judge::answer_time(check(short, "answer-time", TIME, act), timed));
}

/// Sends the V2 matrix for `target` (and the Kit when it has a public key) and
/// returns every exchange, for the URL checks that read all answers.
pub async fn run<R: RngCore + CryptoRng + Send>(r: &mut Runner<'_, R>, target: &Target) -> Vec<Exchange> {
    let mode = charging(target.mode);
    let mut all = Vec::new();
    let now = r.clock.now();
    let order = ids::order_id(now, r.rng);
    let line = format!("{order}-000001");
    let business = ids::uuid(r.rng);
    let create = |business: &str| json!({"activity": "newInstance", "orderId": order, "orderLineId": line, "businessId": business, "testFlag": "1"});

    // Create, a replay of that very request, and the same order again.
    let act = activity("newInstance");
    let first_call = r.v2_call(create(&business), Spoil::None);
    let first = send(r.http, first_call.clone()).await;
    let replay_call = first_call.bad(Words::new(
        "Deliberately bad: the previous request resent byte for byte (same nonce). Your server should refuse it with 000001.",
        "故意构造的错误请求：原样重发上一个请求（相同 nonce）。您的服务应返回 000001 拒绝。",
    ));
    let replay = send(r.http, replay_call).await;
    let second_business = ids::uuid(r.rng);
    let again = r.v2_send(create(&second_business), Spoil::None).await;
    let created = [codes::SUCCESS, codes::IN_PROGRESS];
    report_block(
        r,
        "create",
        act,
        &first,
        vec![first.clone(), again.clone()],
        false,
        &created,
    );
    r.report(idempotent(act, &first, &again));
    let instance = instance_id(&first).unwrap_or(business);

    // Query.
    let act = activity("queryInstance");
    let query = r
        .v2_send(
            json!({"activity": "queryInstance", "instanceId": instance, "testFlag": "1"}),
            Spoil::None,
        )
        .await;
    report_block(r, "query", act, &query, vec![query.clone()], false, &[codes::SUCCESS]);
    if target.mode == Mode::PerUse {
        let usage = check("query", "usage", ("reports the usage it bills", "报告计费用量"), act);
        r.report(super::usage::reported(usage, &query, &instance));
    }
    all.extend([first.clone(), replay.clone(), again, query]);

    // Period products: renewal, freeze and unfreeze, then the optional ones.
    if target.mode == Mode::Period {
        all.extend(period::run(r, &instance, mode).await);
    }

    if let Some(pem) = &target.kit_public_key_pem {
        all.extend(kit::run(r, pem, &instance, &order).await);
    }

    // What KooGallery would never send.
    let auth = |id: &str, what: (&str, &str)| {
        Check::new(
            &format!("v2.auth.{id}"),
            Words::new(format!("Refuses {}", what.0), format!("拒绝{}", what.1)),
            spec::docs::V2_SIGNATURE,
        )
    };
    let fresh = ids::order_id(now, r.rng);
    let bad_body = json!({"activity": "newInstance", "orderId": fresh, "orderLineId": format!("{fresh}-000001"),
        "businessId": ids::uuid(r.rng), "testFlag": "1"});
    let wrong = r.v2_send(bad_body.clone(), Spoil::WrongSignature).await;
    let what = ("a wrong signature", "错误签名");
    r.report(judge::refused(
        auth("wrong-signature", what),
        &wrong,
        &Words::new(what.0, what.1),
    ));
    let stale = r.v2_send(bad_body, Spoil::StaleTimestamp).await;
    let what = ("a timestamp older than 60 s", "超过 60 秒的时间戳");
    r.report(judge::refused(
        auth("stale-timestamp", what),
        &stale,
        &Words::new(what.0, what.1),
    ));
    let what = ("a replayed nonce", "重放的 nonce");
    r.report(judge::refused(
        auth("replayed-nonce", what),
        &replay,
        &Words::new(what.0, what.1),
    ));
    all.extend([wrong, stale]);

    // Release, twice.
    let act = activity("releaseInstance");
    let body = json!({"activity": "releaseInstance", "instanceId": instance, "testFlag": "1"});
    let release = r.v2_send(body.clone(), Spoil::None).await;
    let again = r.v2_send(body, Spoil::None).await;
    report_block(
        r,
        "release",
        act,
        &release,
        vec![release.clone(), again.clone()],
        false,
        &[codes::SUCCESS],
    );
    r.report(judge::repeat(
        check("release", "repeat", REPEAT, act),
        &release,
        &again,
        false,
    ));
    all.extend([release, again]);
    all
}

fn instance_id(exchange: &Exchange) -> Option<String> {
    let body = exchange.answer.as_ref()?.json()?;
    body.get("instanceId")?
        .as_str()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `v2.create.idempotent`: the same order twice gives the same instanceId.
fn idempotent(act: &Activity, first: &Exchange, again: &Exchange) -> Check {
    let c = check(
        "create",
        "idempotent",
        (
            "the same order gives the same instanceId",
            "同一订单返回相同 instanceId",
        ),
        act,
    )
    .with(vec![first.clone(), again.clone()]);
    let c = Check {
        doc_url: spec::docs::IDEMPOTENCY.to_string(),
        ..c
    };
    use super::check::Verdict::{Fail, Pass};
    match (instance_id(first), instance_id(again)) {
        (Some(a), Some(b)) if a == b => c.verdict(
            Pass,
            Words::new(format!("Both calls answered instanceId {a}."), format!("两次调用均返回 instanceId {a}。")),
        ),
        (Some(a), Some(b)) => c.verdict(
            Fail,
            Words::new(
                format!("The same orderId and orderLineId gave instanceId {a}, then {b}: KooGallery resends create, and each resend would open a new instance."),
                format!("相同的 orderId 和 orderLineId 先后返回 instanceId {a} 和 {b}：云商店会重发开通请求，每次重发都会多开一个实例。"),
            ),
        ),
        _ => c.verdict(
            Fail,
            Words::new(
                "Not both calls answered an instanceId, so the same order cannot be shown to give the same instance.",
                "两次调用未都返回 instanceId，无法确认同一订单返回同一实例。",
            ),
        ),
    }
}
