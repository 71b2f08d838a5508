//! The legacy V1.0 interface (§6): GET with the parameters in the query and an
//! `authToken`, each answer signed in a `Body-Sign` header, credentials handed back
//! AES-encrypted when `encryptType` is given.
//!
//! WHY check the answers' signatures: in V1 KooGallery verifies every answer; an answer
//! signed over different bytes (a framework that re-serialises or adds a newline after
//! signing) is refused although the seller's own logs show success.

use super::check::{Check, Exchange, Mode, Verdict, Words};
use super::send::{send, Call};
use super::{ids, judge, Runner, Target};
use gallerist_domain::produce::spec::{self, codes};
use gallerist_domain::produce::v1 as sign;
use rand::{CryptoRng, RngCore};

impl<R: RngCore + CryptoRng + Send> Runner<'_, R> {
    fn v1_call(&mut self, params: &[(&str, String)], key: &str) -> Call {
        let stamp = self
            .clock
            .now()
            .with_timezone(&gallerist_domain::clock::china_offset())
            .format("%Y%m%d%H%M%S%3f")
            .to_string();
        let mut pairs: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        pairs.push(("testFlag".into(), "1".into()));
        pairs.push(("timeStamp".into(), stamp));
        let token = sign::auth_token(key, &pairs);
        let mut url = self.url.clone();
        {
            let mut q = url.query_pairs_mut();
            for (k, v) in &pairs {
                q.append_pair(k, v);
            }
            q.append_pair("authToken", &token);
        }
        Call::get(url.to_string())
    }

    async fn v1_send(&mut self, params: &[(&str, String)]) -> Exchange {
        let key = self.key.to_string();
        let call = self.v1_call(params, &key);
        send(self.http, call).await
    }
}

fn check(short: &str, aspect: &str, what: (&str, &str), doc: &str) -> Check {
    Check::new(
        &format!("v1.{short}.{aspect}"),
        Words::new(format!("V1 {short}: {}", what.0), format!("V1 {short}：{}", what.1)),
        doc,
    )
}

fn instance_id(e: &Exchange) -> Option<String> {
    e.answer
        .as_ref()?
        .json()?
        .get("instanceId")?
        .as_str()
        .map(str::to_string)
}

