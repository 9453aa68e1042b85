//! Decodes every object of a fixtures file (shaped like Stripe's `fixtures3.json`:
//! `{"resources": {name: object}}`) into the model its `object` field names, encodes
//! it again, and says whether the result is the same JSON value.
//!
//! `cargo run --release --example roundtrip --features full -- FILE`
//!
//! Prints one JSON line per resource, `{"resource", "decoded", "lossless", "error"?}`,
//! then `N decoded, N lossless, N without model, N failed`.

use std::process::ExitCode;

use serde_json::{Value, json};
use stripe_edge::resources;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: roundtrip FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let resources = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(mut root)) => match root.remove("resources") {
            Some(Value::Object(resources)) => resources,
            _ => return usage_error(&path, "has no \"resources\" object"),
        },
        Ok(_) => return usage_error(&path, "is not a JSON object"),
        Err(error) => return usage_error(&path, &format!("is not JSON: {error}")),
    };
    let (mut decoded, mut lossless, mut without_model, mut failed) = (0, 0, 0, 0);
    for (name, object) in &resources {
        let outcome = roundtrip(object);
        let mut line = json!({
            "resource": name,
            "decoded": outcome.is_ok(),
            "lossless": outcome == Ok(true),
        });
        match outcome {
            Ok(same) => {
                decoded += 1;
                if same {
                    lossless += 1;
                } else {
                    line["error"] = json!("the re-encoded JSON differs from the input");
                }
            }
            Err(Failure::NoModel(reason)) => {
                without_model += 1;
                line["error"] = json!(reason);
            }
            Err(Failure::Decode(error)) => {
                failed += 1;
                line["error"] = json!(error);
            }
        }
        println!("{line}");
    }
    println!(
        "{decoded} decoded, {lossless} lossless, {without_model} without model, {failed} failed"
    );
    if failed == 0 && decoded == lossless {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[derive(Debug, PartialEq)]
enum Failure {
    NoModel(String),
    Decode(String),
}

/// Decodes and re-encodes `object`; whether the result equals it.
fn roundtrip(object: &Value) -> Result<bool, Failure> {
    let kind = object.get("object").and_then(Value::as_str);
    let deleted = object.get("deleted") == Some(&Value::Bool(true));
    let Some(kind) = kind else {
        return Err(Failure::NoModel(
            "the object has no \"object\" field".into(),
        ));
    };
    let Some(name) = resources::resource_name(kind, deleted) else {
        return Err(Failure::NoModel(format!("no model for object \"{kind}\"")));
    };
    let input = object.to_string();
    match resources::reencode(name, &input) {
        None => Err(Failure::NoModel(format!(
            "the model of \"{name}\" is behind a feature that is off"
        ))),
        Some(Err(error)) => Err(Failure::Decode(error.to_string())),
        Some(Ok(output)) => {
            let again: Value = serde_json::from_str(&output)
                .map_err(|error| Failure::Decode(format!("re-encoded JSON is invalid: {error}")))?;
            Ok(&again == object)
        }
    }
}

fn usage_error(path: &str, problem: &str) -> ExitCode {
    eprintln!("{path} {problem}");
    ExitCode::from(2)
}
