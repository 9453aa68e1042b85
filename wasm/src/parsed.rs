//! The event as the host's `JSON.parse` built it, read by the core's envelope rules
//! (`webhook::check_parsed_envelope`), so that a payload is parsed once, by the host.

use stripe_edge::webhook::{ParsedPayload, Shape};
use wasm_bindgen::JsValue;

use crate::js;

/// A value `JSON.parse` returned: plain objects, arrays, strings, numbers, booleans and
/// `null`, without getters.
pub struct Parsed<'a>(pub &'a JsValue);

impl Parsed<'_> {
    /// The value at `path`, `undefined` when a step is missing or not an object.
    fn at(&self, path: &[&str]) -> JsValue {
        path.iter().fold(self.0.clone(), |value, key| {
            if !value.is_object() {
                return JsValue::UNDEFINED;
            }
            js::reflect_get(&value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        })
    }
}

impl ParsedPayload for Parsed<'_> {
    fn shape(&self, path: &[&str]) -> Shape {
        let value = self.at(path);
        if value.is_undefined() {
            Shape::Absent
        } else if value.is_null() {
            Shape::Null
        } else if value.is_string() {
            Shape::Text
        } else if let Some(number) = value.as_f64() {
            // In range, a cast to i64 and back is exact for whole numbers only.
            const LIMIT: f64 = 9_223_372_036_854_775_808.0;
            if (-LIMIT..LIMIT).contains(&number) && (number as i64) as f64 == number {
                Shape::Integer
            } else {
                Shape::Other
            }
        } else if value.as_bool().is_some() {
            Shape::Bool
        } else if value.is_object() && !js::Array::is_array(&value) {
            Shape::Object
        } else {
            Shape::Other
        }
    }

    fn is_text(&self, path: &[&str], text: &str) -> bool {
        self.at(path).as_string().is_some_and(|value| value == text)
    }
}