pub async fn run<R: RngCore + CryptoRng + Send>(r: &mut Runner<'_, R>, target: &Target) -> Vec<Exchange> {
    let doc = spec::docs::RETRIES;
    let now = r.clock.now();
    let order = ids::order_id(now, r.rng);
    let create = |business: String| {
        vec![
            ("activity", "newInstance".to_string()),
            ("businessId", business),
            ("customerId", "gallerist-check-customer".to_string()),
            ("customerName", "gallerist-check".to_string()),
            ("orderId", order.clone()),
            ("productId", "OFFI900000000000000001".to_string()),
            ("skuCode", "gallerist-check-sku".to_string()),
        ]
    };
    let (b1, b2) = (ids::uuid(r.rng), ids::uuid(r.rng));
    let first = r.v1_send(&create(b1)).await;
    let again = r.v1_send(&create(b2)).await;
    let ok = [codes::SUCCESS, codes::IN_PROGRESS];
    r.report(judge::result_code(
        check("create", "result-code", ("answers with success", "返回成功"), doc),
        &first,
        &ok,
        false,
    ));
    let create_fields = spec::activity("newInstance").map_or(&[][..], |a| a.response);
    r.report(judge::fields(
        check(
            "create",
            "fields",
            ("answer fields as documented", "应答字段符合文档"),
            doc,
        ),
        &first,
        create_fields,
        false,
    ));
    let idem = check(
        "create",
        "idempotent",
        (
            "the same order gives the same instanceId",
            "同一订单返回相同 instanceId",
        ),
        spec::docs::IDEMPOTENCY,
    )
    .with(vec![first.clone(), again.clone()]);
    r.report(match (instance_id(&first), instance_id(&again)) {
        (Some(a), Some(b)) if a == b => idem.verdict(
            Verdict::Pass,
            Words::new(
                format!("Both answered instanceId {a}."),
                format!("两次均返回 instanceId {a}。"),
            ),
        ),
        (a, b) => idem.verdict(
            Verdict::Fail,
            Words::new(
                format!("The same orderId gave instanceId {a:?}, then {b:?}."),
                format!("相同 orderId 先后返回 instanceId {a:?} 和 {b:?}。"),
            ),
        ),
    });
    let instance = instance_id(&first).unwrap_or_else(|| "gallerist-check-instance".into());
    let query = r
        .v1_send(&[("activity", "queryInstance".into()), ("instanceId", instance.clone())])
        .await;
    r.report(judge::result_code(
        check("query", "result-code", ("answers with success", "返回成功"), doc),
        &query,
        &[codes::SUCCESS],
        false,
    ));
    let mut all = vec![first.clone(), again.clone(), query.clone()];
    if target.mode == Mode::Period {
        let expire = (now + chrono::Duration::days(365)).format("%Y%m%d%H%M%S").to_string();
        let renewal = ids::order_id(now, r.rng);
        let params = [
            ("activity", "refreshInstance".to_string()),
            ("instanceId", instance.clone()),
            ("orderId", renewal),
            ("expireTime", expire),
            ("periodType", "year".into()),
            ("periodNumber", "1".into()),
        ];
        let renew = r.v1_send(&params).await;
        let again = r.v1_send(&params).await;
        r.report(judge::result_code(
            check("renew", "result-code", ("answers with success", "返回成功"), doc),
            &renew,
            &[codes::SUCCESS],
            false,
        ));
        r.report(judge::repeat(
            check(
                "renew",
                "repeat",
                ("a repeated call succeeds", "重复调用返回成功"),
                spec::docs::IDEMPOTENCY,
            ),
            &renew,
            &again,
            false,
        ));
        all.extend([renew, again]);
    }
    // A wrong authToken.
    let (b3, wrong_key) = (ids::uuid(r.rng), format!("{}-not-the-key", r.key));
    let mut call = r.v1_call(&create(b3), &wrong_key);
    call = call.bad(Words::new(
        "Deliberately bad: authToken made with a wrong key. Your server should refuse it with 000001.",
        "故意构造的错误请求：authToken 使用错误密钥生成。您的服务应返回 000001 拒绝。",
    ));
    let wrong = send(r.http, call).await;
    let c = Check::new(
        "v1.auth.wrong-token",
        Words::new("V1: refuses a wrong authToken", "V1：拒绝错误的 authToken"),
        spec::docs::V1_AUTH_TOKEN,
    );
    r.report(judge::refused(
        c,
        &wrong,
        &Words::new("a wrong authToken", "错误 authToken "),
    ));
    let release_params = [
        ("activity", "releaseInstance".to_string()),
        ("instanceId", instance.clone()),
        ("orderId", order.clone()),
    ];
    let release = r.v1_send(&release_params).await;
    let again = r.v1_send(&release_params).await;
    r.report(judge::result_code(
        check("release", "result-code", ("answers with success", "返回成功"), doc),
        &release,
        &[codes::SUCCESS],
        false,
    ));
    r.report(judge::repeat(
        check(
            "release",
            "repeat",
            ("a repeated call succeeds", "重复调用返回成功"),
            spec::docs::IDEMPOTENCY,
        ),
        &release,
        &again,
        false,
    ));
    all.extend([release, again]);
    let timed: Vec<Exchange> = all.clone();
    r.report(judge::answer_time(
        Check::new(
            "v1.answer-time",
            Words::new("V1: answers within 5 s", "V1：5 秒内应答"),
            spec::docs::REQUIREMENTS,
        ),
        timed,
    ));
    r.report(body_signs(r.key, &all));
    r.report(credentials(r.key, &[&first, &query]));
    if target.kit_public_key_pem.is_some() {
        r.report(
            Check::new(
                "kit.v1",
                Words::new("Kit over V1", "V1 联营 Kit"),
                spec::docs::KIT_PATHS,
            )
            .verdict(
                Verdict::Warn,
                Words::new(
                    "Kit syncs are checked on V2 only; run without --v1 to check them.",
                    "联营 Kit 仅按 V2 检查；去掉 --v1 即可检查。",
                ),
            ),
        );
    }
    all.push(wrong);
    all
}

