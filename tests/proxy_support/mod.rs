//! What the proxy's tests share: the shipped policy (as JSON, the form `worker/build.rs`
//! gives it), claims, requests as the Worker hands them over, and a fake upstream that
//! drives a `ProxyCall` and records what it sent.
#![allow(dead_code)]

use serde_json::{Value, json};
use stripe_edge::api::call::{CallError, Machine, Outgoing, Output, Settings, Step};
use stripe_edge::proxy::token::Claims;
use stripe_edge::proxy::{Incoming, Plan, Policy, ProxyCall};

#[path = "../support/shared.rs"]
mod shared;

pub use shared::example;

/// The secret key the fake Worker calls upstream with.
pub const SECRET_KEY: &str = "sk_test_proxytests0123456789";

/// The upstream origin.
pub const UPSTREAM: &str = "https://upstream.test";

/// `worker/policy.toml` as JSON.
pub const SHIPPED: &str = r#"{"scopes": {
  "customer": {"endpoints": {
    "invoices.list": {"owner": "sub", "params": ["created", "due_date", "ending_before", "limit", "starting_after", "status"], "max_limit": 100},
    "invoices.search": {"owner": "sub", "params": ["limit", "page", "query"], "max_limit": 100},
    "invoices.retrieve": {"owner": "sub", "params": []},
    "v2.core.events.list": {"owner": "sub", "object": "invoices.retrieve", "params": ["limit", "object_id", "page"]}
  }},
  "back-office": {"endpoints": {
    "invoices.retrieve": {"expand": ["customer"]},
    "invoices.list": {"expand": ["data.customer"]},
    "invoices.send": {},
    "customers.update": {},
    "webhook_endpoints.delete": {}
  }}
}}"#;

/// The shipped policy.
pub fn shipped() -> Policy {
    Policy::parse(SHIPPED).expect("the shipped policy")
}

/// Claims of a valid token for `sub` in `scope`.
pub fn claims(sub: &str, scope: &str) -> Claims {
    Claims {
        sub: sub.into(),
        scope: scope.into(),
        exp: 2_000_000_600,
        iat: 2_000_000_000,
        nbf: None,
    }
}

/// A request with no headers and no body.
pub fn get<'a>(path: &'a str, query: &'a str) -> Incoming<'a> {
    Incoming {
        method: "GET",
        path,
        query,
        headers: &[],
        body: b"",
    }
}

/// The settings the Worker calls upstream with.
pub fn settings() -> Settings {
    Settings {
        api_key: Some(SECRET_KEY.into()),
        api_version: Some("2023-08-16".into()),
        max_retries: 0,
        ..Settings::default()
    }
    .with_origin(UPSTREAM)
}

/// How a `ProxyCall` ended: the body it hands on, or its failure.
pub type End = Result<Vec<u8>, CallError>;

/// Drives `call` with `answer` as the upstream (status and body for each request);
/// every request it sent, and how it ended.
pub fn drive(
    mut call: ProxyCall,
    mut answer: impl FnMut(&Outgoing) -> (u16, String),
) -> (Vec<Outgoing>, End) {
    let mut sent = Vec::new();
    for _ in 0..16 {
        let outgoing = match call.poll(0) {
            Step::Send(outgoing) => outgoing.clone(),
            Step::Sleep(_) => continue,
            Step::Done(Output::Answer(body)) => return (sent, Ok(body)),
            Step::Fail(error) => return (sent, Err(error)),
            step => panic!("a proxy call does not {step:?}"),
        };
        let (status, body) = answer(&outgoing);
        sent.push(outgoing);
        call.handle_response(status, &[("request-id", "req_test")], body.into_bytes());
    }
    panic!("the call did not end within 16 steps")
}

/// The machine for `plan`.
pub fn machine(plan: Plan) -> ProxyCall {
    ProxyCall::new(plan, &settings(), [7; 32]).expect("a valid plan")
}

/// An invoice (Stripe's example) with this `id`, owned by `customer`.
pub fn invoice(id: &str, customer: &str) -> String {
    owned_by(id, json!(customer))
}

/// An invoice (Stripe's example) with this `id` and `customer` member.
pub fn owned_by(id: &str, customer: Value) -> String {
    example("invoice", json!({ "id": id, "customer": customer })).to_string()
}

/// A v2 event (the seed's example) with this `id` about the invoice `object`.
pub fn event(id: &str, object: &str) -> String {
    example(
        "v2.core.event",
        json!({ "id": id, "related_object": { "id": object, "type": "invoice", "url": format!("/v1/invoices/{object}") } }),
    )
    .to_string()
}

/// A list page of `items`.
pub fn page(url: &str, items: &[String]) -> String {
    format!(
        r#"{{"object":"list","data":[{}],"has_more":false,"url":"{url}"}}"#,
        items.join(",")
    )
}

/// Stripe's answer for a missing invoice.
pub fn missing_invoice(id: &str) -> String {
    format!(
        r#"{{"error":{{"type":"invalid_request_error","code":"resource_missing","message":"No such invoice: '{id}'","param":"id"}}}}"#
    )
}
