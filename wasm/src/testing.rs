//! What tests and debugging tools need and a receiver does not, kept out of the webhook
//! wasm: build a test `Stripe-Signature` header (stripe-node's
//! `generateTestHeaderString`), and explain what a delivery's signature says. The
//! package's `js/testing.js` reads the arguments (with `js/delivery.js`, as the webhook
//! functions do) and passes them as bytes, strings and numbers.

use alloc::string::String;
use alloc::vec::Vec;

use stripe_edge::webhook::{self, VerifyOptions};
use wasm_bindgen::prelude::*;

use crate::errors;

/// Builds a `Stripe-Signature` header for tests, like stripe-node's function of the
/// same name: one `v1` per secret, signed at `timestamp` (unix seconds).
#[wasm_bindgen(js_name = generateTestHeaderString, skip_typescript)]
pub fn generate_test_header_string(payload: &[u8], secrets: Vec<String>, timestamp: f64) -> String {
    webhook::generate_test_header(payload, &secrets, timestamp as i64)
}

/// What a delivery's signature says, for debugging tools such as the www app's webhook
/// debugger (the core's `webhook::explain_signature`), as words: `timestamp m0 m1 ...`,
/// where `mN` is the index of the first secret the header's `v1` #N matches, or `-`.
/// It refuses what `verifyHeader` refuses before comparing signatures (a payload over
/// `max_payload_bytes`, 1 MiB when not given), and leaves the time to the caller.
#[wasm_bindgen(js_name = explainSignature, skip_typescript)]
pub fn explain_signature(
    payload: &[u8],
    header: &[u8],
    secrets: Vec<String>,
    max_payload_bytes: Option<f64>,
) -> Result<String, JsValue> {
    let options = VerifyOptions::from_stripe_node(None, None, max_payload_bytes);
    webhook::header_text(header)
        .and_then(|header| webhook::explain_signature(payload, header, &secrets, &options))
        .map(|explanation| {
            let mut words = String::new();
            let mut number = itoa::Buffer::new();
            words.push_str(number.format(explanation.timestamp));
            for matched in explanation.matches {
                words.push(' ');
                match matched {
                    Some(index) => words.push_str(number.format(index)),
                    None => words.push('-'),
                }
            }
            words
        })
        .map_err(errors::verification)
}
