//! The resource models against Stripe's own example objects: every one of the 176
//! resources of `../shared/stripe-openapi/fixtures3.json` and the seed examples of
//! `../shared/fixtures/seed-examples.json` decode, and encode back to an equal JSON
//! value, also with members and enum values the models do not know. These tests need
//! the shared reference folder beside the checkout and every model (`--features full`).
#![cfg(feature = "full")]

use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use stripe_edge::resources::{
    self, DecodeError, Invoice, InvoiceStatus, List, Problem, ReportRun, SearchResult, V2Page, v2,
};

fn shared(path: &str) -> Value {
    let full = format!("{}/../shared/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| {
        panic!("{full} is needed by this test (the shared reference folder must sit beside the checkout): {e}")
    });
    serde_json::from_str(&text).expect("the reference file is JSON")
}

fn fixtures() -> &'static Map<String, Value> {
    static FIXTURES: OnceLock<Map<String, Value>> = OnceLock::new();
    FIXTURES.get_or_init(read_fixtures)
}

fn read_fixtures() -> Map<String, Value> {
    match shared("stripe-openapi/fixtures3.json") {
        Value::Object(mut root) => match root.remove("resources") {
            Some(Value::Object(resources)) => resources,
            _ => panic!("fixtures3.json has no resources"),
        },
        _ => panic!("fixtures3.json is not an object"),
    }
}

/// Decodes `object` with the model its `object` member names and re-encodes it.
fn roundtrip(object: &Value) -> Result<Value, String> {
    let kind = object["object"].as_str().ok_or("no object member")?;
    let deleted = object["deleted"] == Value::Bool(true);
    let name = resources::resource_name(kind, deleted).ok_or(format!("no model for {kind}"))?;
    let output = resources::reencode(name, &object.to_string())
        .ok_or(format!("{name} is not compiled"))?
        .map_err(|e| e.to_string())?;
    serde_json::from_str(&output).map_err(|e| format!("invalid output: {e}: {output}"))
}

