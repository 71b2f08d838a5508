//! The SaaS integration commands against the embedded sandbox's reference seller
//! server: a run is stored and listed, a later run says what changed, and a run with
//! no key to sign with is refused in words before anything is sent or stored.

mod common;

use common::{call, refused, sandbox_account, sandbox_core};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn target(targets: &Value, variant: &str) -> String {
    targets["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["variant"] == variant)
        .unwrap_or_else(|| panic!("{variant} is offered: {targets}"))["v2Url"]
        .as_str()
        .unwrap()
        .to_string()
}

fn verdict(run: &Value, id: &str) -> String {
    run["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} was checked"))["verdict"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_run_against_the_correct_reference_server_is_stored_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 15, "en").await;
    let targets = call(&core, "produce_targets", json!({})).await;
    let offered: Vec<&str> = targets["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["variant"].as_str().unwrap())
        .collect();
    assert_eq!(offered, gallerist_sandbox::seller::VARIANTS, "every variant is offered");
    assert!(
        targets["targets"][1]["faulty"] == true && targets["targets"][1]["about"]["zh"].as_str().unwrap() != "",
        "a fault says what it is, in both languages: {targets}"
    );
    let url = target(&targets, "correct");

    let run = call(
        &core,
        "produce_check",
        json!({"url": url, "version": "v2", "mode": "period", "kit": true}),
    )
    .await;
    assert_eq!(run["run"]["failed"], 0, "{run}");
    assert!(run["run"]["passed"].as_i64().unwrap() > 40, "{run}");
    assert_eq!(
        verdict(&run, "kit.application.result-code"),
        "pass",
        "the Kit was checked"
    );
    assert!(run["changes"].is_null(), "a first run has nothing to compare with");
    assert!(
        !run.to_string().contains(gallerist_sandbox::seller::DEMO_ACCESS_KEY),
        "the key never reaches the page"
    );

    let history = call(&core, "produce_runs", json!({"url": url})).await;
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["id"], run["runId"]);
    assert_eq!(history[0]["kit"], true);
    let again = call(&core, "produce_run", json!({"id": run["runId"]})).await;
    assert_eq!(again["checks"], run["checks"], "the stored run reads back whole");
    let missing = refused(&core, "produce_run", json!({"id": 9999})).await;
    assert_eq!(missing.code, gallerist_api::ErrorCode::NotFound);
    core.shutdown().await;
}

/// A seller's own endpoint at a fixed URL whose server behaves like one of the
/// reference server's variants; the test switches it, as a redeploy would.
struct Endpoint {
    url: String,
    variant: Arc<Mutex<&'static str>>,
}

/// Forwards each request on a fresh loopback port to `{sandbox}/seller/{variant}/…`.
async fn endpoint(sandbox: String) -> Endpoint {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/produce/v2", listener.local_addr().unwrap());
    let variant = Arc::new(Mutex::new("correct"));
    let current = variant.clone();
    let http = reqwest::Client::new();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (http, sandbox, v) = (http.clone(), sandbox.clone(), *current.lock().unwrap());
            tokio::spawn(forward(socket, http, format!("{sandbox}/seller/{v}")));
        }
    });
    Endpoint { url, variant }
}

