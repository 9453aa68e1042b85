//! The emulator over HTTP, as a client sees it: the API key, refused parameters,
//! `Idempotency-Key`, the invoice status machine, search, pagination and faults.

use serde_json::{Value, json};
use stripe_emulator::config::Config;

struct Emulator {
    running: Option<stripe_emulator::Running>,
    base: String,
    agent: ureq::Agent,
}

impl Emulator {
    fn start() -> Self {
        let running = stripe_emulator::start(Config {
            port: 0,
            ..Config::default()
        })
        .expect("the emulator starts");
        let base = format!("http://{}", running.address);
        let agent = agent();
        Self {
            running: Some(running),
            base,
            agent,
        }
    }

    fn call(
        &self,
        method: &str,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> (u16, Value, Vec<(String, String)>) {
        let url = format!("{}{path}", self.base);
        let mut request = ureq::http::Request::builder().method(method).uri(&url);
        if !headers.iter().any(|(name, _)| *name == "Authorization") {
            request = request.header("Authorization", "Bearer sk_test_emulator");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let request = request
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .expect("a request");
        let mut response = self.agent.run(request).expect("an answer");
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    v.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let body: Value = response.body_mut().read_json().expect("a JSON body");
        (status, body, headers)
    }

    fn post(&self, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let (status, body, _) = self.call("POST", path, form, &[]);
        (status, body)
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let (status, body, _) = self.call("GET", path, &[], &[]);
        (status, body)
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop();
        }
    }
}

/// A client that opens a connection per request, so that a connection the emulator
/// drops on purpose is never reused.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_idle_connections(0)
        .build()
        .new_agent()
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn error_of(body: &Value) -> (&str, &str, &str) {
    let error = &body["error"];
    (
        error["type"].as_str().unwrap_or("?"),
        error["code"].as_str().unwrap_or("?"),
        error["param"].as_str().unwrap_or(""),
    )
}

#[test]
fn only_test_secret_keys_get_in() {
    let emulator = Emulator::start();
    for auth in [
        "",
        "Bearer pk_test_123",
        "Bearer sk_live_123",
        "Bearer sk_test_",
        "Basic cGtfdGVzdF94Og==",
    ] {
        let headers: &[(&str, &str)] = &[("Authorization", auth)];
        let (status, body, response_headers) = emulator.call("GET", "/v1/customers", &[], headers);
        assert_eq!(status, 401, "{auth}");
        assert_eq!(error_of(&body).0, "invalid_request_error");
        assert!(
            response_headers
                .iter()
                .any(|(k, v)| k == "request-id" && v.starts_with("req_"))
        );
    }
    // Basic with the key as user name, as stripe-python sends it.
    let (status, _, _) = emulator.call(
        "GET",
        "/v1/customers",
        &[],
        &[("Authorization", "Basic c2tfdGVzdF94eXo6")],
    );
    assert_eq!(status, 200);
}

#[test]
fn parameters_are_checked_by_name() {
    let emulator = Emulator::start();
    let (status, body) = emulator.post("/v1/customers", &[("email", "a@b.c"), ("nickname", "x")]);
    assert_eq!(
        (status, error_of(&body)),
        (
            400,
            ("invalid_request_error", "parameter_unknown", "nickname")
        )
    );
    let (status, body) = emulator.post("/v1/invoices", &[]);
    assert_eq!(
        (status, error_of(&body)),
        (
            400,
            ("invalid_request_error", "parameter_missing", "customer")
        )
    );
    let (status, body) = emulator.post("/v1/invoices", &[("customer", "cus_nope")]);
    assert_eq!(
        (status, error_of(&body)),
        (
            404,
            ("invalid_request_error", "resource_missing", "customer")
        )
    );
    let (status, body) = emulator.get("/v1/invoices?limit=101");
    assert_eq!((status, error_of(&body).2), (400, "limit"));
    let (status, body) = emulator.get("/v1/invoices?created[after]=1");
    assert_eq!(
        (status, error_of(&body)),
        (
            400,
            (
                "invalid_request_error",
                "parameter_unknown",
                "created[after]"
            )
        )
    );
    let (status, body) = emulator.get("/v1/invoices/search?query=customer~'cus'");
    assert_eq!((status, error_of(&body).2), (400, "query"));
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("invalid operator '~' for token field 'customer'")
    );
    let (status, body) = emulator.get("/v1/nothing");
    assert_eq!((status, error_of(&body).1), (404, "url_invalid"));
}

