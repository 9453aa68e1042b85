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
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
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
