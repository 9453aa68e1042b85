//! The JavaScript errors the bindings throw: verification and decoding failures carry
//! the core's stable `code`; misuse of the API is a `TypeError` or `RangeError`.

use alloc::format;
use alloc::string::ToString;

use js_sys::Reflect;
use stripe_edge::resources::DecodeError;
use stripe_edge::search::SearchError;
use stripe_edge::webhook::WebhookError;
use wasm_bindgen::JsValue;

/// The `name` the JS layer recognises and turns into `StripeSignatureVerificationError`.
const NAME: &str = "StripeSignatureVerificationError";

/// The `name` the JS layer recognises and turns into `StripeSearchError`.
const SEARCH_NAME: &str = "StripeSearchError";

/// The `name` the JS layer recognises and turns into `StripeDecodeError`.
const DECODE_NAME: &str = "StripeDecodeError";

/// A refused webhook, as an `Error` with `name` and `code`.
pub fn verification(error: WebhookError) -> JsValue {
    failure(NAME, error.code(), &error.to_string())
}

/// A value that does not fit the model of `resource`, as an `Error` with `name`,
/// `code` and `path` (empty for the whole value).
pub fn decoding(resource: &str, error: &DecodeError) -> JsValue {
    let message = format!("{resource} does not decode: {error}");
    with_path(failure(DECODE_NAME, error.code(), &message), &error.path)
}

/// Bytes that are not UTF-8, so not JSON text: `invalid_json`, as the core says of
/// text that is not JSON.
pub fn not_utf8(resource: &str, offset: usize) -> JsValue {
    let message =
        format!("{resource} does not decode: invalid JSON: expected UTF-8 text at byte {offset}");
    with_path(failure(DECODE_NAME, "invalid_json", &message), "")
}

/// A refused search query, as an `Error` with `name`, `code`, `start`, `end` and
/// `expected`.
pub fn search(error: &SearchError) -> JsValue {
    let value = failure(SEARCH_NAME, error.code.as_str(), &error.to_string());
    let set = |name: &str, field: JsValue| {
        // Setting a property on a fresh Error cannot fail.
        let _ = Reflect::set(&value, &JsValue::from_str(name), &field);
    };
    set("start", (error.span.start as f64).into());
    set("end", (error.span.end as f64).into());
    set("expected", error.expected.as_str().into());
    value
}

/// A resource name without a model in this build.
pub fn unknown_resource(resource: &str) -> JsValue {
    let message = format!(
        "no model of the resource `{resource}` in this build: decode takes a resource name of \
         Stripe's fixtures, such as `invoice`, `reporting.report_run` or `v2.core.event`; the \
         `Resources` type in stripe-edge's index.d.ts lists every name the package has a model of"
    );
    with_path(failure(DECODE_NAME, "unknown_resource", &message), "")
}

/// A payload that is not the raw body: stripe-node's message for a parsed object.
pub fn payload_not_raw() -> JsValue {
    failure(
        NAME,
        "payload_not_raw",
        "Webhook payload must be provided as a string or a Buffer (https://nodejs.org/api/buffer.html) \
         instance representing the _raw_ request body. Payload was provided as a parsed JavaScript \
         object instead. Signature verification is impossible without access to the original \
         signed material.\nLearn more about webhook signing at https://docs.stripe.com/webhooks/signature",
    )
}

/// A request the core would not build, as an `Error` named `StripeRequestError` with
/// `code` and `param`, which the JS client raises as `StripeInvalidRequestError`.
pub fn request(error: &stripe_edge::api::RequestError) -> JsValue {
    let value = failure("StripeRequestError", error.code(), &error.to_string());
    let param = error.param().map_or(JsValue::NULL, JsValue::from_str);
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(&value, &JsValue::from_str("param"), &param);
    value
}

/// A page that is not the shape its style promises.
pub fn page(message: &str) -> JsValue {
    failure("StripeRequestError", "invalid_page", message)
}

/// An argument of the wrong type.
pub fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A number out of range.
pub fn range_error(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}

fn failure(name: &str, code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

fn with_path(error: JsValue, path: &str) -> JsValue {
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("path"), &JsValue::from_str(path));
    error
}
