//! The one boundary where the core's errors become JavaScript errors: each is
//! constructed here as its real class from the package's `js/errors.js` (all under
//! `StripeError`), with its fields, so `instanceof` holds wherever it is caught. Misuse
//! of an argument is a `TypeError` or `RangeError`.

#![cfg_attr(
    not(all(
        feature = "testing",
        feature = "decode",
        feature = "search",
        feature = "client"
    )),
    allow(dead_code)
)]
// Each capability's wasm is built with its feature alone and uses only its own errors;
// what the others use is left out of that build.

#[cfg(any(feature = "decode", feature = "search", feature = "client"))]
use alloc::format;
#[cfg(any(feature = "search", feature = "client"))]
use alloc::string::ToString;

#[cfg(feature = "client")]
use stripe_edge::api::call::CallError;
#[cfg(feature = "client")]
use stripe_edge::api::{ApiError, Failure, RequestError};
#[cfg(any(feature = "decode", feature = "client"))]
use stripe_edge::resources::DecodeError;
#[cfg(feature = "search")]
use stripe_edge::search::SearchError;
#[cfg(feature = "testing")]
use stripe_edge::webhook::WebhookError;
use wasm_bindgen::prelude::*;

use js_sys::{Object, Reflect};

/// The classes of `js/errors.js`, each imported with its constructor
/// `(message, fields)`.
macro_rules! classes {
    ($($class:ident),*) => {
        #[wasm_bindgen(module = "/../js/errors.js")]
        extern "C" {
            $(
                type $class;
                #[wasm_bindgen(constructor)]
                fn new(message: &str, fields: &Object) -> $class;
            )*
        }
    };
}

classes!(
    StripeError,
    StripeInvalidRequestError,
    StripeCardError,
    StripeAPIError,
    StripeAuthenticationError,
    StripePermissionError,
    StripeRateLimitError,
    StripeIdempotencyError,
    StripeConnectionError,
    StripeReportRunFailedError,
    StripeSignatureVerificationError,
    StripeDecodeError,
    StripeSearchError
);

/// An error's fields, set one by one on a fresh object.
struct Fields(Object);

impl Fields {
    fn new() -> Self {
        Self(Object::new())
    }

    fn set(self, name: &str, value: impl Into<JsValue>) -> Self {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&self.0, &JsValue::from_str(name), &value.into());
        self
    }

    fn text(self, name: &str, value: Option<&str>) -> Self {
        let value = value.map_or(JsValue::NULL, JsValue::from_str);
        self.set(name, value)
    }
}

#[cfg(feature = "testing")]
/// A refused webhook: `StripeSignatureVerificationError` with `code`.
pub fn verification(error: WebhookError) -> JsValue {
    let fields = Fields::new().set("code", error.code());
    StripeSignatureVerificationError::new(&error.message(), &fields.0).into()
}

#[cfg(any(feature = "decode", feature = "client"))]
/// A value that does not fit the model of `resource`: `StripeDecodeError` with
/// `code`, `path` and `resource`.
pub fn decoding(resource: &str, error: &DecodeError) -> JsValue {
    let message = format!("{resource} does not decode: {error}");
    decode_error(&message, error.code(), &error.path, resource)
}

#[cfg(any(feature = "decode", feature = "search"))]
/// Bytes that are not UTF-8, so not JSON text: `invalid_json`, as the core says of
/// text that is not JSON.
pub fn not_utf8(resource: &str, offset: usize) -> JsValue {
    let message =
        format!("{resource} does not decode: invalid JSON: expected UTF-8 text at byte {offset}");
    decode_error(&message, "invalid_json", "", resource)
}

#[cfg(feature = "decode")]
/// A resource name without a model in this build.
pub fn unknown_resource(resource: &str) -> JsValue {
    let message = format!(
        "no model of the resource `{resource}` in this build: decode takes a resource name of \
         Stripe's fixtures, such as `invoice`, `reporting.report_run` or `v2.core.event`; the \
         `Resources` type in stripe-edge's index.d.ts lists every name the package has a model of"
    );
    decode_error(&message, "unknown_resource", "", resource)
}

