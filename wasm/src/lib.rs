//! JavaScript bindings of the stripe-edge core, built with wasm-bindgen into the npm
//! package `stripe-edge`: webhook verification, with stripe-node's names so code can
//! move over unchanged; `decode`, which reads a resource with its model; and the search
//! query language.
//!
//! The bindings only convert arguments and results; every decision is the core's.
//! They read the clock (`Date.now()`) when the caller gives no `now`.
//!
//! The shipped module is `no_std`: a panic traps instead of formatting a message (none
//! is expected: every input has an error path), and talc replaces dlmalloc. Both keep
//! the module small.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

mod api;
mod args;
mod decode;
mod errors;
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
mod runtime;
mod search;

use alloc::string::{String, ToString};

use stripe_edge::webhook;
use wasm_bindgen::prelude::*;

pub use api::{Client, Machine, StepKind, api_endpoints};
use args::{Delivery, Payload};
pub use decode::decode;
pub use search::{
    build_search_query, matches_search_query, parse_search_query, restrict_search_query,
};

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
    let request = args::TestHeader::from_js(&options)?;
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
            .map_err(|e| js_sys::Error::new(&e.to_string()))?,
    };
    json_parse(&text)
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JavaScript string, without copying it through Rust.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}
