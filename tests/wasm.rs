//! The core inside real engines, as a Rust user runs it there:
//! `wasm-pack test --headless --chrome --firefox` (wasm-bindgen-test, in the browsers).
//! Uses `../shared/vectors/stripe-signature.json` (stripe-node 23.1.0's verdicts) and
//! `../shared/fixtures/seed-examples.json`, embedded at compile time.
#![cfg(target_family = "wasm")]

use serde_json::Value;
use stripe_edge::search::Resource;
use stripe_edge::webhook::{self, RustCrypto, VerifyOptions};
use stripe_edge::{resources, search};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!("../../shared/vectors/stripe-signature.json");
const SEEDS: &str = include_str!("../../shared/fixtures/seed-examples.json");

fn vectors() -> Value {
    serde_json::from_str(VECTORS).unwrap()
}

#[wasm_bindgen_test]
fn stripe_node_verdicts() {
    let vectors = vectors();
    let cases = vectors["stripe_node_cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    for case in cases {
        let text = |key: &str| case[key].as_str().unwrap_or_default();
        let options = VerifyOptions::default().tolerance(case["tolerance"].as_u64().unwrap());
        let verdict = webhook::verify_header(
            text("payload").as_bytes(),
            text("header"),
            &[text("secret")],
            case["now"].as_i64().unwrap(),
            &options,
        );
        assert_eq!(verdict.is_ok(), text("expect") == "ok", "{}", text("name"));
    }
}

#[wasm_bindgen_test]
fn header_vectors_and_the_mac_provider() {
    let vectors = vectors();
    for vector in vectors["header_vectors"].as_array().unwrap() {
        let payload = vector["payload"].as_str().unwrap().as_bytes();
        let secret = vector["secret"].as_str().unwrap();
        let header =
            webhook::generate_test_header(payload, &[secret], vector["t"].as_i64().unwrap());
        assert_eq!(header, vector["header"].as_str().unwrap());
        let options = VerifyOptions::default()
            .hmac(&RustCrypto)
            .ignore_tolerance();
        assert!(webhook::verify_header(payload, &header, &[secret], 0, &options).is_ok());
    }
}

#[wasm_bindgen_test]
fn seed_examples_decode_with_their_models() {
    let seeds: Value = serde_json::from_str(SEEDS).unwrap();
    let invoice = seeds["invoice_search_result"]["data"][0].to_string();
    assert!(matches!(
        resources::validate_resource("invoice", &invoice),
        Some(Ok(()))
    ));
    let run = seeds["reporting_report_run_create"].to_string();
    assert!(matches!(
        resources::validate_resource("reporting.report_run", &run),
        Some(Ok(()))
    ));
    let broken = run.replacen("\"livemode\":false", "\"livemode\":\"no\"", 1);
    assert_ne!(broken, run);
    assert!(matches!(
        resources::validate_resource("reporting.report_run", &broken),
        Some(Err(_))
    ));
}

fn invoices() -> Resource {
    Resource::from_name("invoices").unwrap()
}

#[wasm_bindgen_test]
fn search_queries_parse_print_and_match() {
    let query = search::parse("status:'open' AND total>1000", invoices()).unwrap();
    assert_eq!(query.to_string(), "status:\"open\" AND total>1000");
    assert!(
        query
            .matches_json(r#"{"status":"open","total":2500}"#)
            .unwrap()
    );
    let error = search::parse("customer~'cus_123'", invoices()).unwrap_err();
    assert_eq!(error.code.as_str(), "invalid_operator");
}
