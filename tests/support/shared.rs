//! The reference folder `../shared` (beside the checkout) as the Rust tests and benches
//! read it: Stripe's fixtures and seed examples. One that reads it fails with the file's
//! path and a line saying the folder must be there when it is absent.
// Each test or bench crate that includes this module uses part of it.
#![allow(dead_code)]

use std::sync::OnceLock;

use serde_json::Value;

/// The JSON file at `path` under `../shared`.
pub fn read(path: &str) -> Value {
    let full = format!("{}/../shared/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| {
        panic!("{full} could not be read ({e}): this test needs the shared reference folder ../shared beside the checkout")
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full} is not JSON: {e}"))
}

/// Stripe's example of `resource` (`stripe-openapi/fixtures3.json`; the v2 event from
/// `fixtures/seed-examples.json`), with `changes` made to it: answers that the call
/// machines' model checks take.
pub fn example(resource: &str, changes: Value) -> Value {
    static FIXTURES: OnceLock<(Value, Value)> = OnceLock::new();
    let (fixtures, seeds) = FIXTURES.get_or_init(|| {
        (
            read("stripe-openapi/fixtures3.json"),
            read("fixtures/seed-examples.json"),
        )
    });
    let mut value = match resource {
        "v2.core.event" => seeds["v2_core_event_retrieve"].clone(),
        name => fixtures["resources"][name].clone(),
    };
    assert!(value.is_object(), "no example of {resource}");
    for (key, change) in changes.as_object().unwrap() {
        value[key] = change.clone();
    }
    value
}
