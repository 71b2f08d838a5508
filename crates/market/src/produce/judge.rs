//! Turning exchanges into verdicts: the judgments every activity shares.
//!
//! WHY shared: "answered 000000", "the fields are as documented", "a repeat was just
//! another success", "a bad request was refused with 000001" and "within 5 s" read the
//! same for create, release or a Kit sync. Keeping the words in one place keeps them
//! consistent, and each judgment names the exact field, code or time that decided it.

use super::check::{Check, Exchange, Verdict, Words};
use gallerist_domain::produce::spec::{self, codes, Field};
use serde_json::Value;

/// What an answer amounted to, before a judgment picks its words.
pub enum Outcome {
    /// HTTP 200 with a JSON object carrying `resultCode`.
    Coded { code: String },
    /// HTTP 200 but no JSON object or no string `resultCode`.
    Unreadable { body: String },
    /// Another HTTP status.
    Status { status: u16, body: String },
    /// Nothing came back.
    Silent { error: String },
}

pub fn outcome(exchange: &Exchange) -> Outcome {
    let Some(answer) = &exchange.answer else {
        return Outcome::Silent {
            error: exchange.transport_error.clone().unwrap_or_default(),
        };
    };
    if answer.status != 200 {
        return Outcome::Status {
            status: answer.status,
            body: snippet(&answer.body),
        };
    }
    match answer.json() {
        Some(body) => match body.get("resultCode").and_then(Value::as_str) {
            Some(code) => Outcome::Coded { code: code.to_string() },
            None => Outcome::Unreadable {
                body: snippet(&answer.body),
            },
        },
        None => Outcome::Unreadable {
            body: snippet(&answer.body),
        },
    }
}

fn snippet(body: &str) -> String {
    let mut s: String = body.chars().take(200).collect();
    if body.chars().count() > 200 {
        s.push('…');
    }
    s
}

fn meaning(code: &str) -> (String, String) {
    match spec::result_code(code) {
        Some(c) => (c.en.to_string(), c.zh.to_string()),
        None => ("not a documented code".into(), "不是文档中的结果码".into()),
    }
}

/// Why an exchange is not a success, in words; `None` when it is one.
/// `accepted` lists the codes that count as success (create also accepts 000004).
pub fn failure(exchange: &Exchange, accepted: &[&str]) -> Option<Words> {
    match outcome(exchange) {
        Outcome::Coded { code, .. } if accepted.contains(&code.as_str()) => None,
        Outcome::Coded { code, .. } => {
            let (en, zh) = meaning(&code);
            Some(Words::new(
                format!("answered resultCode {code} ({en}) instead of {}", accepted.join(" or ")),
                format!("返回 resultCode {code}（{zh}），而不是 {}", accepted.join(" 或 ")),
            ))
        }
        Outcome::Unreadable { body } => Some(Words::new(
            format!("answered HTTP 200 without a JSON resultCode: {body}"),
            format!("返回 HTTP 200，但没有 JSON 格式的 resultCode：{body}"),
        )),
        Outcome::Status { status, body } => Some(Words::new(
            format!("answered HTTP {status}; KooGallery expects HTTP 200 with a resultCode: {body}"),
            format!("返回 HTTP {status}；云商店要求 HTTP 200 并带 resultCode：{body}"),
        )),
        Outcome::Silent { error } => Some(Words::new(
            format!("got no answer ({error})"),
            format!("没有收到应答（{error}）"),
        )),
    }
}

/// `….result-code`: the call succeeded. `optional` turns a failure into a warning
/// (an activity the development matrix does not require).
pub fn result_code(check: Check, exchange: &Exchange, accepted: &[&str], optional: bool) -> Check {
    let check = check.with(vec![exchange.clone()]);
    match failure(exchange, accepted) {
        None => {
            let code = exchange
                .answer
                .as_ref()
                .and_then(|a| a.result_code())
                .unwrap_or_default();
            check.verdict(
                Verdict::Pass,
                Words::new(
                    format!("Answered resultCode {code}."),
                    format!("返回 resultCode {code}。"),
                ),
            )
        }
        Some(why) if optional => check.verdict(
            Verdict::Warn,
            Words::new(
                format!(
                    "This activity is optional for the product, and it {}. If you offer it, it must succeed.",
                    why.en
                ),
                format!("该接口对此商品为可选，{}。如提供此功能，必须返回成功。", why.zh),
            ),
        ),
        Some(why) => check.verdict(
            Verdict::Fail,
            Words::new(format!("The call {}.", why.en), format!("调用{}。", why.zh)),
        ),
    }
}

