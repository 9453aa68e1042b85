//! The envelope rules read through the core's own JSON reader (`check_envelope`) and
//! through another parser's value (`check_parsed_envelope`, as the npm package reads
//! `JSON.parse`'s object) must give the same verdict and error on any payload that
//! parser takes: serde_json stands in for the host's parser here. serde_json reads `-0`
//! as the float -0.0, where the core's reader and `JSON.parse` see the integer 0:
//! payloads with a negative zero are left out.
#![no_main]

#[path = "../../tests/support/serde_payload.rs"]
mod serde_payload;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use serde_payload::Parsed;
use stripe_edge::webhook::{self, EventKind};

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
    let parsed = Parsed(&value);
    for kind in [EventKind::Snapshot, EventKind::Notification] {
        assert_eq!(
            webhook::check_parsed_envelope(&parsed, kind),
            webhook::check_envelope(data, kind),
            "{kind:?}"
        );
    }
});
