//! The resource models against Stripe's own example objects: every one of the 176
//! resources of `../shared/stripe-openapi/fixtures3.json` and the seed examples of
//! `../shared/fixtures/seed-examples.json` decode, and encode back to an equal JSON
//! value, also with members and enum values the models do not know. These tests need
//! the shared reference folder beside the checkout and every model (`--features full`).
// Property tests: native only (their random source has no wasm32 build).
#![cfg(not(target_family = "wasm"))]
#![cfg(feature = "full")]

#[path = "support/shared.rs"]
mod shared;

use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use stripe_edge::resources::{
    self, DecodeError, Invoice, InvoiceStatus, List, Problem, ReportRun, SearchResult, V2Page, v2,
};

use shared::fixtures;

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
    for (key, name) in [
        ("v2_core_event_retrieve", "v2.core.event"),
        ("reporting_report_run_create", "reporting.report_run"),
    ] {
        let verdict = resources::validate_resource(name, &shared::seed(key).to_string());
        assert_eq!(verdict, Some(Ok(())), "{key}");
    }
    assert_eq!(resources::validate_resource("no_such_thing", "{}"), None);
}

#[test]
fn seed_examples_decode_into_their_models() {
    let check = |key: &str, decode: &dyn Fn(&str) -> Result<String, DecodeError>| {
        let input = shared::seed(key);
        let output = decode(&input.to_string()).unwrap_or_else(|e| panic!("{key}: {e}"));
        let output: Value = serde_json::from_str(&output).unwrap();
        assert_eq!(output, input, "{key}");
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

    let event: v2::Event =
        resources::decode(&shared::seed("v2_core_event_retrieve").to_string()).unwrap();
    let related = event
        .related_object
        .expect("the example has a related object");
    assert_eq!(related.type_, "billing.meter");
    assert!(related.url.ends_with(&related.id));
    let runs: List<ReportRun> =
        resources::decode(&shared::seed("reporting_report_run_list").to_string()).unwrap();
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
        &shared::read("stripe-openapi/spec3.2023-08-16.json")["components"],
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

// ---------------------------------------------------------------------------------------
// Newer objects: what Stripe may send for a field the spec does not require, marks
// nullable, or lets be expanded, decodes and re-encodes as it came. Where each field
// stands is read from the spec (or, for the resources newer than the spec, from the
// rule for inferred models: every field may be absent or null, and a field holding an
// id may be expanded), not from the models.
// ---------------------------------------------------------------------------------------

fn spec() -> &'static Map<String, Value> {
    static SCHEMAS: OnceLock<Map<String, Value>> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        let mut spec = shared::read("stripe-openapi/spec3.2023-08-16.json");
        match spec["components"]["schemas"].take() {
            Value::Object(schemas) => schemas,
            _ => panic!("the spec has no components.schemas"),
        }
    })
}

/// The spec's schema of the fixture resource `name`, if the spec has one.
fn component(name: &str) -> Option<&'static Value> {
    let schemas = spec();
    schemas
        .get(name)
        .or_else(|| schemas.values().find(|s| s["x-resourceId"] == name))
}

/// Each resource's fixture by the prefix of its id (`cus_` → the customer), for
/// telling an id's resource from its shape.
fn id_prefixes() -> &'static Vec<(String, String)> {
    static PREFIXES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    PREFIXES.get_or_init(|| {
        let mut out = Vec::new();
        for (name, object) in fixtures() {
            let Some(id) = object["id"].as_str() else {
                continue;
            };
            let Some((head, rest)) = id.split_once('_') else {
                continue;
            };
            let plausible = !head.is_empty()
                && head
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && rest.len() >= 8;
            if plausible && !name.starts_with("deleted_") && object["deleted"] != true {
                out.push((format!("{head}_"), name.clone()));
            }
        }
        out
    })
}