/// `v1.body-sign`: every answer carries a `Body-Sign` over its exact bytes.
fn body_signs(key: &str, all: &[Exchange]) -> Check {
    let c = Check::new(
        "v1.body-sign",
        Words::new("V1: answers carry a valid Body-Sign", "V1：应答带有效的 Body-Sign"),
        spec::docs::V1_BODY_SIGN,
    );
    let bad: Vec<Exchange> = all
        .iter()
        .filter(|e| {
            e.answer.as_ref().is_some_and(|a| {
                !a.header("Body-Sign")
                    .is_some_and(|h| sign::verify_body_sign(key, a.body.as_bytes(), h))
            })
        })
        .cloned()
        .collect();
    if bad.is_empty() {
        c.verdict(
            Verdict::Pass,
            Words::new(
                "Every answer's Body-Sign matches its bytes.",
                "每个应答的 Body-Sign 均与内容一致。",
            ),
        )
    } else {
        c.with(bad.clone()).verdict(
            Verdict::Fail,
            Words::new(
                format!("{} answers had no Body-Sign or one that does not match the exact body; KooGallery refuses such answers.", bad.len()),
                format!("{} 个应答缺少 Body-Sign 或与应答内容不符；云商店会拒收此类应答。", bad.len()),
            ),
        )
    }
}

/// `v1.credentials`: with `encryptType`, userName and password decrypt with the key.
fn credentials(key: &str, answers: &[&Exchange]) -> Check {
    let c = Check::new(
        "v1.credentials",
        Words::new("V1: encrypted credentials decrypt", "V1：加密凭据可解密"),
        spec::docs::V1_ENCRYPTION,
    );
    let mut problems = Vec::new();
    let mut seen = 0;
    let mut unknown = None;
    for e in answers {
        let Some(body) = e.answer.as_ref().and_then(|a| a.json()) else {
            continue;
        };
        // Plain credentials are allowed; only a stated encryptType promises ciphertext.
        let Some(code) = body.get("encryptType").and_then(|v| v.as_str()) else {
            continue;
        };
        let Some(kind) = sign::EncryptType::from_code(Some(code)) else {
            unknown = Some(code.to_string());
            continue;
        };
        let infos: Vec<&serde_json::Value> = match body.get("info").and_then(|v| v.as_array()) {
            Some(list) => list.iter().filter_map(|i| i.get("appInfo")).collect(),
            None => body.get("appInfo").into_iter().collect(),
        };
        for info in infos {
            for field in ["userName", "password"] {
                if let Some(value) = info.get(field).and_then(|v| v.as_str()) {
                    seen += 1;
                    if let Err(err) = sign::decrypt_credential(key, value, kind) {
                        problems.push((field, err));
                    }
                }
            }
        }
    }
    let c = c.with(answers.iter().map(|e| (*e).clone()).collect());
    if let Some(code) = unknown {
        return c.verdict(
            Verdict::Fail,
            Words::new(
                format!("encryptType {code} is not documented (1 = AES-256, 2 = AES-128)."),
                format!("encryptType {code} 不是文档中的取值（1 = AES-256，2 = AES-128）。"),
            ),
        );
    }
    match (seen, problems.first()) {
        (0, _) => c.verdict(
            Verdict::Pass,
            Words::new("No encrypted credentials were sent.", "应答中没有加密凭据。"),
        ),
        (_, None) => c.verdict(
            Verdict::Pass,
            Words::new(
                format!("{seen} encrypted values decrypt with the key."),
                format!("{seen} 个加密值均可用密钥解密。"),
            ),
        ),
        (_, Some((field, err))) => c.verdict(
            Verdict::Fail,
            Words::new(
                format!("{field} does not decrypt: {err}."),
                format!("{field} 无法解密：{}。", err.zh()),
            ),
        ),
    }
}
