//! The event as the host's `JSON.parse` built it, which the JavaScript side holds while
//! the core's envelope rules (`webhook::check_parsed_envelope`) read it through these
//! imports: the payload is parsed once, by the host.

use stripe_edge::webhook::{ParsedPayload, Shape};

#[link(wasm_import_module = "host")]
unsafe extern "C" {
    /// What the value at a path of up to two keys is (`depth` of them; the others'
    /// lengths are 0): the index of its [`Shape`] in [`SHAPES`].
    safe fn shape(
        depth: usize,
        key: *const u8,
        key_len: usize,
        nested: *const u8,
        nested_len: usize,
    ) -> u32;

    /// Whether the value at the path is the string of the `text_len` bytes at `text`:
    /// 0 when not.
    safe fn is_text(
        depth: usize,
        key: *const u8,
        key_len: usize,
        nested: *const u8,
        nested_len: usize,
        text: *const u8,
        text_len: usize,
    ) -> u32;
}

/// The shapes, in the order of the indexes the host answers (`js/webhooks-core.js`).
const SHAPES: [Shape; 7] = [
    Shape::Absent,
    Shape::Null,
    Shape::Text,
    Shape::Integer,
    Shape::Bool,
    Shape::Object,
    Shape::Other,
];

/// The parsed event the JavaScript side holds.
pub struct Parsed;

/// A path of up to two keys as the imports take it: its depth, then each key's address
/// and length.
fn keys(path: &[&'static str]) -> (usize, *const u8, usize, *const u8, usize) {
    let key = |index: usize| {
        path.get(index)
            .map_or((core::ptr::null(), 0), |key| (key.as_ptr(), key.len()))
    };
    let ((first, first_len), (second, second_len)) = (key(0), key(1));
    (path.len().min(2), first, first_len, second, second_len)
}

impl ParsedPayload for Parsed {
    fn shape(&self, path: &[&'static str]) -> Shape {
        let (depth, key, key_len, nested, nested_len) = keys(path);
        let index = shape(depth, key, key_len, nested, nested_len);
        SHAPES.get(index as usize).copied().unwrap_or(Shape::Other)
    }

    fn is_text(&self, path: &[&'static str], text: &str) -> bool {
        let (depth, key, key_len, nested, nested_len) = keys(path);
        is_text(
            depth,
            key,
            key_len,
            nested,
            nested_len,
            text.as_ptr(),
            text.len(),
        ) != 0
    }
}
