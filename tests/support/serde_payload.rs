//! A payload parsed by serde_json, as the webhook envelope rules read it: another parser
//! standing in for the npm package's `JSON.parse` (`webhook::check_parsed_envelope`).
//! Shared by tests/webhook_behaviour.rs and the fuzz target `webhook_envelope`.

use serde_json::Value;
use stripe_edge::webhook::{ParsedPayload, Shape};

/// serde_json's value of a payload.
pub struct Parsed<'a>(pub &'a Value);

impl Parsed<'_> {
    fn at(&self, path: &[&str]) -> Option<&Value> {
        path.iter().try_fold(self.0, |value, key| value.get(key))
    }
}

impl ParsedPayload for Parsed<'_> {
    fn shape(&self, path: &[&'static str]) -> Shape {
        match self.at(path) {
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
        self.at(path).and_then(Value::as_str) == Some(text)
    }
}
