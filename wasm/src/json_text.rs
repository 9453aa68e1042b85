//! The JSON that `decode` and `matchesSearchQuery` take: text, its UTF-8 bytes, or a
//! parsed value.

use alloc::string::String;

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::errors;

/// The JSON text `decode` reads, and whether the caller gave it already parsed.
#[cfg_attr(not(feature = "decode"), allow(dead_code))]
pub struct JsonText {
    text: String,
    parsed: bool,
}

impl JsonText {
    /// Reads a string, its UTF-8 bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`), or any
    /// other value written as JSON by `JSON.stringify` (a parsed object); `null` and
    /// `undefined` are a `TypeError`, bytes that are not UTF-8 invalid JSON for
    /// `resource`.
    pub fn from_js(value: &JsValue, resource: &str) -> Result<Self, JsValue> {
        if let Some(text) = value.as_string() {
            return Ok(Self {
                text,
                parsed: false,
            });
        }
        let bytes = if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
            bytes.to_vec()
        } else if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
            Uint8Array::new(buffer).to_vec()
        } else if value.is_null_or_undefined() {
            return Err(errors::type_error(
                "decode takes the JSON as a string, a Uint8Array or a parsed object",
            ));
        } else {
            // Throws a TypeError for a cycle or a BigInt; gives undefined for a function.
            return json_stringify(value)?
                .as_string()
                .map(|text| Self { text, parsed: true })
                .ok_or_else(|| errors::type_error("decode: the value cannot be written as JSON"));
        };
        String::from_utf8(bytes)
            .map(|text| Self {
                text,
                parsed: false,
            })
            .map_err(|error| errors::not_utf8(resource, error.utf8_error().valid_up_to()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the caller gave a parsed value rather than text or bytes.
    #[cfg(feature = "decode")]
    pub fn is_parsed(&self) -> bool {
        self.parsed
    }
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.stringify`: a string, or `undefined` for a value JSON cannot hold.
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}