#[test]
fn every_fixture_decodes_and_reencodes_to_an_equal_value() {
    let resources = fixtures();
    assert_eq!(
        resources.len(),
        176,
        "fixtures3.json should hold 176 resources"
    );
    let mut failures = Vec::new();
    for (name, object) in resources {
        match roundtrip(object) {
            Ok(output) if &output == object => {}
            Ok(output) => failures.push(format!("{name}: differs: {output}")),
            Err(error) => failures.push(format!("{name}: {error}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn models_read_the_fields_they_know_rather_than_keeping_them_raw() {
    let resources = fixtures();
    let invoice: Invoice = resources::decode(&resources["invoice"].to_string()).unwrap();
    assert_eq!(
        invoice.id.as_ref().map(|id| id.as_str()),
        resources["invoice"]["id"].as_str()
    );
    assert_eq!(invoice.status, Some(Some(InvoiceStatus::Draft)));
    assert_eq!(
        invoice.amount_due,
        resources["invoice"]["amount_due"].as_i64().unwrap()
    );
    // Only members newer than the spec (2023-08-16) are kept as unknown.
    for (name, _) in invoice.extra.iter() {
        assert!(
            !["amount_due", "customer", "lines", "status"].contains(&name),
            "{name}"
        );
    }
    let expected_extra = ["issuer", "parent", "total_taxes"];
    for name in expected_extra {
        assert!(
            invoice.extra.get(name).is_some(),
            "{name} should be kept as unknown"
        );
    }
}

#[test]
fn every_fixture_fits_the_shape_of_its_model() {
    for (name, object) in fixtures() {
        let kind = object["object"].as_str().unwrap_or_default();
        let deleted = object["deleted"] == Value::Bool(true);
        let model = resources::resource_name(kind, deleted).unwrap_or(name);
        let verdict = resources::validate_resource(model, &object.to_string());
        assert_eq!(verdict, Some(Ok(())), "{name} as {model}");
    }
    let seeds = shared("fixtures/seed-examples.json");
    for (key, name) in [
        ("v2_core_event_retrieve", "v2.core.event"),
        ("reporting_report_run_create", "reporting.report_run"),
    ] {
        let verdict = resources::validate_resource(name, &seeds[key].to_string());
        assert_eq!(verdict, Some(Ok(())), "{key}");
    }
    assert_eq!(resources::validate_resource("no_such_thing", "{}"), None);
}

#[test]
fn seed_examples_decode_into_their_models() {
    let seeds = shared("fixtures/seed-examples.json");
    let check = |key: &str, decode: &dyn Fn(&str) -> Result<String, DecodeError>| {
        let input = &seeds[key];
        let output = decode(&input.to_string()).unwrap_or_else(|e| panic!("{key}: {e}"));
        let output: Value = serde_json::from_str(&output).unwrap();
        assert_eq!(&output, input, "{key}");
    };
    fn as_model<T: resources::Decode + resources::Encode>(
        json: &str,
    ) -> Result<String, DecodeError> {
        resources::decode::<T>(json).map(|model| resources::encode(&model))
    }
    check("reporting_report_run_create", &as_model::<ReportRun>);
    check("reporting_report_run_list", &as_model::<List<ReportRun>>);
    check("invoice_search_result", &as_model::<SearchResult<Invoice>>);
    check("invoice_send_or_void", &as_model::<Vec<Invoice>>);
    check("v2_core_event_retrieve", &as_model::<v2::Event>);
    check("v2_core_event_list", &as_model::<V2Page<v2::Event>>);

    let event: v2::Event = resources::decode(&seeds["v2_core_event_retrieve"].to_string()).unwrap();
    let related = event
        .related_object
        .expect("the example has a related object");
    assert_eq!(related.type_, "billing.meter");
    assert!(related.url.ends_with(&related.id));
    let runs: List<ReportRun> =
        resources::decode(&seeds["reporting_report_run_list"].to_string()).unwrap();
    assert_eq!(runs.data[0].status, "pending");
}

#[test]
fn unknown_enum_values_are_kept() {
    let mut invoice = fixtures()["invoice"].clone();
    invoice["status"] = json!("paused_for_review");
    invoice["collection_method"] = json!("carrier_pigeon");
    let decoded: Invoice = resources::decode(&invoice.to_string()).unwrap();
    assert_eq!(
        decoded.status,
        Some(Some(InvoiceStatus::Unknown("paused_for_review".into())))
    );
    assert_eq!(decoded.collection_method.as_str(), "carrier_pigeon");
    let again: Value = serde_json::from_str(&resources::encode(&decoded)).unwrap();
    assert_eq!(again, invoice);
}

#[test]
fn errors_name_the_path_of_the_field_that_does_not_fit() {
    let mut invoice = fixtures()["invoice"].clone();
    invoice["lines"]["data"][0]["amount"] = json!("12");
    let error = resources::decode::<Invoice>(&invoice.to_string()).unwrap_err();
    assert_eq!(error.path, "lines.data[0].amount");
    assert_eq!(error.code(), "invalid_type");
    assert_eq!(
        error.to_string(),
        "`lines.data[0].amount`: expected an integer, found a string"
    );

    let mut invoice = fixtures()["invoice"].clone();
    invoice.as_object_mut().unwrap().remove("amount_due");
    let error = resources::decode::<Invoice>(&invoice.to_string()).unwrap_err();
    assert_eq!(
        (error.path.as_str(), error.problem),
        ("amount_due", Problem::Missing)
    );

    let mut invoice = fixtures()["invoice"].clone();
    invoice["object"] = json!("customer");
    let error = resources::decode::<Invoice>(&invoice.to_string()).unwrap_err();
    assert_eq!(error.code(), "wrong_object");

    let error = resources::decode::<Invoice>("{\"amount_due\": 1,").unwrap_err();
    assert_eq!(error.code(), "invalid_json");

    let mut invoice = fixtures()["invoice"].clone();
    invoice["lines"]["data"][0]["period"]["end"] = json!(null);
    let error = resources::validate_resource("invoice", &invoice.to_string()).unwrap();
    assert_eq!(
        error.unwrap_err().to_string(),
        "`lines.data[0].period.end`: expected an integer, found null"
    );
}

#[test]
fn hostile_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut invoice = fixtures()["invoice"].clone();
    invoice["lines"]["data"] = json!([]);
    let text = invoice
        .to_string()
        .replacen("\"data\":[]", &format!("\"data\":{deep}"), 1);
    let error = resources::decode::<Invoice>(&text).unwrap_err();
    assert_eq!(error.code(), "invalid_type", "{error}");
    // Unknown members keep any valid JSON, however deep, without walking it.
    let text = invoice
        .to_string()
        .replacen('{', &format!("{{\"x\":{deep},"), 1);
    let decoded: Invoice = resources::decode(&text).unwrap();
    assert_eq!(decoded.extra.get("x").unwrap().get(), deep);
}

/// The names of the spec's map-valued fields (`metadata`, `currency_options`, ...):
/// their members are entries of a typed map, not unknown fields.
fn map_fields() -> &'static [String] {
    static MAPS: OnceLock<Vec<String>> = OnceLock::new();
    MAPS.get_or_init(read_map_fields)
}

fn read_map_fields() -> Vec<String> {
    fn walk(schema: &Value, out: &mut Vec<String>) {
        match schema {
            Value::Object(members) => {
                if let Some(Value::Object(properties)) = members.get("properties") {
                    for (name, property) in properties {
                        if property["additionalProperties"].is_object() {
                            out.push(name.clone());
                        }
                    }
                }
                members.values().for_each(|v| walk(v, out));
            }
            Value::Array(elements) => elements.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        &shared("stripe-openapi/spec3.2023-08-16.json")["components"],
        &mut out,
    );
    out.push("metadata".into());
    out
}

/// Adds member `key` with `value` to every object in `target` at depth `depth`,
/// except inside map-valued fields.
fn add_member(target: &mut Value, depth: usize, key: &str, value: &Value, maps: &[String]) {
    match target {
        Value::Object(members) if depth == 0 => {
            members
                .entry(key.to_string())
                .or_insert_with(|| value.clone());
        }
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                if !maps.contains(name) {
                    add_member(member, depth - 1, key, value, maps);
                }
            }
        }
        Value::Array(elements) => elements
            .iter_mut()
            .for_each(|v| add_member(v, depth, key, value, maps)),
        _ => {}
    }
}

/// Replaces the strings of members named `key` (except `object`, which chooses the
/// model, and ids) with `text`.
fn replace_strings(target: &mut Value, key: &str, text: &str) {
    match target {
        Value::Object(members) => {
            for (name, value) in members.iter_mut() {
                if name == key && value.is_string() && name != "object" && name != "id" {
                    *value = Value::String(text.to_string());
                } else {
                    replace_strings(value, key, text);
                }
            }
        }
        Value::Array(elements) => elements
            .iter_mut()
            .for_each(|v| replace_strings(v, key, text)),
        _ => {}
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1e9f64..1e9).prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Checking a value against its model's shape gives decoding's verdict and first
    /// error, for values changed anywhere into anything.
    #[test]
    fn validation_agrees_with_decoding(
        index in 0usize..176,
        pick in any::<prop::sample::Index>(),
        replacement in prop::option::of(json_value()),
    ) {
        let resources = fixtures();
        let (name, object) = resources.iter().nth(index).unwrap();
        let mut object = object.clone();
        let mut places = Vec::new();
        collect_places(&object, &mut Vec::new(), &mut places);
        let place: &Vec<Step> = pick.get(&places);
        mutate(&mut object, place, replacement);
        let text = object.to_string();
        let decoded = resources::reencode(name, &text).map(|result| result.map(drop));
        prop_assert_eq!(resources::validate_resource(name, &text), decoded, "{} {}", name, text);
    }

    /// Members the models do not know, at any depth, survive a round trip.
    #[test]
    fn unknown_members_survive(
        index in 0usize..176,
        depth in 0usize..5,
        key in "zz_[a-z_]{1,10}",
        value in json_value(),
    ) {
        let resources = fixtures();
        let (name, object) = resources.iter().nth(index).unwrap();
        let mut object = object.clone();
        add_member(&mut object, depth, &key, &value, map_fields());
        prop_assert_eq!(roundtrip(&object).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?, object);
    }

    /// Strings the models do not know (new enum values among them) survive too.
    #[test]
    fn unknown_strings_survive(index in 0usize..176, pick in any::<prop::sample::Index>(), text in "[a-z_]{1,16}") {
        let resources = fixtures();
        let (name, object) = resources.iter().nth(index).unwrap();
        let mut keys = Vec::new();
        collect_string_keys(object, &mut keys);
        prop_assume!(!keys.is_empty());
        let key = pick.get(&keys).clone();
        let mut object = object.clone();
        replace_strings(&mut object, &key, &text);
        prop_assert_eq!(roundtrip(&object).map_err(|e| TestCaseError::fail(format!("{name}.{key}: {e}")))?, object);
    }
}

fn collect_string_keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (name, member) in members {
                if member.is_string() && name != "object" && name != "id" {
                    out.push(name.clone());
                }
                collect_string_keys(member, out);
            }
        }
        Value::Array(elements) => elements.iter().for_each(|e| collect_string_keys(e, out)),
        _ => {}
    }
}