/// `….fields`: the answer's fields have their documented presence, type and length.
pub fn fields(check: Check, exchange: &Exchange, response: &[Field], optional: bool) -> Check {
    let check = check.with(vec![exchange.clone()]);
    let Some(body) = exchange.answer.as_ref().and_then(|a| a.json()) else {
        let v = if optional { Verdict::Warn } else { Verdict::Fail };
        return check.verdict(
            v,
            Words::new("Not checked: there was no JSON answer.", "未检查：没有 JSON 应答。"),
        );
    };
    let problems = spec::field_problems(response, &body);
    if problems.is_empty() {
        return check.verdict(
            Verdict::Pass,
            Words::new(
                "Every documented field is present with its type and length.",
                "所有文档字段齐全，类型和长度符合要求。",
            ),
        );
    }
    let en: Vec<String> = problems.iter().map(|p| p.en()).collect();
    let zh: Vec<String> = problems.iter().map(|p| p.zh()).collect();
    let v = if optional { Verdict::Warn } else { Verdict::Fail };
    check.verdict(
        v,
        Words::new(format!("{}.", en.join("; ")), format!("{}。", zh.join("；"))),
    )
}

/// `….repeat` / `….idempotent` when the second call only has to succeed again.
pub fn repeat(check: Check, first: &Exchange, again: &Exchange, optional: bool) -> Check {
    let verdict_if_bad = if optional { Verdict::Warn } else { Verdict::Fail };
    let check = check.with(vec![first.clone(), again.clone()]);
    match failure(again, &[codes::SUCCESS]) {
        None => check.verdict(
            Verdict::Pass,
            Words::new(
                "The same call sent again was answered with success, as KooGallery's retries require.",
                "重复发送同一调用返回成功，满足云商店重试的要求。",
            ),
        ),
        Some(why) => check.verdict(
            verdict_if_bad,
            Words::new(
                format!("The same call sent again {}; KooGallery resends calls and expects plain success without a second effect.", why.en),
                format!("重复发送同一调用{}；云商店会重发调用，要求直接返回成功且不重复执行。", why.zh),
            ),
        ),
    }
}

/// `….auth.*`: a deliberately bad request must be refused, with 000001 as documented.
pub fn refused(check: Check, exchange: &Exchange, what: &Words) -> Check {
    let check = check.with(vec![exchange.clone()]);
    match outcome(exchange) {
        Outcome::Coded { code, .. } if code == codes::AUTH_FAILED => check.verdict(
            Verdict::Pass,
            Words::new(
                format!("A request with {} was refused with 000001.", what.en),
                format!("{}的请求被拒绝，返回 000001。", what.zh),
            ),
        ),
        Outcome::Coded { code, .. } if code == codes::SUCCESS || code == codes::IN_PROGRESS => check.verdict(
            Verdict::Fail,
            Words::new(
                format!(
                    "A request with {} was accepted ({code}); anyone could call your server in KooGallery's name.",
                    what.en
                ),
                format!("{}的请求被接受（{code}）；任何人都能冒充云商店调用您的服务。", what.zh),
            ),
        ),
        Outcome::Silent { error } => check.verdict(
            Verdict::Fail,
            Words::new(format!("No answer: {error}."), format!("没有应答：{error}。")),
        ),
        _ => {
            let got = exchange
                .answer
                .as_ref()
                .map(|a| a.result_code().unwrap_or_else(|| format!("HTTP {}", a.status)))
                .unwrap_or_default();
            check.verdict(
                Verdict::Warn,
                Words::new(
                    format!(
                        "A request with {} was refused, but with {got} rather than the documented 000001.",
                        what.en
                    ),
                    format!("{}的请求被拒绝，但返回 {got}，而不是文档规定的 000001。", what.zh),
                ),
            )
        }
    }
}

/// `….answer-time`: the slowest answer of an activity against the 5 s budget.
pub fn answer_time(check: Check, exchanges: Vec<Exchange>) -> Check {
    let budget_ms = spec::ANSWER_BUDGET.as_millis() as u64;
    // A call that failed at once (a refused connection) says nothing about speed; one
    // that ran past the budget without an answer does.
    let timed: Vec<Exchange> = exchanges
        .into_iter()
        .filter(|e| e.answer.is_some() || e.elapsed_ms > budget_ms)
        .collect();
    let check = check.with(timed);
    let Some(slowest) = check.elapsed_ms else {
        return check.verdict(
            Verdict::Warn,
            Words::new("Not timed: no answer arrived.", "未计时：没有收到应答。"),
        );
    };
    let secs = seconds(slowest);
    if slowest <= budget_ms {
        check.verdict(
            Verdict::Pass,
            Words::new(
                format!("The slowest answer took {secs} s (budget 5 s)."),
                format!("最慢的应答用时 {secs} 秒（上限 5 秒）。"),
            ),
        )
    } else {
        check.verdict(
            Verdict::Fail,
            Words::new(
                format!("An answer took {secs} s; KooGallery gives up after 5 s and counts the call as failed. Answer at once and do slow work afterwards."),
                format!("有应答用时 {secs} 秒；云商店 5 秒后即放弃并视为调用失败。请立即应答，耗时工作异步处理。"),
            ),
        )
    }
}

/// Milliseconds as seconds with one decimal, e.g. `4.1`.
pub fn seconds(ms: u64) -> String {
    format!("{:.1}", ms as f64 / 1000.0)
}
