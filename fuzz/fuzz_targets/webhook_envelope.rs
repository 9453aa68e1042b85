//! The envelope rules read through the core's own JSON reader (`check_envelope`) and
//! through another parser's value (`check_parsed_envelope`, as the npm package reads
//! `JSON.parse`'s object) must give the same verdict and error on any payload that
//! parser takes: serde_json stands in for the host's parser here. serde_json reads `-0`
//! as the float -0.0, where the core's reader and `JSON.parse` see the integer 0:
//! payloads with a negative zero are left out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use stripe_edge::webhook::{self, EventKind, ParsedPayload, Shape};

/// A payload serde_json parsed, as the envelope rules read it.
struct Parsed(Value);

impl ParsedPayload for Parsed {
    fn shape(&self, path: &[&'static str]) -> Shape {
        match path.iter().try_fold(&self.0, |value, key| value.get(key)) {
            None => Shape::Absent,
            Some(Value::Null) => Shape::Null,
            Some(Value::String(_)) => Shape::Text,
            Some(Value::Number(n)) if n.as_i64().is_some() => Shape::Integer,
            Some(Value::Bool(_)) => Shape::Bool,
            Some(Value::Object(_)) => Shape::Object,
            Some(_) => Shape::Other,
        }
    }

    fn is_text(&self, path: &[&'static str], text: &str) -> bool {
        path.iter()
            .try_fold(&self.0, |value, key| value.get(key))
            .and_then(Value::as_str)
            == Some(text)
    }
}

/// Whether `value` holds serde_json's reading of `-0` anywhere.
fn has_negative_zero(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()),
        Value::Array(items) => items.iter().any(has_negative_zero),
        Value::Object(map) => map.values().any(has_negative_zero),
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    if has_negative_zero(&value) {
        return;
    }
    let parsed = Parsed(value);
    for kind in [EventKind::Snapshot, EventKind::Notification] {
        assert_eq!(
            webhook::check_parsed_envelope(&parsed, kind),
            webhook::check_envelope(data, kind),
            "{kind:?}"
        );
    }
});
