//! The JSON reader against serde_json, on any text: the same verdict, and the same
//! value (walked through the public `RawJson` API) wherever serde_json can build one;
//! and the webhook envelope's reading of the top two levels (`Document`) agreeing with
//! serde_json on the verdict and on ids, types and times.
//!
//! The verdict is serde_json's on the syntax alone (reading into `IgnoredAny`), which
//! is what our reader checks: a lone surrogate escape (`"\ud800"`) and a number beyond
//! the f64 range (`1e400`) are valid syntax there as in `JSON.parse`, though serde_json
//! cannot turn them into a `Value` (nor we into text or an f64: those values are not
//! compared). The one difference, for which the verdict is not compared: nesting has no
//! depth limit here, and serde_json stops at 128 levels. Duplicate keys are not a
//! difference: both take the last one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::de::IgnoredAny;
use serde_json::{Map, Number, Value};
use stripe_edge::RawJson;
use stripe_edge::resources::{self, JsonKind, Problem, RawValue};
use stripe_edge::webhook::{self, Delivery, VerifyOptions, WebhookError};

const SECRET: &str = "whsec_fuzz";

/// serde_json's verdict on the syntax of `text`, or `None` past its nesting limit.
fn serde_syntax(text: &str) -> Option<bool> {
    match serde_json::from_str::<IgnoredAny>(text) {
        Ok(_) => Some(true),
        Err(error) if error.to_string().contains("recursion limit") => None,
        Err(_) => Some(false),
    }
}

/// Our reading of a value as serde_json's `Value`; `None` when it holds a string that is
/// not text (a lone surrogate) or a number beyond f64, which serde_json cannot hold.
fn to_value(raw: RawJson<'_>) -> Option<Value> {
    Some(match raw.kind() {
        JsonKind::Null => Value::Null,
        JsonKind::Bool => Value::Bool(raw.as_bool().expect("a boolean reads as one")),
        JsonKind::String => Value::String(raw.as_str()?.into_owned()),
        JsonKind::Number => Value::Number(number(raw.get())?),
        JsonKind::Array => Value::Array(
            raw.elements()
                .expect("an array")
                .map(to_value)
                .collect::<Option<_>>()?,
        ),
        JsonKind::Object => {
            let mut map = Map::new();
            for (key, member) in raw.members().expect("an object") {
                map.insert(key.into_owned(), to_value(member)?);
            }
            Value::Object(map)
        }
    })
}

/// A number as serde_json keeps it: an i64 or u64 when it is an integer that fits
/// (but `-0`, which it keeps as the float -0.0), otherwise the nearest f64.
fn number(text: &str) -> Option<Number> {
    let integer = !text.contains(['.', 'e', 'E']);
    if integer && text.starts_with('-') && text.bytes().skip(1).all(|b| b == b'0') {
        return Number::from_f64(-0.0);
    }
    if integer {
        if let Ok(n) = text.parse::<i64>() {
            return Some(n.into());
        }
        if let Ok(n) = text.parse::<u64>() {
            return Some(n.into());
        }
    }
    Number::from_f64(text.parse::<f64>().ok().filter(|f| f.is_finite())?)
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = core::str::from_utf8(data) {
        let ours = resources::decode::<RawValue>(text);
        match serde_syntax(text) {
            None => {}
            Some(false) => assert!(
                matches!(&ours, Err(error) if matches!(error.problem, Problem::Syntax(_))),
                "serde_json refuses, we read {ours:?}: {text:?}"
            ),
            Some(true) => {
                let raw =
                    ours.unwrap_or_else(|e| panic!("serde_json reads, we refuse ({e}): {text:?}"));
                assert_eq!(raw.get(), text.trim_matches([' ', '\t', '\n', '\r']));
                if let Ok(value) = serde_json::from_str::<Value>(text) {
                    assert_eq!(to_value(raw.json()), Some(value), "{text:?}");
                }
            }
        }
    }
    envelope(data);
});

/// The webhook envelope on the same bytes, correctly signed: invalid JSON exactly when
/// serde_json says so (or the bytes are not UTF-8), and the envelope fields it reads
/// equal to serde_json's.
fn envelope(data: &[u8]) {
    if data.is_empty() {
        return;
    }
    let header = webhook::generate_test_header(data, &[SECRET], 0);
    let options = VerifyOptions::default()
        .ignore_tolerance()
        .max_payload_bytes(usize::MAX);
    let delivery = webhook::construct_delivery(data, &header, &[SECRET], 0, &options);
    let syntax = match core::str::from_utf8(data) {
        Ok(text) => serde_syntax(text),
        // The envelope must be UTF-8 text as a whole.
        Err(_) => Some(false),
    };
    match syntax {
        None => {}
        Some(false) => assert!(
            matches!(delivery, Err(WebhookError::InvalidJson { .. })),
            "serde_json refuses, the envelope reads {delivery:?}"
        ),
        Some(true) => assert!(
            !matches!(delivery, Err(WebhookError::InvalidJson { .. })),
            "serde_json reads it, the envelope refuses: {delivery:?}"
        ),
    }
    let Ok(Ok(value)) = core::str::from_utf8(data).map(serde_json::from_str::<Value>) else {
        return;
    };
    match delivery {
        Ok(Delivery::Event(event)) => {
            assert_eq!(value["object"], "event");
            assert_eq!(Some(event.id.as_ref()), value["id"].as_str());
            assert_eq!(event.type_.as_deref(), value["type"].as_str());
            match (event.created, value["created"].as_i64()) {
                // `-0`: an integer to us, the float -0.0 to serde_json.
                (Some(0), None) => assert_eq!(value["created"].as_f64(), Some(0.0)),
                (ours, theirs) => assert_eq!(ours, theirs),
            }
            assert_eq!(event.livemode, value["livemode"].as_bool());
            if let Some(data) = event.data {
                let object: Value = serde_json::from_str(data.object.get()).unwrap();
                assert_eq!(object, value["data"]["object"]);
            }
        }
        Ok(Delivery::Notification(event)) => {
            assert_eq!(value["object"], "v2.core.event");
            assert_eq!(Some(event.id.as_ref()), value["id"].as_str());
            assert_eq!(Some(event.type_.as_ref()), value["type"].as_str());
            assert_eq!(Some(event.created.as_ref()), value["created"].as_str());
            assert_eq!(Some(event.livemode), value["livemode"].as_bool());
        }
        Err(_) => {}
    }
}
