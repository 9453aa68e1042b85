//! The proxy's call machine (`ProxyCall`) against a fake upstream: what it sends first
//! when ownership must be checked, what it hands on of each answer, and that an object
//! the caller does not own answers exactly as a missing one.

mod proxy_support;

use proxy_support::*;
use stripe_edge::api::Method;
use stripe_edge::proxy::{self, Incoming, Policy, ProxyCall, plan};

const ME: &str = "cus_Me0000000001";
const OTHER: &str = "cus_Other0000001";

fn customer_plan(path: &str, query: &str) -> stripe_edge::proxy::Plan {
    plan(&shipped(), &claims(ME, "customer"), &get(path, query)).expect("allowed")
}

/// The status and body the Worker answers for a call that ended with `end`.
fn answered(end: &End) -> (u16, String) {
    match end {
        Ok(body) => (200, String::from_utf8(body.clone()).unwrap()),
        Err(error) => proxy::failure(error, SECRET_KEY),
    }
}

#[test]
fn an_own_invoice_is_handed_on_as_it_came() {
    let body = invoice("in_1", ME);
    let (sent, end) = drive(machine(customer_plan("/v1/invoices/in_1", "")), |_| {
        (200, body.clone())
    });
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url, format!("{UPSTREAM}/v1/invoices/in_1"));
    assert_eq!(end.unwrap(), body.into_bytes());
}

#[test]
fn an_answer_the_models_would_refuse_is_still_handed_on_as_it_came() {
    // A field newer than the models, and a known field of another type: the caller's
    // own client judges the answer; the proxy only checks its owner.
    let mut value: serde_json::Value = serde_json::from_str(&invoice("in_1", ME)).unwrap();
    value["field_from_a_newer_version"] = serde_json::json!({ "nested": [1, 2] });
    value["amount_due"] = serde_json::json!("not a number");
    let body = value.to_string();
    let (_, end) = drive(machine(customer_plan("/v1/invoices/in_1", "")), |_| {
        (200, body.clone())
    });
    assert_eq!(answered(&end), (200, body));
}

#[test]
fn a_foreign_invoice_answers_exactly_as_a_missing_one() {
    let (_, foreign) = drive(machine(customer_plan("/v1/invoices/in_theirs", "")), |_| {
        (200, invoice("in_theirs", OTHER))
    });
    let (_, missing) = drive(
        machine(customer_plan("/v1/invoices/in_nothere", "")),
        |_| (404, missing_invoice("in_nothere")),
    );
    let (foreign, missing) = (answered(&foreign), answered(&missing));
    assert_eq!(foreign.0, 404);
    assert_eq!(
        foreign,
        (missing.0, missing.1.replace("in_nothere", "in_theirs"))
    );
    // Owners that only differ in case, that are missing, null or expanded to another
    // customer are foreign too.
    for owner in [
        serde_json::json!(ME.to_lowercase()),
        serde_json::json!(ME.to_uppercase()),
        serde_json::Value::Null,
        example("customer", serde_json::json!({ "id": OTHER })),
        serde_json::json!(format!("{ME} ")),
    ] {
        let body = owned_by("in_theirs", owner.clone());
        let (_, end) = drive(machine(customer_plan("/v1/invoices/in_theirs", "")), |_| {
            (200, body.clone())
        });
        assert_eq!(answered(&end), foreign, "{owner}");
    }
}

#[test]
fn a_list_hands_on_only_the_items_whose_customer_is_exactly_the_subject() {
    let items = [
        invoice("in_1", ME),
        invoice("in_2", OTHER),
        invoice("in_3", &ME.to_lowercase()),
        owned_by("in_4", serde_json::Value::Null),
        owned_by("in_5", example("customer", serde_json::json!({ "id": ME }))),
        owned_by(
            "in_6",
            example("customer", serde_json::json!({ "id": OTHER })),
        ),
        invoice("in_7", ME),
    ];
    let (sent, end) = drive(machine(customer_plan("/v1/invoices", "limit=10")), |_| {
        (200, page("/v1/invoices", &items))
    });
    assert_eq!(
        sent[0].url,
        format!("{UPSTREAM}/v1/invoices?limit=10&customer={ME}")
    );
    let body: serde_json::Value = serde_json::from_slice(&end.unwrap()).unwrap();
    let kept: Vec<&str> = body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    assert_eq!(kept, ["in_1", "in_5", "in_7"]);
    assert_eq!(body["has_more"], false);
}

