//! The reference folder `../shared` (beside the checkout) as the Rust tests and benches
//! read it: Stripe's fixtures and seed examples. One that reads it fails with the file's
//! path and a line saying the folder must be there when it is absent.
// Each test or bench crate that includes this module uses part of it.
#![allow(dead_code)]

use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The JSON file at `path` under `../shared`.
pub fn read(path: &str) -> Value {
    let full = format!("{}/../shared/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| {
        panic!("{full} could not be read ({e}): this test needs the shared reference folder ../shared beside the checkout")
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full} is not JSON: {e}"))
}

/// Stripe's examples of its resources by name (`stripe-openapi/fixtures3.json`), read once.
pub fn fixtures() -> &'static Map<String, Value> {
    static FIXTURES: OnceLock<Map<String, Value>> = OnceLock::new();
    FIXTURES.get_or_init(
        || match read("stripe-openapi/fixtures3.json")["resources"].take() {
            Value::Object(resources) => resources,
            _ => panic!("fixtures3.json has no resources"),
        },
    )
}

/// Stripe's example of resource `name`.
pub fn fixture(name: &str) -> Value {
    fixtures()
        .get(name)
        .unwrap_or_else(|| panic!("fixtures3.json has no {name}"))
        .clone()
}

/// The seed example `key` (`fixtures/seed-examples.json`, read once).
pub fn seed(key: &str) -> Value {
    static SEEDS: OnceLock<Value> = OnceLock::new();
    SEEDS
        .get_or_init(|| read("fixtures/seed-examples.json"))
        .get(key)
        .unwrap_or_else(|| panic!("seed-examples.json has no {key}"))
        .clone()
}

/// Stripe's example of `resource` (the v2 event from the seed examples), with `changes`
/// made to it: answers that the call machines' model checks take.
pub fn example(resource: &str, changes: Value) -> Value {
    let mut value = match resource {
        "v2.core.event" => seed("v2_core_event_retrieve"),
        name => fixture(name),
    };
    assert!(value.is_object(), "no example of {resource}");
    for (key, change) in changes.as_object().unwrap() {
        value[key] = change.clone();
    }
    value
}
