//! The JavaScript errors the bindings throw: verification failures carry the core's
//! stable `code`; misuse of the API is a `TypeError` or `RangeError`.

use alloc::string::ToString;

use js_sys::Reflect;
use stripe_edge::webhook::WebhookError;
use wasm_bindgen::JsValue;

/// The `name` the JS layer recognises and turns into `StripeSignatureVerificationError`.
const NAME: &str = "StripeSignatureVerificationError";

/// A refused webhook, as an `Error` with `name` and `code`.
pub fn verification(error: WebhookError) -> JsValue {
    failure(error.code(), &error.to_string())
}

/// A payload that is not the raw body: stripe-node's message for a parsed object.
pub fn payload_not_raw() -> JsValue {
    failure(
        "payload_not_raw",
        "Webhook payload must be provided as a string or a Buffer (https://nodejs.org/api/buffer.html) \
         instance representing the _raw_ request body. Payload was provided as a parsed JavaScript \
         object instead. Signature verification is impossible without access to the original \
         signed material.\nLearn more about webhook signing at https://docs.stripe.com/webhooks/signature",
    )
}

/// An argument of the wrong type.
pub fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A number out of range.
pub fn range_error(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}

fn failure(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(NAME);
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}