#[test]
fn a_search_hands_on_only_exact_owners_though_search_matches_ids_in_any_case() {
    let items = [
        invoice("in_1", ME),
        invoice("in_2", &ME.to_uppercase()),
        invoice("in_3", ME),
    ];
    let query = "query=customer%3A%22cus_me0000000001%22";
    let (sent, end) = drive(machine(customer_plan("/v1/invoices/search", query)), |_| {
        (
            200,
            format!(
                r#"{{"object":"search_result","data":[{}],"has_more":false,"next_page":null,"url":"/v1/invoices/search"}}"#,
                items.join(",")
            ),
        )
    });
    let sent_query = sent[0].url.split_once("query=").unwrap().1;
    assert_eq!(
        sent_query,
        "customer%3A%22cus_me0000000001%22%20AND%20customer%3A%22cus_Me0000000001%22"
    );
    let body: serde_json::Value = serde_json::from_slice(&end.unwrap()).unwrap();
    let kept: Vec<&str> = body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    assert_eq!(kept, ["in_1", "in_3"]);
}

#[test]
fn v2_events_check_their_object_first_and_hand_on_only_its_events() {
    let plan = customer_plan("/v2/core/events", "object_id=in_1&limit=5");
    let (sent, end) = drive(machine(plan.clone()), |outgoing| {
        match outgoing.request.method {
            _ if outgoing.url.contains("/v1/invoices/in_1") => (200, invoice("in_1", ME)),
            _ => (
                200,
                format!(
                    r#"{{"data":[{},{},{}],"next_page_url":null,"previous_page_url":null}}"#,
                    event("evt_1", "in_1"),
                    event("evt_2", "in_2"),
                    event("evt_3", "IN_1")
                ),
            ),
        }
    });
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].url, format!("{UPSTREAM}/v1/invoices/in_1"));
    assert_eq!(sent[1].request.method, Method::Get);
    assert!(
        sent[1]
            .url
            .starts_with(&format!("{UPSTREAM}/v2/core/events?")),
        "{}",
        sent[1].url
    );
    let body: serde_json::Value = serde_json::from_slice(&end.unwrap()).unwrap();
    let kept: Vec<&str> = body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    assert_eq!(kept, ["evt_1"]);

    // A foreign object: the events are never asked for, and the answer is a missing object's.
    let (sent, foreign) = drive(machine(plan), |_| (200, invoice("in_1", OTHER)));
    assert_eq!(sent.len(), 1);
    let (status, body) = answered(&foreign);
    assert_eq!(status, 404);
    let error: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(error["error"]["param"], "object_id");
    assert_eq!(error["error"]["message"], "No such invoice: 'in_1'");
}

fn action_policy() -> Policy {
    Policy::parse(r#"{"scopes":{"s":{"endpoints":{"invoices.send":{"owner":"sub"}}}}}"#).unwrap()
}

fn send_plan(query: &str) -> stripe_edge::proxy::Plan {
    let incoming = Incoming {
        method: "POST",
        path: "/v1/invoices/in_1/send",
        query,
        headers: &[],
        body: b"",
    };
    plan(&action_policy(), &claims(ME, "s"), &incoming).expect("allowed")
}

#[test]
fn an_action_on_a_foreign_object_is_never_sent() {
    let (sent, end) = drive(machine(send_plan("")), |_| (200, invoice("in_1", OTHER)));
    assert_eq!(sent.len(), 1, "only the retrieve");
    assert_eq!(sent[0].request.method, Method::Get);
    assert_eq!(sent[0].url, format!("{UPSTREAM}/v1/invoices/in_1"));
    assert_eq!(answered(&end).0, 404);

    let (sent, end) = drive(machine(send_plan("")), |outgoing| {
        match outgoing.request.method {
            Method::Get => (200, invoice("in_1", ME)),
            _ => (200, invoice("in_1", ME)),
        }
    });
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].request.method, Method::Post);
    assert_eq!(sent[1].url, format!("{UPSTREAM}/v1/invoices/in_1/send"));
    assert_eq!(end.unwrap(), invoice("in_1", ME).into_bytes());
}