#[test]
fn an_idempotency_key_replays_or_refuses() {
    let emulator = Emulator::start();
    let key: &[(&str, &str)] = &[("Idempotency-Key", "key-1")];
    let (first_status, first, _) =
        emulator.call("POST", "/v1/customers", &[("email", "a@b.c")], key);
    let (second_status, second, headers) =
        emulator.call("POST", "/v1/customers", &[("email", "a@b.c")], key);
    assert_eq!((first_status, second_status), (200, 200));
    assert_eq!(first["id"], second["id"]);
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "idempotent-replayed" && v == "true")
    );
    let (status, body, _) = emulator.call("POST", "/v1/customers", &[("email", "other@b.c")], key);
    assert_eq!(
        (status, error_of(&body)),
        (400, ("idempotency_error", "idempotency_key_in_use", ""))
    );
    let (_, list) = emulator.get("/v1/customers");
    assert_eq!(
        list["data"].as_array().unwrap().len(),
        1,
        "one customer, not two"
    );
}

#[test]
fn invoices_move_through_their_statuses_and_refuse_the_rest() {
    let emulator = Emulator::start();
    let (_, customer) = emulator.post("/v1/customers", &[("email", "a@b.c")]);
    let customer = customer["id"].as_str().unwrap();
    let invoice = |method: &str| {
        let (status, invoice) = emulator.post(
            "/v1/invoices",
            &[
                ("customer", customer),
                ("collection_method", method),
                ("days_until_due", "30"),
            ],
        );
        let id = invoice["id"].as_str().unwrap_or_default().to_string();
        (status, id)
    };
    let (status, charge_auto) = invoice("charge_automatically");
    assert_eq!(status, 400, "days_until_due is only for send_invoice");
    assert!(charge_auto.is_empty());
    let (_, id) = invoice("send_invoice");
    let (status, item) = emulator.post(
        "/v1/invoiceitems",
        &[("customer", customer), ("invoice", &id), ("amount", "1500")],
    );
    assert_eq!((status, item["amount"].clone()), (200, json!(1500)));
    let act = |action: &str| emulator.post(&format!("/v1/invoices/{id}/{action}"), &[]);
    for refused in ["send", "void", "pay", "mark_uncollectible"] {
        let (status, body) = act(refused);
        assert_eq!(
            (status, error_of(&body).1),
            (400, "invalid_state"),
            "{refused} on a draft"
        );
    }
    let (status, open) = act("finalize");
    assert_eq!(
        (status, open["status"].clone(), open["total"].clone()),
        (200, json!("open"), json!(1500))
    );
    assert!(open["number"].as_str().unwrap().ends_with("-0001"));
    assert_eq!(act("finalize").1["error"]["code"], "invalid_state");
    assert_eq!(act("send").0, 200);
    let (_, void) = act("void");
    assert_eq!(void["status"], "void");
    for refused in ["finalize", "send", "void", "pay", "mark_uncollectible"] {
        assert_eq!(act(refused).0, 400, "{refused} on a void invoice");
    }
    let (_, found) = emulator.get(&format!(
        "/v1/invoices/search?query=customer:'{customer}'%20status:'void'"
    ));
    assert_eq!(found["data"][0]["id"], id.as_str());
    let (_, expanded) = emulator.get(&format!("/v1/invoices/{id}?expand[]=customer"));
    assert_eq!(expanded["customer"]["id"], customer);
    let (_, events) = emulator.get("/v1/customers");
    assert_eq!(events["data"].as_array().unwrap().len(), 1);
}

