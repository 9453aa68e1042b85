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
    verifying(&payload, &header, || {
        let delivery = Delivery::from_js(&payload, &header, &secret, &options)?;
        delivery.check(webhook::construct_event)?;
        parse(&payload, &delivery.payload)
    })
}

/// Verifies a v2 thin event notification and returns it, parsed.
#[wasm_bindgen(js_name = parseEventNotification, skip_typescript)]
pub fn parse_event_notification(
    payload: JsValue,
    header: JsValue,
    secret: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    verifying(&payload, &header, || {
        let delivery = Delivery::from_js(&payload, &header, &secret, &options)?;
        delivery.check(webhook::parse_event_notification)?;
        parse(&payload, &delivery.payload)
    })
}

/// Verifies a webhook signature: `true`, or throws.
#[wasm_bindgen(js_name = verifyHeader, skip_typescript)]
pub fn verify_header(
    payload: JsValue,
    header: JsValue,
    secret: JsValue,
    options: JsValue,
) -> Result<bool, JsValue> {
    verifying(&payload, &header, || {
        Delivery::from_js(&payload, &header, &secret, &options)?.check(webhook::verify_header)?;
        Ok(true)
    })
}

/// Runs a verification; a refusal keeps the delivery's header and payload.
fn verifying<T>(
    payload: &JsValue,
    header: &JsValue,
    verify: impl FnOnce() -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    verify().map_err(|error| errors::with_delivery(error, header, payload))
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
            .map_err(|_| js_sys::Error::new("the verified payload is not UTF-8"))?,
    };
    json_parse(&text)
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JavaScript string, without copying it through Rust.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}
