//! The event as the host's `JSON.parse` built it, read by the core's envelope rules
//! (`webhook::check_parsed_envelope`), so that a payload is parsed once, by the host.

use alloc::vec::Vec;
use core::cell::RefCell;

use stripe_edge::webhook::{ParsedPayload, Shape};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::js;

#[wasm_bindgen]
extern "C" {
    /// An object `JSON.parse` made: its fields have no getters, so reading one cannot
    /// throw.
    #[wasm_bindgen(js_name = Object)]
    type JsonObject;

    /// `this[key]`.
    #[wasm_bindgen(method, indexing_getter)]
    fn get(this: &JsonObject, key: &JsValue) -> JsValue;
}

/// The keys the rules have asked for, as JavaScript strings, made once: turning a key's
/// UTF-8 into a JavaScript string costs more than reading the field with it, and the
/// rules ask for the same dozen keys on every call.
struct Keys(RefCell<Vec<(&'static str, JsValue)>>);

// SAFETY: a wasm module without threads (no `atomics` target feature) runs on one thread.
unsafe impl Sync for Keys {}

static KEYS: Keys = Keys(RefCell::new(Vec::new()));

/// `object[name]`, with `name` as a JavaScript string made once (see [`KEYS`]).
fn field(object: &JsValue, name: &'static str) -> JsValue {
    let mut keys = KEYS.0.borrow_mut();
    if let Some((_, key)) = keys.iter().find(|(known, _)| *known == name) {
        return object.unchecked_ref::<JsonObject>().get(key);
    }
    let key = JsValue::from_str(name);
    let value = object.unchecked_ref::<JsonObject>().get(&key);
    keys.push((name, key));
    value
}

/// A value `JSON.parse` returned: plain objects, arrays, strings, numbers, booleans and
/// `null`, without getters.
pub struct Parsed<'a>(pub &'a JsValue);

impl Parsed<'_> {
    /// The value at `path`, `undefined` when a step is missing or not an object.
    fn at(&self, path: &[&'static str]) -> JsValue {
        let mut value: Option<JsValue> = None;
        for &name in path {
            let parent = value.as_ref().unwrap_or(self.0);
            if !parent.is_object() {
                return JsValue::UNDEFINED;
            }
            value = Some(field(parent, name));
        }
        value.unwrap_or_else(|| self.0.clone())
    }
}

impl ParsedPayload for Parsed<'_> {
    fn shape(&self, path: &[&'static str]) -> Shape {
        // Most envelope fields are strings: asked first, they cost one call into JavaScript.
        let value = self.at(path);
        if value.is_string() {
            Shape::Text
        } else if value.is_undefined() {
            Shape::Absent
        } else if value.is_null() {
            Shape::Null
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

    fn is_text(&self, path: &[&'static str], text: &str) -> bool {
        self.at(path).as_string().is_some_and(|value| value == text)
    }
}
