//! The webhook functions, with stripe-node's names: verify a delivery and return its
//! event parsed by the host's `JSON.parse` (once, from the text), or build a test header.

use alloc::string::String;

use stripe_edge::webhook::{self, EventKind};
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
    verify(
        &payload,
        &header,
        &secret,
        &options,
        Mode::Event(EventKind::Snapshot),
    )
}

/// Verifies a v2 thin event notification and returns it, parsed.
#[wasm_bindgen(js_name = parseEventNotification, skip_typescript)]
pub fn parse_event_notification(
    payload: JsValue,
    header: JsValue,
    secret: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    verify(
        &payload,
        &header,
        &secret,
        &options,
        Mode::Event(EventKind::Notification),
    )
}

/// Verifies a webhook signature: `true`, or throws. (Returned as a `JsValue`, as the
/// other two return theirs, so that the three share one export shim.)
#[wasm_bindgen(js_name = verifyHeader, skip_typescript)]
pub fn verify_header(
    payload: JsValue,
    header: JsValue,
    secret: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    verify(&payload, &header, &secret, &options, Mode::Header)
}

/// What a call of [`verify`] answers.
#[derive(Clone, Copy)]
enum Mode {
    /// `true` once the signature holds.
    Header,
    /// The payload, parsed, once the signature holds and its envelope is of this kind
    /// (checked, not decoded: the host parses it).
    Event(EventKind),
    /// The signature explained (see [`explain_signature`]), time not judged.
    Explain,
}

/// The four functions that read a delivery in one body, so that the module holds one
/// copy of the argument reading. A refusal keeps the delivery's header and payload.
fn verify(
    payload: &JsValue,
    header: &JsValue,
    secret: &JsValue,
    options: &JsValue,
    mode: Mode,
) -> Result<JsValue, JsValue> {
    let verified = Delivery::from_js(payload, header, secret, options).and_then(|delivery| {
        if let Mode::Explain = mode {
            return delivery.check(explained).map(|words| words.as_str().into());
        }
        delivery.check(webhook::verify_header)?;
        let Mode::Event(kind) = mode else {
            return Ok(JsValue::TRUE);
        };
        webhook::check_envelope(delivery.payload.bytes(), kind).map_err(errors::verification)?;
        parse(payload, &delivery.payload)
    });
    verified.map_err(|error| errors::with_delivery(error, header, payload))
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
) -> Result<JsValue, JsValue> {
    verify(&payload, &header, &secret, &options, Mode::Explain)
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