/// Parameters the endpoint refuses are a 400 before anything is sent, also when the
/// call must first check an object's owner: bad input never reaches upstream, and is
/// never answered with a 5xx.
#[test]
fn parameters_the_endpoint_refuses_are_refused_before_the_owner_check() {
    let cases = [
        (
            customer_plan("/v2/core/events", "object_id=in_1&limit=abc"),
            "limit",
        ),
        (
            customer_plan("/v2/core/events", "object_id=in_1&limit[]=1"),
            "limit",
        ),
        (send_plan("unknown=1"), "unknown"),
    ];
    for (plan, param) in cases {
        let error = match ProxyCall::new(plan, &settings(), [7; 32]) {
            Err(error) => error,
            Ok(call) => {
                let (sent, end) = drive(call, |_| (200, invoice("in_1", ME)));
                panic!(
                    "sent {} request(s) and answered {:?}",
                    sent.len(),
                    answered(&end)
                );
            }
        };
        assert_eq!(error.status, 400);
        assert_eq!(error.param.as_deref(), Some(param));
    }
}

#[test]
fn stripe_messages_that_quote_a_key_are_masked() {
    let body = format!(
        r#"{{"error":{{"type":"invalid_request_error","code":"api_key_expired","message":"Expired API Key provided: {SECRET_KEY}. Also sk_live_abc123 and rk_test_xyz.","param":"{SECRET_KEY}"}}}}"#
    );
    let (_, end) = drive(machine(customer_plan("/v1/invoices/in_1", "")), |_| {
        (401, body.clone())
    });
    let (status, text) = answered(&end);
    assert_eq!(status, 401);
    assert!(!text.contains(SECRET_KEY), "{text}");
    assert!(
        !text.contains("sk_live_abc123") && !text.contains("rk_test_xyz"),
        "{text}"
    );
    assert!(text.contains("Expired API Key provided: sk_***"), "{text}");
}

/// With `Stripe-Account` or `Stripe-Context` allowed, the owner's check retrieves the
/// object in the account the call acts in: else it checks another account's view.
#[test]
fn the_owner_is_checked_in_the_account_the_call_acts_in() {
    let policy = Policy::parse(
        r#"{"scopes":{"s":{"headers":["Stripe-Account","Stripe-Context"],"endpoints":{"invoices.send":{"owner":"sub"}}}}}"#,
    )
    .unwrap();
    let headers = [
        ("Stripe-Account", "acct_1Connected"),
        ("Stripe-Context", "ctx_1"),
    ];
    let incoming = Incoming {
        method: "POST",
        path: "/v1/invoices/in_1/send",
        query: "",
        headers: &headers,
        body: b"",
    };
    let plan = plan(&policy, &claims(ME, "s"), &incoming).unwrap();
    let (sent, end) = drive(machine(plan), |_| (200, invoice("in_1", ME)));
    assert!(end.is_ok());
    assert_eq!(sent.len(), 2);
    for outgoing in &sent {
        assert_eq!(
            outgoing.request.header("Stripe-Account"),
            Some("acct_1Connected"),
            "{}",
            outgoing.url
        );
        assert_eq!(
            outgoing.request.header("Stripe-Context"),
            Some("ctx_1"),
            "{}",
            outgoing.url
        );
    }
}
