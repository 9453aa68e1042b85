//! The webhook functions, with stripe-node's names: verify a delivery and return its
//! event parsed by the host's `JSON.parse` (once, from the text), or build a test header.

use alloc::string::String;

use stripe_edge::webhook;
use wasm_bindgen::prelude::*;

use crate::delivery::{self, Delivery, Payload};
use crate::errors;

/// Verifies a webhook delivery and returns the v1 event, parsed.
#[wasm_bindgen(js_name = constructEvent, skip_typescript)]
pub fn construct_event(
    payload: JsValue,
    header: JsValue,
    secret: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    verify(&payload, &header, &secret, &options, Answer::Event)
}

/// Verifies a v2 thin event notification and returns it, parsed.
#[wasm_bindgen(js_name = parseEventNotification, skip_typescript)]
pub fn parse_event_notification(
    payload: JsValue,
    header: JsValue,
    secret: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    verify(&payload, &header, &secret, &options, Answer::Notification)
}

/// Verifies a webhook signature: `true`, or throws.
#[wasm_bindgen(js_name = verifyHeader, skip_typescript)]
pub fn verify_header(
    payload: JsValue,
    header: JsValue,
    secret: JsValue,
    options: JsValue,
) -> Result<bool, JsValue> {
    verify(&payload, &header, &secret, &options, Answer::True).map(|_| true)
}

/// What a verifying function answers once the delivery holds.
#[derive(Clone, Copy)]
enum Answer {
    /// `true`: the signature alone is checked.
    True,
    /// The v1 snapshot event, parsed.
    Event,
    /// The v2 thin event notification, parsed.
    Notification,
}

/// The three verifying functions in one body, so that the module holds one copy of the
/// argument reading; a refusal keeps the delivery's header and payload.
fn verify(
    payload: &JsValue,
    header: &JsValue,
    secret: &JsValue,
    options: &JsValue,
    answer: Answer,
) -> Result<JsValue, JsValue> {
    let verified =
        Delivery::from_js(payload, header, secret, options).and_then(|delivery| match answer {
            Answer::True => delivery
                .check(webhook::verify_header)
                .map(|_| JsValue::TRUE),
            Answer::Event => delivery
                .check(webhook::construct_event)
                .and_then(|_| parse(payload, &delivery.payload)),
            Answer::Notification => delivery
                .check(webhook::parse_event_notification)
                .and_then(|_| parse(payload, &delivery.payload)),
        });
    verified.map_err(|error| errors::with_delivery(error, header, payload))
}

/// Builds a `Stripe-Signature` header for tests, like stripe-node's function of the
/// same name: `{ payload, secret, timestamp? }`, where `secret` may be a list.
#[wasm_bindgen(js_name = generateTestHeaderString, skip_typescript)]
pub fn generate_test_header_string(options: JsValue) -> Result<String, JsValue> {
    let request = delivery::TestHeader::from_js(&options)?;
    Ok(webhook::generate_test_header(
        request.payload.bytes(),
        &request.secrets,
        request.timestamp,
    ))
}

/// The verified payload as a JavaScript object. The core has checked that it is a
/// UTF-8 JSON event; the engine's own parser builds the object fastest.
fn parse(original: &JsValue, payload: &Payload) -> Result<JsValue, JsValue> {
    let text = match payload {
        Payload::Text(_) => original.clone(),
        Payload::Bytes(raw) => core::str::from_utf8(raw)
            .map(JsValue::from_str)
            .map_err(|_| crate::js::Error::new("the verified payload is not UTF-8"))?,
    };
    json_parse(&text)
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JavaScript string, without copying it through Rust.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}
