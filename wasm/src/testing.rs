//! What tests and debugging tools need and a receiver does not, kept out of the webhook
//! wasm: build a test `Stripe-Signature` header (stripe-node's
//! `generateTestHeaderString`), and explain what a delivery's signature says.

use alloc::string::String;

use stripe_edge::webhook;
use wasm_bindgen::prelude::*;

use crate::delivery::{self, Delivery};
use crate::errors;

/// Builds a `Stripe-Signature` header for tests, like stripe-node's function of the
/// same name: `{ payload, secret, timestamp? }`, where `secret` may be a list.
#[wasm_bindgen(js_name = generateTestHeaderString, skip_typescript)]
pub fn generate_test_header_string(options: JsValue) -> Result<JsValue, JsValue> {
    let request = delivery::TestHeader::from_js(&options)?;
    let header =
        webhook::generate_test_header(request.payload.bytes(), &request.secrets, request.timestamp);
    // Copied into a JavaScript string, which a returned `String` would first shrink to fit.
    Ok(JsValue::from_str(&header))
}

/// What a delivery's signature says, for debugging tools such as the www app's webhook
/// debugger (the core's `webhook::explain_signature`), as words: `timestamp now m0 m1
/// ...`, where `mN` is the index of the first secret the header's `v1` #N matches, or
/// `-`. The JS wrapper (`explainSignature`) shapes it; it throws as `verifyHeader` does
/// before comparing signatures, and leaves the time to the caller.
#[wasm_bindgen(js_name = explainSignature, skip_typescript)]
pub fn explain_signature(
    payload: JsValue,
    header: JsValue,
    secret: JsValue,
    options: JsValue,
) -> Result<String, JsValue> {
    Delivery::from_js(&payload, &header, &secret, &options)
        .and_then(|delivery| delivery.check(explained))
        .map_err(|error| errors::with_delivery(error, &header, &payload))
}

/// The words [`explain_signature`] answers.
fn explained(
    payload: &[u8],
    header: &str,
    secrets: &[String],
    now: i64,
    options: &webhook::VerifyOptions,
) -> Result<String, webhook::WebhookError> {
    let explanation = webhook::explain_signature(payload, header, secrets, options)?;
    let mut words = String::new();
    let mut number = itoa::Buffer::new();
    words.push_str(number.format(explanation.timestamp));
    words.push(' ');
    words.push_str(number.format(now));
    for matched in explanation.matches {
        words.push(' ');
        match matched {
            Some(index) => words.push_str(number.format(index)),
            None => words.push('-'),
        }
    }
    Ok(words)
}
