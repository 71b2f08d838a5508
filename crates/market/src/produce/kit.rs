//! The joint-operation (联营) Kit syncs (§7): tenant, application, user authorisation,
//! one department and all departments, each a POST to the production URL + its fixed
//! path, signed in the `x-sign`/`x-timestamp`/`x-nonce` headers.
//!
//! WHY adds and deletes twice: the buyer's administrator decides whether to retry a
//! failed sync, and KooGallery documents that repeated adds must succeed without
//! creating data and repeated deletes must succeed (§7.3). applicationSync carries an
//! OAuth client secret encrypted to the seller's public key (RSA-OAEP, SHA-256); a
//! seller who cannot decrypt it answers an error, which this run reports.

use super::check::{Check, Exchange, Words};
use super::send::{send, Call};
use super::{ids, judge, Runner};
use gallerist_domain::produce::spec::{self, codes, KitSync};
use gallerist_domain::produce::{client_secret, kit as sign, v2};
use rand::{CryptoRng, RngCore};
use serde_json::{json, Value};

impl<R: RngCore + CryptoRng + Send> Runner<'_, R> {
    fn kit_call(&mut self, sync: &KitSync, body: &Value, key: &str) -> Call {
        let payload = v2::payload(body);
        let nonce = ids::nonce(self.rng);
        let timestamp = self.now_ms().to_string();
        let signature = sign::sign(key, &nonce, &timestamp, &payload);
        let mut url = self.url.clone();
        let path = format!("{}{}", url.path().trim_end_matches('/'), sync.path);
        url.set_path(&path);
        let mut call = Call::post_json(url.to_string(), payload);
        call.headers.extend([
            ("x-sign".to_string(), signature),
            ("x-timestamp".to_string(), timestamp),
            ("x-nonce".to_string(), nonce),
        ]);
        call
    }

    async fn kit_send(&mut self, sync: &KitSync, body: &Value) -> Exchange {
        let key = self.key.to_string();
        let call = self.kit_call(sync, body, &key);
        send(self.http, call).await
    }
}

fn sync(name: &str) -> &'static KitSync {
    spec::kit_sync(name).expect("the spec lists the five Kit syncs")
}

fn short(name: &str) -> &'static str {
    match name {
        "tenantSync" => "tenant",
        "applicationSync" => "application",
        "authSync" => "auth",
        "singleOrgSync" => "single-org",
        _ => "all-org",
    }
}

fn check(s: &KitSync, aspect: &str, what: (&str, &str)) -> Check {
    Check::new(
        &format!("kit.{}.{aspect}", short(s.name)),
        Words::new(format!("{}: {}", s.name, what.0), format!("{}：{}", s.name, what.1)),
        s.doc_url,
    )
}

fn with_flag(body: &Value, flag: i64) -> Value {
    let mut body = body.clone();
    body["flag"] = json!(flag);
    body
}