/// A step from a JSON value to one of its children.
#[derive(Clone, Debug)]
enum Step {
    Member(String),
    Element(usize),
}

/// The places of every value below the root.
fn collect_places(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    let children: Vec<(Step, &Value)> = match value {
        Value::Object(members) => members
            .iter()
            .map(|(name, member)| (Step::Member(name.clone()), member))
            .collect(),
        Value::Array(elements) => elements
            .iter()
            .enumerate()
            .map(|(i, e)| (Step::Element(i), e))
            .collect(),
        _ => Vec::new(),
    };
    for (step, child) in children {
        at.push(step);
        out.push(at.clone());
        collect_places(child, at, out);
        at.pop();
    }
}

/// Replaces the value at `place` with `replacement`, or removes it when `None`.
fn mutate(root: &mut Value, place: &[Step], replacement: Option<Value>) {
    let (last, parents) = place.split_last().expect("a place below the root");
    let mut parent = root;
    for step in parents {
        parent = match step {
            Step::Member(name) => &mut parent[name.as_str()],
            Step::Element(index) => &mut parent[*index],
        };
    }
    match (last, replacement, parent) {
        (Step::Member(name), Some(value), Value::Object(members)) => {
            members.insert(name.clone(), value);
        }
        (Step::Member(name), None, Value::Object(members)) => {
            members.remove(name);
        }
        (Step::Element(index), Some(value), Value::Array(elements)) => elements[*index] = value,
        (Step::Element(index), None, Value::Array(elements)) => {
            elements.remove(*index);
        }
        _ => unreachable!("places lead to objects and arrays"),
    }
}