/// A change a newer API version may make to a value.
#[derive(Clone, Debug)]
enum Change {
    /// The member is absent.
    Remove,
    /// The member is `null`.
    Null,
    /// The id is expanded into the object of this resource (a fixture name).
    Expand(String),
}

/// Where a change can be made and which.
type Site = (Vec<Step>, Change);

/// The sites of `value`, whose schema in the spec is `schema`.
fn spec_sites(value: &Value, schema: &'static Value, at: &mut Vec<Step>, out: &mut Vec<Site>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let key = reference.rsplit('/').next().unwrap_or_default();
        return spec_sites(value, &spec()[key], at, out);
    }
    if let Some(alternatives) = schema["anyOf"].as_array() {
        if let Some(expansions) = schema["x-expansionResources"]["oneOf"].as_array() {
            if value.is_string() {
                let resource = expansions
                    .iter()
                    .filter_map(|e| e["$ref"].as_str())
                    .filter_map(|r| spec().get(r.rsplit('/').next()?))
                    .filter_map(|s| s["x-resourceId"].as_str())
                    .find(|r| fixtures().contains_key(*r));
                if let Some(resource) = resource {
                    out.push((at.clone(), Change::Expand(resource.to_string())));
                }
            }
            return;
        }
        // The alternative this value is: by its `object` tag, else by its JSON type.
        let resolve = |s: &'static Value| match s["$ref"].as_str() {
            Some(r) => &spec()[r.rsplit('/').next().unwrap_or_default()],
            None => s,
        };
        let tag = value["object"].as_str();
        let chosen = alternatives.iter().map(resolve).find(|s| match tag {
            Some(tag) => s["properties"]["object"]["enum"][0] == tag,
            None => fits_type(value, s),
        });
        if let Some(chosen) = chosen {
            spec_sites(value, chosen, at, out);
        }
        return;
    }
    match value {
        Value::Object(members) => {
            let properties = &schema["properties"];
            if members.get("object") == Some(&json!("list")) && properties.get("data").is_some() {
                if let Some(items) = members.get("data").and_then(Value::as_array) {
                    for (index, item) in items.iter().enumerate() {
                        at.extend([Step::Member("data".into()), Step::Element(index)]);
                        spec_sites(item, &properties["data"]["items"], at, out);
                        at.truncate(at.len() - 2);
                    }
                }
                return;
            }
            let required: Vec<&str> = schema["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (name, member) in members {
                let property = match (properties.get(name), &schema["additionalProperties"]) {
                    (Some(property), _) => property,
                    (None, values @ Value::Object(_)) => values,
                    _ => continue,
                };
                at.push(Step::Member(name.clone()));
                if properties.get(name).is_some() && !tag_member(name) {
                    if !required.contains(&name.as_str()) {
                        out.push((at.clone(), Change::Remove));
                    }
                    if property["nullable"] == true && !member.is_null() {
                        out.push((at.clone(), Change::Null));
                    }
                }
                if !member.is_null() {
                    spec_sites(member, property, at, out);
                }
                at.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                at.push(Step::Element(index));
                spec_sites(item, &schema["items"], at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn fits_type(value: &Value, schema: &Value) -> bool {
    match (value, schema["type"].as_str()) {
        (Value::Object(_), Some("object")) => true,
        (Value::Array(_), Some("array")) => true,
        (Value::String(_), Some("string")) => true,
        (Value::Bool(_), Some("boolean")) => true,
        (Value::Number(n), Some("integer")) => n.is_i64(),
        (Value::Number(_), Some("number")) => true,
        _ => false,
    }
}

/// `object` and `deleted` choose the model, and are not fields a newer version drops.
fn tag_member(name: &str) -> bool {
    matches!(name, "object" | "deleted")
}

/// The sites of an inferred model's example: each member of it and of the plain
/// objects it holds may be absent or null; a string member (other than `id`) holding
/// the id of a known resource may be expanded.
fn inferred_sites(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Site>) {
    let Value::Object(members) = value else {
        return;
    };
    for (name, member) in members {
        if tag_member(name) {
            continue;
        }
        at.push(Step::Member(name.clone()));
        out.push((at.clone(), Change::Remove));
        if !member.is_null() {
            out.push((at.clone(), Change::Null));
        }
        match member {
            Value::String(text) if name != "id" => {
                if let Some((_, resource)) = id_prefixes()
                    .iter()
                    .find(|(p, _)| text.starts_with(p.as_str()) && text.len() > p.len() + 8)
                {
                    out.push((at.clone(), Change::Expand(resource.clone())));
                }
            }
            Value::Object(inner) if name != "metadata" && !inner.contains_key("object") => {
                inferred_sites(member, at, out);
            }
            _ => {}
        }
        at.pop();
    }
}

/// Every site of the fixture `name`.
fn sites(name: &str, object: &Value) -> Vec<Site> {
    let mut out = Vec::new();
    match component(name) {
        Some(schema) => spec_sites(object, schema, &mut Vec::new(), &mut out),
        None => inferred_sites(object, &mut Vec::new(), &mut out),
    }
    out
}

/// `object` with the change at `place`.
fn changed(object: &Value, (place, change): &Site) -> Value {
    let mut out = object.clone();
    let replacement = match change {
        Change::Remove => None,
        Change::Null => Some(Value::Null),
        Change::Expand(resource) => {
            let mut expanded = fixtures()[resource].clone();
            let mut target = &out;
            for step in place {
                target = match step {
                    Step::Member(name) => &target[name.as_str()],
                    Step::Element(index) => &target[*index],
                };
            }
            expanded["id"] = target.clone();
            Some(expanded)
        }
    };
    mutate(&mut out, place, replacement);
    out
}

/// The fixture `name` with `changes` decodes with its model and encodes to an equal
/// value, and the shape checker agrees.
fn survives(name: &str, object: &Value) -> Result<(), String> {
    let text = object.to_string();
    let output = resources::reencode(name, &text)
        .ok_or(format!("{name} is not compiled"))?
        .map_err(|e| e.to_string())?;
    let output: Value = serde_json::from_str(&output).map_err(|e| e.to_string())?;
    if &output != object {
        return Err(format!("differs: {output}"));
    }
    match resources::validate_resource(name, &text) {
        Some(Ok(())) => Ok(()),
        other => Err(format!("the shape checker says {other:?}")),
    }
}

#[test]
fn newer_objects_decode_every_change_alone() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, object) in fixtures() {
        for site in sites(name, object) {
            count += 1;
            if let Err(error) = survives(name, &changed(object, &site)) {
                failures.push(format!("{name} {site:?}: {error}"));
            }
        }
    }
    assert!(count > 3_000, "only {count} sites");
    assert!(
        failures.is_empty(),
        "{} of {count} changes fail:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}

#[test]
fn inferred_models_take_absent_null_and_expanded_fields() {
    let active = &fixtures()["entitlements.active_entitlement"];
    assert!(
        component("entitlements.active_entitlement").is_none(),
        "inferred"
    );
    let feature = active["feature"].as_str().unwrap();
    let mut expanded = active.clone();
    expanded["feature"] = fixtures()["entitlements.feature"].clone();
    expanded["feature"]["id"] = json!(feature);
    let mut absent = active.clone();
    absent.as_object_mut().unwrap().remove("lookup_key");
    let mut null = active.clone();
    null["livemode"] = Value::Null;
    for object in [expanded, absent, null] {
        survives("entitlements.active_entitlement", &object)
            .unwrap_or_else(|e| panic!("{object}: {e}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Several changes at once, anywhere in an object, still decode and re-encode.
    #[test]
    fn newer_objects_decode_changes_together(
        index in 0usize..176,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6),
    ) {
        let (name, object) = fixtures().iter().nth(index).unwrap();
        let all = sites(name, object);
        prop_assume!(!all.is_empty());
        let mut chosen: Vec<&Site> = picks.iter().map(|pick| pick.get(&all)).collect();
        // One change per place, deepest first: a change inside a member comes before
        // the member's own.
        chosen.sort_by_key(|site| (std::cmp::Reverse(site.0.len()), format!("{:?}", site.0)));
        chosen.dedup_by(|a, b| format!("{:?}", a.0) == format!("{:?}", b.0));
        let mut value = object.clone();
        for site in chosen {
            value = changed(&value, site);
        }
        prop_assert!(survives(name, &value).is_ok(), "{} {}: {:?}", name, value, survives(name, &value));
    }
}

/// `invoice` with `n` members its model does not know, inserted at the front.
fn invoice_with_unknown(n: usize) -> String {
    let members: String = (0..n).map(|i| format!("\"zz_{i}\":{i},")).collect();
    fixtures()["invoice"]
        .to_string()
        .replacen('{', &format!("{{{members}"), 1)
}

#[test]
fn objects_hold_at_most_max_members() {
    use stripe_edge::resources::MAX_MEMBERS;
    // Unknown members up to the cap are kept, in order.
    let known = fixtures()["invoice"].as_object().unwrap().len();
    let text = invoice_with_unknown(MAX_MEMBERS - known);
    let invoice: Invoice = resources::decode(&text).unwrap();
    let names: Vec<&str> = invoice.extra.iter().map(|(name, _)| name).collect();
    assert_eq!(&names[..3], ["zz_0", "zz_1", "zz_2"]);
    let newer = resources::decode::<Invoice>(&fixtures()["invoice"].to_string())
        .unwrap()
        .extra
        .iter()
        .count();
    assert_eq!(names.len(), MAX_MEMBERS - known + newer);
    assert_eq!(resources::validate_resource("invoice", &text), Some(Ok(())));
    // One more is refused, by decoding and by the shape checker alike.
    let text = invoice_with_unknown(MAX_MEMBERS - known + 1);
    let error = resources::decode::<Invoice>(&text).unwrap_err();
    assert_eq!(
        (error.path.as_str(), error.problem),
        ("", Problem::TooManyMembers)
    );
    assert_eq!(error.code(), "too_many_members");
    assert_eq!(
        error.to_string(),
        "the value: more than 10000 members, more than any Stripe object has"
    );
    assert_eq!(
        resources::validate_resource("invoice", &text),
        Some(Err(error))
    );
    // In a nested object and in a hash of any keys (`metadata`) too.
    let many: serde_json::Map<String, Value> = (0..=MAX_MEMBERS)
        .map(|i| (format!("k{i}"), json!("v")))
        .collect();
    let mut invoice = fixtures()["invoice"].clone();
    invoice["metadata"] = Value::Object(many.clone());
    invoice["lines"]["data"][0]["period"] = Value::Object(many);
    let text = invoice.to_string();
    let error = resources::decode::<Invoice>(&text).unwrap_err();
    assert_eq!(error.problem, Problem::TooManyMembers);
    assert!(
        ["lines.data[0].period", "metadata"].contains(&error.path.as_str()),
        "{error}"
    );
    assert_eq!(
        resources::validate_resource("invoice", &text),
        Some(Err(error))
    );
}

#[test]
fn a_repeated_unknown_member_keeps_its_first_place_and_last_value() {
    let text =
        fixtures()["invoice"]
            .to_string()
            .replacen('{', "{\"zz_a\":1,\"zz_b\":2,\"zz_a\":3,", 1);
    let invoice: Invoice = resources::decode(&text).unwrap();
    let extra: Vec<(&str, &str)> = invoice.extra.iter().map(|(n, v)| (n, v.get())).collect();
    assert_eq!(&extra[..2], [("zz_a", "3"), ("zz_b", "2")]);
    assert_eq!(invoice.extra.get("zz_a").map(|v| v.get()), Some("3"));
}