/// Sends the five syncs (adds twice, then deletes twice in reverse order) and the
/// wrong-signature refusal; returns every exchange.
pub async fn run<R: RngCore + CryptoRng + Send>(
    r: &mut Runner<'_, R>,
    public_key_pem: &str,
    instance: &str,
    order: &str,
) -> Vec<Exchange> {
    let now = r.clock.now();
    let stamp = now
        .with_timezone(&gallerist_domain::clock::china_offset())
        .format("%Y%m%d%H%M%S%3f")
        .to_string();
    let tenant = format!("gallerist-{}", ids::token(r.rng, 10));
    let app = format!("app-{}", ids::token(r.rng, 10));
    let secret = ids::token(r.rng, 32);
    let sealed = match client_secret::encrypt(public_key_pem, &secret, r.rng) {
        Ok(s) => s,
        Err(e) => format!("(could not encrypt: {e})"),
    };
    let base = |extra: Value| {
        let mut body = json!({"instanceId": instance, "tenantId": tenant, "testFlag": 1, "timeStamp": stamp});
        if let (Value::Object(b), Value::Object(e)) = (&mut body, extra) {
            b.extend(e);
        }
        body
    };
    let bodies: Vec<(&KitSync, Value)> = vec![
        (
            sync("tenantSync"),
            base(
                json!({"orderId": order, "tenantCode": tenant, "name": "Gallerist 测试企业",
            "domainName": "https://gallerist-check.tenantaccount.example"}),
            ),
        ),
        (
            sync("applicationSync"),
            base(json!({"appId": app, "clientId": format!("client-{app}"), "clientSecret": sealed})),
        ),
        (
            sync("singleOrgSync"),
            base(json!({"orgCode": "gallerist-root", "orgName": "Gallerist 测试部门"})),
        ),
        (
            sync("authSync"),
            base(json!({"appId": app, "currentSyncTime": stamp, "userList": [
            {"userName": "gallerist.admin", "name": "测试管理员", "orgCode": "gallerist-root", "role": "admin", "enable": "true",
             "mobile": "13800000000", "email": "admin@gallerist-check.example"}]})),
        ),
    ];
    let mut all = Vec::new();
    let mut deletes = Vec::new();
    for (s, body) in &bodies {
        let add = r.kit_send(s, &with_flag(body, 1)).await;
        let again = r.kit_send(s, &with_flag(body, 1)).await;
        report_sync(r, s, &add);
        r.report(judge::repeat(
            check(s, "repeat-add", ("a repeated add succeeds", "重复新增返回成功")),
            &add,
            &again,
            false,
        ));
        all.extend([add, again]);
    }
    let all_org = sync("allOrgSync");
    let body = base(
        json!({"orgInfoList": [{"orgCode": "gallerist-root", "orgName": "Gallerist 测试部门"},
        {"orgCode": "gallerist-child", "orgName": "Gallerist 子部门", "parentCode": "gallerist-root"}]}),
    );
    let full = r.kit_send(all_org, &body).await;
    let again = r.kit_send(all_org, &body).await;
    report_sync(r, all_org, &full);
    r.report(judge::repeat(
        check(
            all_org,
            "repeat-add",
            ("a repeated full sync succeeds", "重复全量同步返回成功"),
        ),
        &full,
        &again,
        false,
    ));
    all.extend([full, again]);
    for (s, body) in bodies.iter().rev() {
        let delete = r.kit_send(s, &with_flag(body, 0)).await;
        let again = r.kit_send(s, &with_flag(body, 0)).await;
        let first_ok = judge::failure(&delete, &[codes::SUCCESS]);
        let c = check(
            s,
            "repeat-delete",
            ("a delete and a repeated delete succeed", "删除及重复删除返回成功"),
        );
        let c = match first_ok {
            Some(why) => c.with(vec![delete.clone(), again.clone()]).verdict(
                super::check::Verdict::Fail,
                Words::new(format!("The delete {}.", why.en), format!("删除请求{}。", why.zh)),
            ),
            None => judge::repeat(c, &delete, &again, false),
        };
        deletes.push(c);
        all.extend([delete, again]);
    }
    for c in deletes {
        r.report(c);
    }
    // A sync signed with a wrong key.
    let tenant_sync = sync("tenantSync");
    let mut call = r.kit_call(
        tenant_sync,
        &with_flag(&bodies[0].1, 1),
        &format!("{}-not-the-key", r.key),
    );
    call = call.bad(Words::new(
        "Deliberately bad: x-sign made with a wrong key. KooGallery never sends this; your server should refuse it with 000001.",
        "故意构造的错误请求：x-sign 使用错误密钥生成。云商店不会发送此类请求，您的服务应返回 000001 拒绝。",
    ));
    let wrong = send(r.http, call).await;
    let c = Check::new(
        "kit.auth.wrong-signature",
        Words::new("Kit: refuses a wrong x-sign", "联营 Kit：拒绝错误的 x-sign"),
        spec::docs::KIT_SIGNATURE,
    );
    r.report(judge::refused(c, &wrong, &Words::new("a wrong x-sign", "错误 x-sign ")));
    all.push(wrong);
    let c = Check::new(
        "kit.answer-time",
        Words::new("Kit: answers within 5 s", "联营 Kit：5 秒内应答"),
        spec::docs::REQUIREMENTS,
    );
    let timed: Vec<Exchange> = all
        .iter()
        .filter(|e| e.request.deliberately_bad.is_none())
        .cloned()
        .collect();
    r.report(judge::answer_time(c, timed));
    all
}

/// `kit.<sync>.result-code`: the first add answered 000000 with a well-formed answer.
fn report_sync<R: RngCore + CryptoRng + Send>(r: &mut Runner<'_, R>, s: &KitSync, add: &Exchange) {
    let c = check(s, "result-code", ("answers with success", "返回成功"));
    let c = judge::result_code(c, add, &[codes::SUCCESS], false);
    let c = if c.verdict == super::check::Verdict::Pass {
        let fields = judge::fields(c.clone(), add, spec::KIT_RESPONSE, false);
        Check {
            id: c.id,
            title: c.title,
            ..fields
        }
    } else if s.name == "applicationSync"
        && add.answer.as_ref().and_then(|a| a.result_code()).as_deref() == Some("000101")
    {
        let mut c = c;
        c.words.en.push_str(" 000101 is what KooGallery's sample answers when the clientSecret does not decrypt: check that your private key matches the public key given here and that you use RSA-OAEP with SHA-256.");
        c.words.zh.push_str(" 000101 是官方示例在 clientSecret 解密失败时返回的结果码：请确认私钥与此处提供的公钥匹配，并使用 RSA-OAEP（SHA-256）。");
        c
    } else {
        c
    };
    r.report(c);
}
