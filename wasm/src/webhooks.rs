//! The webhook functions, with stripe-node's names: verify a delivery and return its
//! event parsed by the host's `JSON.parse` (once, from the text), its envelope checked
//! by the core on the parsed value.

use stripe_edge::webhook::{self, EventKind, WebhookError};
use wasm_bindgen::prelude::*;

use crate::delivery::{Delivery, Payload};
use crate::errors;
use crate::parsed::Parsed;

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
    /// The payload, parsed by the host, once the signature holds and the parsed value's
    /// envelope is of this kind.
    Event(EventKind),
}

/// The three functions in one body, so that the module holds one copy of the argument
/// reading. A refusal keeps the delivery's header and payload.
fn verify(
    payload: &JsValue,
    header: &JsValue,
    secret: &JsValue,
    options: &JsValue,
    mode: Mode,
) -> Result<JsValue, JsValue> {
    let verified = Delivery::from_js(payload, header, secret, options).and_then(|delivery| {
        delivery.check(webhook::verify_header)?;
        let Mode::Event(kind) = mode else {
            return Ok(JsValue::TRUE);
        };
        parse(payload, &delivery.payload)
            .and_then(|event| webhook::check_parsed_envelope(&Parsed(&event), kind).map(|()| event))
            .map_err(errors::verification)
    });
    verified.map_err(|error| errors::with_delivery(error, header, payload))
}

/// The verified payload parsed by the engine's own parser, which builds the object
/// fastest; text that is not UTF-8 or not JSON is refused as the core refuses it.
fn parse(original: &JsValue, payload: &Payload) -> Result<JsValue, WebhookError> {
    let text = match payload {
        Payload::Text(_) => original.clone(),
        Payload::Bytes(raw) => {
            core::str::from_utf8(raw)
                .map(JsValue::from_str)
                .map_err(|error| WebhookError::InvalidJson {
                    offset: error.valid_up_to(),
                    expected: "UTF-8 text",
                })?
        }
    };
    json_parse(&text).map_err(|error| WebhookError::JsonRefused {
        reason: crate::js::reflect_get(&error, &JsValue::from_str("message"))
            .ok()
            .and_then(|message| message.as_string())
            .unwrap_or_default(),
    })
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JavaScript string, without copying it through Rust.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}