#[cfg(any(feature = "decode", feature = "search", feature = "client"))]
fn decode_error(message: &str, code: &str, path: &str, resource: &str) -> JsValue {
    let fields = Fields::new()
        .set("code", code)
        .set("path", path)
        .set("resource", resource);
    StripeDecodeError::new(message, &fields.0).into()
}

#[cfg(feature = "search")]
/// A refused search query: `StripeSearchError` with `code`, `start`, `end` and
/// `expected`.
pub fn search(error: &SearchError) -> JsValue {
    let fields = Fields::new()
        .set("code", error.code.as_str())
        .set("start", error.span.start as f64)
        .set("end", error.span.end as f64)
        .set("expected", error.expected.as_str());
    StripeSearchError::new(&error.to_string(), &fields.0).into()
}

#[cfg(feature = "client")]
/// A request the core would not build: `StripeInvalidRequestError` with `code` and
/// `param`, found before anything was sent.
pub fn request(error: &RequestError) -> JsValue {
    let fields = Fields::new()
        .set("type", "invalid_request_error")
        .set("code", error.code())
        .text("param", error.param());
    StripeInvalidRequestError::new(&error.to_string(), &fields.0).into()
}

#[cfg(feature = "client")]
/// A call that failed, as the class stripe-node would raise for it.
pub fn call(error: &CallError) -> JsValue {
    let message = error.to_string();
    match error {
        CallError::Answer(Failure::Api(api)) => stripe(api),
        CallError::Answer(Failure::Decode { resource, error }) => {
            let message = format!("Stripe's answer does not fit the model of {resource}: {error}");
            decode_error(&message, error.code(), &error.path, resource)
        }
        CallError::Page(_) => decode_error(&message, "invalid_page", "", "page"),
        CallError::File(_) => decode_error(&message, "invalid_file", "", "file"),
        CallError::Request(error) => request(error),
        CallError::Connection { .. } => {
            let fields = Fields::new().set("type", "api_connection_error");
            StripeConnectionError::new(&message, &fields.0).into()
        }
        CallError::RunFailed { status, run, .. } => {
            let run = js_sys::JSON::parse(run).unwrap_or(JsValue::NULL);
            let fields = Fields::new().set("code", status.as_str()).set("run", run);
            StripeReportRunFailedError::new(&message, &fields.0).into()
        }
        CallError::StillPending { .. } => {
            StripeError::new(&message, &Fields::new().set("code", "still_pending").0).into()
        }
        _ => StripeError::new(&message, &Fields::new().set("code", "out_of_order").0).into(),
    }
}

#[cfg(feature = "client")]
/// Stripe's error answer, as the class stripe-node 23 chooses for it.
fn stripe(error: &ApiError) -> JsValue {
    let fields = Fields::new()
        .set("type", error.type_.as_str())
        .text("code", error.code.as_deref())
        .text("param", error.param.as_deref())
        .text("decline_code", error.decline_code.as_deref())
        .text("doc_url", error.doc_url.as_deref())
        .set("statusCode", f64::from(error.status))
        .text("requestId", error.request_id.as_deref());
    let (message, fields) = (error.message.as_str(), &fields.0);
    match error.class() {
        "StripeRateLimitError" => StripeRateLimitError::new(message, fields).into(),
        "StripeIdempotencyError" => StripeIdempotencyError::new(message, fields).into(),
        "StripeInvalidRequestError" => StripeInvalidRequestError::new(message, fields).into(),
        "StripeAuthenticationError" => StripeAuthenticationError::new(message, fields).into(),
        "StripeCardError" => StripeCardError::new(message, fields).into(),
        "StripePermissionError" => StripePermissionError::new(message, fields).into(),
        _ => StripeAPIError::new(message, fields).into(),
    }
}

/// An argument of the wrong type.
pub fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A number out of range.
pub fn range_error(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}
