//! The proxy's request canonicaliser and decision on any request: `route::route` on
//! any method and path, then `plan` with the shipped policy (`worker/policy.toml`) on
//! any query, body and headers, then the call machine's first request.
//!
//! Input: a selector byte (method, scope, headers, subject), then the path, the query
//! and the body, separated by newlines. Checked:
//! - an accepted route is canonical: its path is the path it was read from, holds only
//!   plain segments, and routes to the same route again; a refusal is a 400/404/405;
//! - a plan is only for an endpoint of the token's scope, with only parameters and
//!   `expand[]` values its rule allows and a limit within `max_limit`; owner rules
//!   force `customer` on lists, restrict searches to the subject and check v2 events'
//!   object first;
//! - the first request sent upstream goes to the fixed origin, with the key and the
//!   pinned version, to the route's path (or the precheck's retrieve), and never with
//!   `Stripe-Account` or `Stripe-Context` (the shipped scopes allow neither).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stripe_edge::api::call::{Machine, Settings, Step};
use stripe_edge::api::{Answer, Method};
use stripe_edge::api::pagination::Style;
use stripe_edge::form::{self, FormValue};
use stripe_edge::proxy::route::{MAX_PATH_BYTES, route};
use stripe_edge::proxy::token::Claims;
use stripe_edge::proxy::{Check, Incoming, Policy, ProxyCall, plan};

const ORIGIN: &str = "https://upstream.fuzz";
const KEY: &str = "sk_test_fuzz";
const SUBJECTS: [&str; 4] = ["cus_Fuzz1", "cus_fuzz1", "svc-office", "cus_q\"uote"];

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let toml: toml::Value = toml::from_str(include_str!("../../worker/policy.toml")).unwrap();
        Policy::parse(&serde_json::to_string(&toml).unwrap()).unwrap()
    })
}

fn texts(value: &FormValue) -> Vec<&str> {
    match value {
        FormValue::Text(text) => vec![text],
        FormValue::List(items) => items.iter().flat_map(texts).collect(),
        FormValue::Map(members) => members.iter().flat_map(|(_, v)| texts(v)).collect(),
    }
}

fuzz_target!(|data: &[u8]| {
    let [selector, rest @ ..] = data else {
        return;
    };
    let Ok(text) = core::str::from_utf8(rest) else {
        return;
    };
    let mut pieces = text.splitn(3, '\n');
    let (path, query, body) = (
        pieces.next().unwrap_or_default(),
        pieces.next().unwrap_or_default(),
        pieces.next().unwrap_or_default(),
    );
    let method = ["GET", "POST", "DELETE", "PUT"][usize::from(selector & 3)];

    // The canonicaliser.
    match route(method, path) {
        Ok(found) => {
            assert_eq!(found.path(), path);
            assert_eq!(route(method, &found.path()).as_ref(), Ok(&found));
            assert!(path.len() <= MAX_PATH_BYTES);
            assert!(path[1..].split('/').all(|segment| {
                !matches!(segment, "" | "." | "..")
                    && segment.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            }), "{path:?}");
        }
        Err(error) => assert!(matches!(error.status, 400 | 404 | 405), "{error:?}"),
    }

    // The decision, with the shipped policy.
    let scope = ["customer", "back-office"][usize::from(selector >> 2 & 1)];
    let sub = SUBJECTS[usize::from(selector >> 3 & 3)];
    let all_headers = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Idempotency-Key", "fuzz-key"),
        ("Stripe-Account", "acct_1Fuzz"),
        ("X-HTTP-Method-Override", "GET"),
    ];
    let headers: Vec<(&str, &str)> = all_headers
        .iter()
        .enumerate()
        .filter(|(i, _)| selector >> 5 & (1 << i) != 0 || (*i == 0 && selector & 0x80 == 0))
        .map(|(_, header)| *header)
        .collect();
    let claims = Claims { sub: sub.into(), scope: scope.into(), exp: 2, iat: 1, nbf: None };
    let incoming = Incoming { method, path, query, headers: &headers, body: body.as_bytes() };
    let planned = match plan(policy(), &claims, &incoming) {
        Ok(planned) => planned,
        Err(error) => {
            assert!(matches!(error.status, 400 | 401 | 403 | 404 | 405), "{error:?}");
            return;
        }
    };
    let endpoint = planned.route.endpoint;
    let rule = policy().scope(scope).and_then(|scope| scope.rule(endpoint)).expect("an endpoint of the scope");
    assert_eq!(planned.stripe_account, None);
    assert_eq!(planned.stripe_context, None);
    let params = &planned.params;
    for (name, value) in params.as_map().unwrap_or_default() {
        if name == "expand" {
            assert!(texts(value).iter().all(|e| rule.expand.iter().any(|allowed| allowed == e)), "{value:?}");
            continue;
        }
        if let Some(allowed) = &rule.params {
            assert!(allowed.contains(name) || (rule.owner && name == "customer"), "{name}");
        }
        if name == "limit" && let Some(max) = rule.max_limit {
            assert!(value.as_text().and_then(|t| t.parse::<u64>().ok()).is_some_and(|limit| limit <= max));
        }
    }
    if rule.owner {
        match endpoint.answer {
            Answer::Page(..) if rule.object.is_some() => {
                let object = params.get("object_id").and_then(FormValue::as_text).unwrap();
                assert_eq!(planned.precheck.as_ref().map(|(e, id)| (e.name, id.as_str())), Some(("invoices.retrieve", object)));
                assert_eq!(planned.check, Check::RelatedTo(object.into()));
            }
            Answer::Page(Style::Search, _) => {
                let query = params.get("query").and_then(FormValue::as_text).unwrap();
                let restriction = format!("customer:\"{}\"", sub.replace('"', "\\\""));
                assert!(query == restriction || query.ends_with(&format!(" AND {restriction}")), "{query}");
                assert_eq!(planned.check, Check::Items);
            }
            Answer::Page(..) => {
                assert_eq!(params.get("customer").and_then(FormValue::as_text), Some(sub));
                assert_eq!(planned.check, Check::Items);
            }
            _ => assert_eq!(planned.check, Check::Answer),
        }
    }

    // The first request upstream.
    let settings = Settings { api_key: Some(KEY.into()), api_version: Some("2023-08-16".into()), ..Settings::default() }
        .with_origin(ORIGIN);
    let Ok(mut call) = ProxyCall::new(planned.clone(), &settings, [9; 32]) else {
        return;
    };
    let Step::Send(outgoing) = call.poll(0) else {
        panic!("a proxy call starts by sending");
    };
    let request = &outgoing.request;
    let expected_path = match &planned.precheck {
        Some((retrieve, id)) => {
            assert_eq!(request.method, Method::Get);
            retrieve.path.replace("{id}", &form::encode_component(id))
        }
        None => {
            assert_eq!(request.method, endpoint.method);
            planned.route.path()
        }
    };
    assert_eq!(outgoing.url.split('?').next(), Some(format!("{ORIGIN}{expected_path}").as_str()));
    assert_eq!(request.header("Authorization"), Some(format!("Bearer {KEY}").as_str()));
    assert_eq!(request.header("Stripe-Version"), Some("2023-08-16"));
    assert_eq!(request.header("Stripe-Account"), None);
    assert_eq!(request.header("Stripe-Context"), None);
});
