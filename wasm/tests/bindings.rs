//! The JavaScript bindings inside real browsers: `wasm-pack test --headless --chrome
//! --firefox` in this crate's folder (Node runs them through the npm package's tests,
//! which also run the webhook wasm, `wasm-webhooks/`, in both browsers). Here: the
//! `testing` capability's functions as the package calls them. Uses
//! `../shared/vectors/stripe-signature.json` (headers computed from stripe-node's test
//! constants), embedded at compile time: the shared reference folder must sit beside
//! the checkout, as in CI.

use js_sys::{Array, Reflect};
use stripe_edge_wasm::{explain_signature, generate_test_header_string};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!("../../../shared/vectors/stripe-signature.json");
const EVENT: &str = r#"{"id":"evt_1","object":"event","type":"invoice.paid","created":1700000000,"livemode":false,"data":{"object":{"id":"in_1","name":"Zoë"}}}"#;
const T: f64 = 1_700_000_000.0;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn secrets(list: &[&str]) -> Vec<String> {
    list.iter().map(|secret| String::from(*secret)).collect()
}

fn error_code(result: Result<String, JsValue>) -> String {
    let error = result.expect_err("expected an error");
    assert_eq!(
        get(&error, "name").as_string().as_deref(),
        Some("StripeSignatureVerificationError")
    );
    get(&error, "code").as_string().unwrap()
}

#[wasm_bindgen_test]
fn test_headers_are_stripe_nodes() {
    let vectors = js_sys::JSON::parse(VECTORS).unwrap();
    let cases: Array = get(&vectors, "header_vectors").unchecked_into();
    assert!(cases.length() > 0);
    for case in cases.iter() {
        let made = generate_test_header_string(
            get(&case, "payload").as_string().unwrap().as_bytes(),
            vec![get(&case, "secret").as_string().unwrap()],
            get(&case, "t").as_f64().unwrap(),
        );
        assert_eq!(JsValue::from(made), get(&case, "header"));
    }
}

#[wasm_bindgen_test]
fn explanations_name_the_matching_secret() {
    let header = generate_test_header_string(EVENT.as_bytes(), secrets(&["whsec_b", "whsec_c"]), T);
    let words = explain_signature(
        EVENT.as_bytes(),
        header.as_bytes(),
        secrets(&["whsec_a", "whsec_c"]),
        None,
    )
    .unwrap();
    assert_eq!(words, "1700000000 - 1");
}

#[wasm_bindgen_test]
fn explanations_refuse_what_verification_refuses_first() {
    let header = generate_test_header_string(EVENT.as_bytes(), secrets(&["whsec_a"]), T);
    let explain = |payload: &[u8], header: &[u8], list: &[&str], max: Option<f64>| {
        error_code(explain_signature(payload, header, secrets(list), max))
    };
    assert_eq!(
        explain(b"", header.as_bytes(), &["whsec_a"], None),
        "missing_payload"
    );
    assert_eq!(
        explain(EVENT.as_bytes(), b"", &["whsec_a"], None),
        "missing_header"
    );
    assert_eq!(
        explain(EVENT.as_bytes(), b"t=1,v1=\xff", &["whsec_a"], None),
        "malformed_header"
    );
    assert_eq!(
        explain(EVENT.as_bytes(), header.as_bytes(), &[""], None),
        "empty_secret"
    );
    assert_eq!(
        explain(
            EVENT.as_bytes(),
            header.as_bytes(),
            &["whsec_a"],
            Some(10.0)
        ),
        "payload_too_large"
    );
}
