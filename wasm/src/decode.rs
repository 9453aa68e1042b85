//! `decode`: checks a Stripe object against the model of its resource.

use stripe_edge::resources;
use wasm_bindgen::prelude::*;

use crate::errors;
use crate::json_text::JsonText;

/// Checks `json` (text, UTF-8 bytes or a parsed value) against the model of the
/// resource `resource` and returns the value, parsed: a parsed value as given, since
/// it fits. A value that does not fit throws an error named `StripeDecodeError` with
/// the core's `code` and the `path` of the field.
#[wasm_bindgen(js_name = decode, skip_typescript)]
pub fn decode(resource: JsValue, json: JsValue) -> Result<JsValue, JsValue> {
    let resource = resource.as_string().ok_or_else(|| {
        errors::type_error("decode takes a resource name, such as 'invoice', as a string")
    })?;
    let text = JsonText::from_js(&json, &resource)?;
    match resources::validate_resource(&resource, text.as_str()) {
        Some(Ok(())) if text.is_parsed() => Ok(json),
        Some(Ok(())) => js_sys::JSON::parse(text.as_str()),
        Some(Err(error)) => Err(errors::decoding(&resource, &error)),
        None => Err(errors::unknown_resource(&resource)),
    }
}
