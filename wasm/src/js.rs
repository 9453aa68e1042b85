//! The few JavaScript built-ins that the webhook functions and the errors use, imported
//! here rather than from js-sys: linking js-sys brings its thousands of declarations'
//! descriptors, whose closure shims the wasm-bindgen CLI leaves in the module's table
//! (about 3 KB of the webhook wasm, which needs none of them).

use alloc::vec;
use alloc::vec::Vec;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A plain object.
    #[wasm_bindgen(js_name = Object)]
    pub type Object;

    /// `{}`.
    #[wasm_bindgen(constructor, js_class = "Object")]
    pub fn new() -> Object;

    /// `Reflect.get(target, key)`: a getter may throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    pub fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.set(target, key, value)`: a setter may throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set, catch)]
    pub fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;

    /// A JavaScript string.
    #[wasm_bindgen(is_type_of = JsValue::is_string, js_name = String)]
    pub type JsString;

    /// Its length in UTF-16 units.
    #[wasm_bindgen(method, getter, js_name = length)]
    pub fn length(this: &JsString) -> u32;

    /// An `ArrayBuffer`.
    pub type ArrayBuffer;

    /// A `Uint8Array` (Node's `Buffer` is one).
    #[derive(Clone)]
    pub type Uint8Array;

    /// A view of all of `buffer`.
    #[wasm_bindgen(constructor, js_class = "Uint8Array")]
    pub fn new(buffer: &ArrayBuffer) -> Uint8Array;

    /// Its length in bytes.
    #[wasm_bindgen(method, getter, js_name = length)]
    pub fn length(this: &Uint8Array) -> u32;

    /// `Uint8Array.prototype.set.call(slice, this)`: copies `this` into `slice`, which
    /// must be as long.
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = "prototype.set.call")]
    fn copy_to_slice(slice: &mut [u8], this: &Uint8Array);

    /// A JavaScript array.
    pub type Array;

    /// `Array.isArray(value)`.
    #[wasm_bindgen(static_method_of = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> bool;

    /// Its length.
    #[wasm_bindgen(method, getter, js_name = length)]
    pub fn length(this: &Array) -> u32;

    /// `this[index]`.
    #[wasm_bindgen(method, indexing_getter)]
    pub fn get(this: &Array, index: u32) -> JsValue;

    /// `Date.now()`: milliseconds since the epoch.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    pub fn date_now() -> f64;

    /// `new Error(message)`.
    #[wasm_bindgen(js_name = Error)]
    pub type Error;

    /// An `Error` with `message`.
    #[wasm_bindgen(constructor, js_class = "Error")]
    pub fn new(message: &str) -> Error;

    /// `new TypeError(message)`.
    #[wasm_bindgen(js_name = TypeError)]
    pub type TypeError;

    /// A `TypeError` with `message`.
    #[wasm_bindgen(constructor, js_class = "TypeError")]
    pub fn new(message: &str) -> TypeError;

    /// `new RangeError(message)`.
    #[wasm_bindgen(js_name = RangeError)]
    pub type RangeError;

    /// A `RangeError` with `message`.
    #[wasm_bindgen(constructor, js_class = "RangeError")]
    pub fn new(message: &str) -> RangeError;
}

impl Uint8Array {
    /// A copy of its bytes in wasm memory.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut bytes = vec![0; self.length() as usize];
        Uint8Array::copy_to_slice(&mut bytes, self);
        bytes
    }
}

impl Array {
    /// Its elements, from index 0 to its length.
    pub fn iter(&self) -> impl Iterator<Item = JsValue> + '_ {
        (0..self.length()).map(|index| self.get(index))
    }
}