/// One HTTP/1.1 exchange, answered with `connection: close`.
async fn forward(mut socket: tokio::net::TcpStream, http: reqwest::Client, base: String) {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        let n = socket.read(&mut buf).await.unwrap();
        assert!(n > 0, "the request ended early");
        raw.extend_from_slice(&buf[..n]);
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8(raw[..head_end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let mut start = lines.next().unwrap().split(' ');
    let (method, target) = (start.next().unwrap().to_string(), start.next().unwrap().to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .map_or(0, |(_, v)| v.parse().unwrap());
    while raw.len() < head_end + length {
        let n = socket.read(&mut buf).await.unwrap();
        raw.extend_from_slice(&buf[..n]);
    }
    let mut request = http.request(
        method.parse().unwrap(),
        format!("{base}{}", target.strip_prefix("/produce").unwrap()),
    );
    for (k, v) in headers.iter().filter(|(k, _)| k != "host" && k != "content-length") {
        request = request.header(k, v);
    }
    let answer = request.body(raw[head_end..].to_vec()).send().await.unwrap();
    let mut out = format!("HTTP/1.1 {}\r\n", answer.status());
    for (k, v) in answer.headers() {
        if !matches!(k.as_str(), "content-length" | "transfer-encoding" | "connection") {
            out.push_str(&format!("{k}: {}\r\n", v.to_str().unwrap()));
        }
    }
    let body = answer.bytes().await.unwrap();
    out.push_str(&format!("content-length: {}\r\nconnection: close\r\n\r\n", body.len()));
    socket.write_all(out.as_bytes()).await.unwrap();
    socket.write_all(&body).await.unwrap();
    socket.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_second_run_after_a_fault_appeared_says_which_check_turned_red() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 16, "en").await;
    let seller = endpoint(core.sandbox.as_ref().unwrap().server.url()).await;
    // Not the sandbox's URL: the key comes from the account (the sandbox account's is
    // the reference server's demo key).
    let args = json!({"accountId": sandbox_account(&core), "url": seller.url, "mode": "one-off"});

    let first = call(&core, "produce_check", args.clone()).await;
    assert_eq!(first["run"]["failed"], 0, "{first}");
    *seller.variant.lock().unwrap() = "no-activity";
    let second = call(&core, "produce_check", args).await;
    assert_eq!(verdict(&second, "v2.query.result-code"), "fail", "{second}");

    let changes = &second["changes"];
    assert_eq!(changes["previousRunId"], first["runId"], "{changes}");
    let turned: Vec<&Value> = changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "verdict")
        .collect();
    assert_eq!(turned.len(), 1, "only the query turned red: {changes}");
    assert_eq!(
        (&turned[0]["checkId"], &turned[0]["from"], &turned[0]["to"]),
        (&json!("v2.query.result-code"), &json!("pass"), &json!("fail"))
    );
    let history = call(&core, "produce_runs", json!({"url": seller.url})).await;
    assert_eq!(history[0]["id"], second["runId"], "newest first: {history}");
    assert_eq!(
        (history[0]["failed"].as_i64(), history[1]["failed"].as_i64()),
        (Some(1), Some(0))
    );
    core.shutdown().await;
}

#[tokio::test]
async fn without_a_key_to_sign_with_nothing_is_sent_or_stored() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 17, "en").await;
    let url = "https://isv.example.com/produce";
    let no_account = refused(&core, "produce_check", json!({"url": url, "mode": "period"})).await;
    assert!(
        no_account.message.contains("production-interface key") && no_account.message.contains("生产接口密钥"),
        "{no_account:?}"
    );
    let account = call(
        &core,
        "add_account",
        json!({"name": "Shop", "site": "intl", "accessKeyId": "AK", "secretKey": "SK"}),
    )
    .await;
    let no_key = refused(
        &core,
        "produce_check",
        json!({"accountId": account["id"], "url": url, "mode": "period"}),
    )
    .await;
    assert!(
        no_key.message.contains("'Shop' has no production-interface key"),
        "{no_key:?}"
    );
    let kit = refused(
        &core,
        "produce_check",
        json!({"accountId": sandbox_account(&core), "url": url, "mode": "period", "kit": true}),
    )
    .await;
    assert!(kit.message.contains("public key"), "{kit:?}");
    let history = call(&core, "produce_runs", json!({"url": url})).await;
    assert_eq!(history, json!([]), "nothing was stored");
    core.shutdown().await;
}

#[tokio::test]
async fn a_slow_run_shows_its_checks_while_it_goes_and_the_last_read_matches_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 18, "en").await;
    let url = target(&call(&core, "produce_targets", json!({})).await, "slow-create");
    let token = "run-4f2a9c";
    let answered = std::sync::atomic::AtomicBool::new(false);

    let run = async {
        let run = call(
            &core,
            "produce_check",
            json!({"url": url, "mode": "period", "progressToken": token}),
        )
        .await;
        answered.store(true, std::sync::atomic::Ordering::SeqCst);
        run
    };
    let poll = async {
        let mut seen_while_running = 0;
        loop {
            let progress = call(&core, "produce_progress", json!({"progressToken": token})).await;
            let n = progress["checks"].as_array().unwrap().len();
            if progress["done"] == true {
                return (seen_while_running, progress);
            }
            if !answered.load(std::sync::atomic::Ordering::SeqCst) {
                seen_while_running = seen_while_running.max(n);
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    };
    let (run, (seen_while_running, last)) = tokio::join!(run, poll);

    let total = run["checks"].as_array().unwrap().len();
    assert!(
        seen_while_running > 0 && seen_while_running < total,
        "some checks, not all, were readable before the run answered: {seen_while_running} of {total}"
    );
    assert_eq!(
        last["checks"], run["checks"],
        "the last read is the run's own list, check by check"
    );
    assert_eq!(
        verdict(&run, "v2.create.answer-time"),
        "fail",
        "the slow create is judged as usual"
    );

    let unknown = call(&core, "produce_progress", json!({"progressToken": "never-started"})).await;
    assert_eq!(unknown, json!({"checks": [], "done": false}));
    core.shutdown().await;
}

#[tokio::test]
async fn a_progress_token_that_is_not_letters_digits_and_dashes_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 19, "en").await;
    let url = target(&call(&core, "produce_targets", json!({})).await, "correct");
    let long = "a".repeat(65);
    for bad in ["../runs", "run 1", long.as_str()] {
        let check = refused(
            &core,
            "produce_check",
            json!({"url": url, "mode": "period", "progressToken": bad}),
        )
        .await;
        assert!(
            check.message.contains("progress token") && check.message.contains("进度标识"),
            "{bad}: {check:?}"
        );
        let read = refused(&core, "produce_progress", json!({"progressToken": bad})).await;
        assert_eq!(read.code, gallerist_api::ErrorCode::InvalidInput, "{bad}");
    }
    let history = call(&core, "produce_runs", json!({"url": url})).await;
    assert_eq!(history, json!([]), "a refused run sends and stores nothing");
    core.shutdown().await;
}

