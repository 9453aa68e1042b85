//! The signature vectors in `../shared/vectors/stripe-signature.json`, produced by
//! running the official stripe-node 23.1.0. These tests need the shared reference
//! folder beside the checkout, as in CI, and fail with a clear message without it.

use serde_json::Value;
use stripe_edge::webhook::{self, VerifyOptions};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/vectors/stripe-signature.json"
);

fn vectors() -> Value {
    let text = std::fs::read_to_string(VECTORS).unwrap_or_else(|e| {
        panic!("{VECTORS} is needed by this test (the shared reference folder must sit beside the checkout): {e}")
    });
    serde_json::from_str(&text).expect("vector file is JSON")
}

fn cases<'a>(vectors: &'a Value, key: &str) -> &'a [Value] {
    let list = vectors[key]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    assert!(!list.is_empty(), "no '{key}' in {VECTORS}");
    list
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {case}"))
}

fn int(case: &Value, key: &str) -> i64 {
    case[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{key} in {case}"))
}

#[test]
fn stripe_node_verdicts() {
    let vectors = vectors();
    for (index, case) in cases(&vectors, "stripe_node_cases").iter().enumerate() {
        let options = VerifyOptions::default().tolerance(int(case, "tolerance") as u64);
        let verdict = webhook::verify_header(
            text(case, "payload").as_bytes(),
            text(case, "header"),
            &[text(case, "secret")],
            int(case, "now"),
            &options,
        );
        let expected_ok = match text(case, "expect") {
            "ok" => true,
            "error" => false,
            other => panic!("case {index}: unknown verdict {other}"),
        };
        assert_eq!(
            verdict.is_ok(),
            expected_ok,
            "case {index} ({}): we said {verdict:?}, stripe-node said {}",
            text(case, "name"),
            text(case, "expect")
        );
        if expected_ok {
            let event = webhook::construct_event(
                text(case, "payload").as_bytes(),
                text(case, "header"),
                &[text(case, "secret")],
                int(case, "now"),
                &options,
            )
            .unwrap_or_else(|e| panic!("case {index}: {e}"));
            let parsed: Value = serde_json::from_str(text(case, "payload")).unwrap();
            assert_eq!(event.id, parsed["id"].as_str().unwrap(), "case {index}");
        }
    }
}

#[test]
fn hmac_vectors() {
    let vectors = vectors();
    for (index, case) in cases(&vectors, "hmac_vectors").iter().enumerate() {
        let signature =
            webhook::compute_hmac_signature(text(case, "payload").as_bytes(), text(case, "secret"));
        assert_eq!(
            signature.to_string(),
            text(case, "hex"),
            "hmac vector {index}"
        );
    }
}

#[test]
fn header_vectors() {
    let vectors = vectors();
    for (index, case) in cases(&vectors, "header_vectors").iter().enumerate() {
        let payload = text(case, "payload").as_bytes();
        let header =
            webhook::generate_test_header(payload, &[text(case, "secret")], int(case, "t"));
        assert_eq!(header, text(case, "header"), "header vector {index}");
        let at = int(case, "t");
        webhook::verify_header(
            payload,
            text(case, "header"),
            &[text(case, "secret")],
            at,
            &VerifyOptions::default(),
        )
        .unwrap_or_else(|e| panic!("header vector {index}: {e}"));
    }
}