#[test]
fn lists_page_both_ways_without_losing_or_repeating() {
    let emulator = Emulator::start();
    let mut made: Vec<String> = (0..25)
        .map(|i| {
            emulator
                .post("/v1/customers", &[("email", &format!("c{i}@x.io"))])
                .1["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    made.reverse();
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let path = if after.is_empty() {
            "/v1/customers?limit=7".to_string()
        } else {
            format!("/v1/customers?limit=7&starting_after={after}")
        };
        let (_, page) = emulator.get(&path);
        let ids: Vec<String> = page["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        seen.extend(ids.iter().cloned());
        if page["has_more"] != true {
            break;
        }
        after = ids.last().unwrap().clone();
    }
    assert_eq!(seen, made);
    let (_, back) = emulator.get(&format!("/v1/customers?limit=3&ending_before={}", made[5]));
    let ids: Vec<&str> = back["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [made[2].as_str(), made[3].as_str(), made[4].as_str()]);
    assert_eq!(back["has_more"], true);
}

#[test]
fn injected_faults_come_after_the_work_and_keep_the_idempotent_result() {
    let emulator = Emulator::start();
    let (status, _, _) = emulator.call("POST", "/_emulator/faults", &[], &[]);
    assert_eq!(status, 400, "faults take a JSON object");
    let agent = &emulator.agent;
    let set = agent
        .post(format!("{}/_emulator/faults", emulator.base))
        .header("Content-Type", "application/json")
        .send(r#"{"script": ["500"], "should_retry": true}"#)
        .unwrap();
    assert_eq!(set.status().as_u16(), 200);
    let key: &[(&str, &str)] = &[("Idempotency-Key", "retry-me")];
    let (status, body, headers) =
        emulator.call("POST", "/v1/customers", &[("email", "r@x.io")], key);
    assert_eq!((status, error_of(&body).0), (500, "api_error"));
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "stripe-should-retry" && v == "true")
    );
    let (status, retried, _) = emulator.call("POST", "/v1/customers", &[("email", "r@x.io")], key);
    assert_eq!(status, 200);
    let (_, list) = emulator.get("/v1/customers");
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    assert_eq!(list["data"][0]["id"], retried["id"]);
}

fn set_faults(emulator: &Emulator, json: &str) {
    let response = emulator
        .agent
        .post(format!("{}/_emulator/faults", emulator.base))
        .send(json)
        .expect("faults set");
    assert_eq!(response.status().as_u16(), 200, "{json}");
}

#[test]
fn a_429_comes_before_the_work_and_a_dropped_connection_after_it() {
    let emulator = Emulator::start();
    set_faults(&emulator, r#"{"script": ["429"], "should_retry": false}"#);
    let (status, body, headers) =
        emulator.call("POST", "/v1/customers", &[("email", "limited@x.io")], &[]);
    assert_eq!((status, error_of(&body).1), (429, "rate_limit"));
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "stripe-should-retry" && v == "false")
    );
    assert_eq!(
        emulator.get("/v1/customers").1["data"]
            .as_array()
            .unwrap()
            .len(),
        0,
        "no work on a 429"
    );
    set_faults(&emulator, r#"{"script": ["drop"]}"#);
    let dropped = emulator
        .agent
        .post(format!("{}/v1/customers", emulator.base))
        .header("Authorization", "Bearer sk_test_x")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send("email=dropped@x.io");
    assert!(dropped.is_err(), "the connection closes without an answer");
    let (_, list) = emulator.get("/v1/customers");
    assert_eq!(
        list["data"][0]["email"], "dropped@x.io",
        "the work was done before the drop"
    );
    set_faults(&emulator, r#"{"error_rate": 1.0}"#);
    assert_eq!(emulator.get("/v1/customers").0, 500);
    let (status, body, _) = emulator.call("POST", "/_emulator/faults", &[], &[]);
    assert_eq!((status, error_of(&body).2), (400, "faults"));
    set_faults(&emulator, "{}");
    assert_eq!(emulator.get("/v1/customers").0, 200);
}

#[test]
fn a_report_run_is_checked_then_goes_from_pending_to_succeeded_with_a_file() {
    let running = stripe_emulator::start(Config {
        port: 0,
        report_delay_ms: 100,
        ..Config::default()
    })
    .unwrap();
    let emulator = Emulator {
        base: format!("http://{}", running.address),
        running: Some(running),
        agent: agent(),
    };
    let (_, report_type) = emulator.get("/v1/reporting/report_types/balance.summary.1");
    let start = report_type["data_available_start"].as_i64().unwrap();
    let end = report_type["data_available_end"].as_i64().unwrap();
    let run = |params: &[(&str, &str)]| {
        let mut form = vec![("report_type", "balance.summary.1")];
        form.extend_from_slice(params);
        emulator.post("/v1/reporting/report_runs", &form)
    };
    let (start_text, end_text) = (start.to_string(), end.to_string());
    let before = (start - 1).to_string();
    for (params, param) in [
        (
            vec![
                ("parameters[interval_start]", before.as_str()),
                ("parameters[interval_end]", end_text.as_str()),
            ],
            "parameters[interval_start]",
        ),
        (
            vec![
                ("parameters[interval_start]", end_text.as_str()),
                ("parameters[interval_end]", start_text.as_str()),
            ],
            "parameters[interval_end]",
        ),
        (
            vec![("parameters[interval_start]", start_text.as_str())],
            "parameters[interval_end]",
        ),
        (
            vec![
                ("parameters[interval_start]", start_text.as_str()),
                ("parameters[interval_end]", end_text.as_str()),
                ("parameters[columns][0]", "x"),
            ],
            "parameters[columns]",
        ),
        (
            vec![
                ("parameters[interval_start]", start_text.as_str()),
                ("parameters[interval_end]", end_text.as_str()),
                ("parameters[timezone]", "Nowhere"),
            ],
            "parameters[timezone]",
        ),
        (
            vec![
                ("parameters[interval_start]", start_text.as_str()),
                ("parameters[interval_end]", end_text.as_str()),
                ("parameters[payout]", "po_1"),
            ],
            "parameters[payout]",
        ),
    ] {
        let (status, body) = run(&params);
        assert_eq!((status, error_of(&body).2), (400, param), "{params:?}");
    }
    let (status, pending) = run(&[
        ("parameters[interval_start]", &start_text),
        ("parameters[interval_end]", &end_text),
    ]);
    assert_eq!((status, pending["status"].as_str()), (200, Some("pending")));
    let id = pending["id"].as_str().unwrap();
    let mut current = pending.clone();
    for _ in 0..100 {
        current = emulator.get(&format!("/v1/reporting/report_runs/{id}")).1;
        if current["status"] != "pending" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(current["status"], "succeeded");
    assert_eq!(current["result"]["purpose"], "finance_report_run");
    let file = current["result"]["id"].as_str().unwrap();
    assert_eq!(
        emulator.get(&format!("/v1/files/{file}")).1["size"],
        current["result"]["size"]
    );
}

#[test]
fn the_binary_says_where_it_listens_and_stops_cleanly_on_sigterm() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_stripe-emulator"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .strip_prefix("stripe-emulator listening on ")
        .expect(&first)
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success(), "exit 0 after SIGTERM");
    assert_eq!(lines.next().unwrap().unwrap(), "stripe-emulator stopped");
    let refused = Command::new(env!("CARGO_BIN_EXE_stripe-emulator"))
        .args(["--port", "x"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--port"));
}

#[test]
fn reset_forgets_everything_and_the_demo_seed_comes_back() {
    let running = stripe_emulator::start(Config {
        port: 0,
        seed: Some("demo".into()),
        ..Config::default()
    })
    .unwrap();
    let emulator = Emulator {
        base: format!("http://{}", running.address),
        running: Some(running),
        agent: agent(),
    };
    let count = |path: &str| emulator.get(path).1["data"].as_array().map_or(0, Vec::len);
    let seeded = count("/v1/customers?limit=100");
    assert!(seeded > 0, "the demo seed has customers");
    assert!(count("/v1/invoices/search?query=status:'paid'") > 0);
    emulator.post("/v1/customers", &[("email", "extra@x.io")]);
    assert_eq!(count("/v1/customers?limit=100"), seeded + 1);
    let (status, _, _) = emulator.call("POST", "/_emulator/reset", &[], &[]);
    assert_eq!(status, 200);
    assert_eq!(count("/v1/customers?limit=100"), seeded);
    let (_, list) = emulator.get("/v1/customers?email=extra@x.io");
    assert_eq!(list["data"].as_array().unwrap().len(), 0);
}