fn product<'a>(products: &'a Value, id: &str) -> &'a Value {
    products
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["productId"] == id)
        .unwrap_or_else(|| panic!("{id} is listed: {products}"))
}

#[tokio::test]
async fn each_product_keeps_its_own_endpoint_settings_and_a_bad_url_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let core = sandbox_core(dir.path(), 16, "en").await;
    let account = sandbox_account(&core);
    common::sync(&core, account).await;

    let products = call(&core, "produce_products", json!({"accountId": account})).await;
    let listed = products
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["source"] == "listing")
        .unwrap_or_else(|| panic!("the sandbox's demo SaaS product is offered: {products}"));
    let ordered = products
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["source"] == "orders" && p["mode"] == "period")
        .unwrap_or_else(|| panic!("a product from the demo orders is offered: {products}"));
    assert!(listed["saas"] == true && ordered["saas"].is_null(), "{products}");
    assert!(
        products.as_array().unwrap().iter().all(|p| p["endpoint"].is_null()),
        "nothing is saved yet"
    );
    let (first, second) = (
        listed["productId"].as_str().unwrap(),
        ordered["productId"].as_str().unwrap(),
    );

    call(
        &core,
        "save_produce_endpoint",
        json!({"accountId": account, "productId": first, "productName": listed["name"],
               "url": "https://backup.example.com/produce", "version": "v1", "mode": "one-off"}),
    )
    .await;
    let saved = call(
        &core,
        "save_produce_endpoint",
        json!({"accountId": account, "productId": second, "productName": ordered["name"],
               "url": " https://chat.example.com/kit ", "mode": "period", "kit": true,
               "publicKeyPem": "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"}),
    )
    .await;
    assert_eq!(saved["url"], "https://chat.example.com/kit", "the URL is kept trimmed");

    let products = call(&core, "produce_products", json!({"accountId": account})).await;
    let one = &product(&products, first)["endpoint"];
    assert_eq!(
        (&one["url"], &one["version"], &one["mode"], &one["kit"]),
        (
            &json!("https://backup.example.com/produce"),
            &json!("v1"),
            &json!("one-off"),
            &json!(false)
        )
    );
    let two = &product(&products, second)["endpoint"];
    assert_eq!((&two["version"], &two["kit"]), (&json!("v2"), &json!(true)));
    assert!(two["publicKeyPem"].as_str().unwrap().contains("BEGIN PUBLIC KEY"));
    let saved_count = products
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["endpoint"].is_null())
        .count();
    assert_eq!(saved_count, 2, "only the two products have settings: {products}");

    for bad in ["ftp://files.example.com/produce", "isv.example.com/produce", "   "] {
        let e = refused(
            &core,
            "save_produce_endpoint",
            json!({"accountId": account, "productId": first, "url": bad, "mode": "period"}),
        )
        .await;
        assert_eq!(e.code, gallerist_api::ErrorCode::InvalidInput, "{bad}: {e:?}");
        assert!(
            e.message.contains("URL") || e.message.contains("address"),
            "{bad}: said in English: {}",
            e.message
        );
        assert!(e.message.contains("地址"), "{bad}: said in Chinese: {}", e.message);
    }
    let still = call(&core, "produce_products", json!({"accountId": account})).await;
    assert_eq!(
        product(&still, first)["endpoint"]["url"],
        "https://backup.example.com/produce",
        "a refused save changes nothing"
    );
    let unknown = refused(&core, "produce_products", json!({"accountId": 9999})).await;
    assert_eq!(unknown.code, gallerist_api::ErrorCode::NotFound);
}
