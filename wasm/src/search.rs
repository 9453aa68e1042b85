//! The search language for JavaScript: parsing to a plain object, matching an object,
//! building from the steps the JS builder records, and restricting a query.

use alloc::string::{String, ToString};

use js_sys::{Array, Reflect};
use stripe_edge::resources::Encode;
use stripe_edge::search::{
    self, Clause, Field, Joiner, Operator, Query, Resource, SearchError, Value,
};
use wasm_bindgen::prelude::*;

use crate::errors;
use crate::json_text::JsonText;

/// Parses and checks `query` for `resource`; returns the JSON text of `{ resource,
/// joiner, clauses, query }`, where `query` is the canonical text.
#[wasm_bindgen(js_name = parseSearchQuery, skip_typescript)]
pub fn parse_search_query(query: JsValue, resource: JsValue) -> Result<String, JsValue> {
    parse(&query, &resource).map(|query| to_json(&query))
}

/// Whether `object` (parsed, or JSON text or bytes) matches `query`.
#[wasm_bindgen(js_name = matchesSearchQuery, skip_typescript)]
pub fn matches_search_query(
    query: JsValue,
    resource: JsValue,
    object: JsValue,
) -> Result<bool, JsValue> {
    let query = parse(&query, &resource)?;
    let json = JsonText::from_js(&object, "matchesSearchQuery")?;
    query.matches_json(json.as_str()).map_err(|error| {
        errors::type_error(&alloc::format!(
            "matchesSearchQuery: the object is not JSON: {error}"
        ))
    })
}

/// `query` restricted to objects whose token field `field` is `value`, as text.
#[wasm_bindgen(js_name = restrictSearchQuery, skip_typescript)]
pub fn restrict_search_query(
    query: JsValue,
    resource: JsValue,
    field: JsValue,
    value: JsValue,
) -> Result<String, JsValue> {
    let query = parse(&query, &resource)?;
    let field = string(&field, "restrictSearchQuery takes the field as a string")?;
    let value = string(&value, "restrictSearchQuery takes the value as a string")?;
    query
        .restrict(&field, &value)
        .map(|query| query.to_string())
        .map_err(|error| errors::search(&error))
}

/// The canonical text of the query the JS builder's `steps` describe: each
/// `{ joiner, negated, field, key, operator, value }`.
#[wasm_bindgen(js_name = buildSearchQuery, skip_typescript)]
pub fn build_search_query(resource: JsValue, steps: JsValue) -> Result<String, JsValue> {
    let resource = resource_of(&resource)?;
    let steps: Array = steps
        .dyn_into()
        .map_err(|_| errors::type_error("buildSearchQuery takes an array of steps"))?;
    let mut builder = search::search(resource);
    for step in steps.iter() {
        let get = |name: &str| {
            Reflect::get(&step, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
        };
        let field = string(
            &get("field"),
            "a search field is a string, such as 'status'",
        )?;
        let mut condition = match get("joiner").as_string().as_deref() {
            Some("or") => builder.or(&field),
            _ => builder.and(&field),
        };
        if let Some(key) = get("key").as_string() {
            condition = condition.key(&key);
        }
        if get("negated").is_truthy() {
            condition = condition.negate();
        }
        let operator = get("operator")
            .as_string()
            .and_then(|text| Operator::from_text(&text))
            .ok_or_else(|| {
                errors::type_error("a search operator is one of ':', '~', '>', '<', '>=', '<='")
            })?;
        builder = condition.compare(operator, value_of(&get("value"))?);
    }
    builder
        .build()
        .map(|query| query.to_string())
        .map_err(|error| errors::search(&error))
}

fn parse(query: &JsValue, resource: &JsValue) -> Result<Query, JsValue> {
    let resource = resource_of(resource)?;
    let text = string(query, "a search query is a string")?;
    search::parse(&text, resource).map_err(|error| errors::search(&error))
}

fn resource_of(resource: &JsValue) -> Result<Resource, JsValue> {
    let name = string(
        resource,
        "a search resource is a string, such as 'invoices'",
    )?;
    Resource::from_name(&name).ok_or_else(|| {
        errors::search(&SearchError::new(
            search::ErrorCode::UnknownResource,
            search::Span::new(0, 0),
            "charges, customers, invoices, payment_intents, prices, products or subscriptions",
            alloc::format!(
                "'{name}' has no search: the searchable resources are charges, customers, invoices, payment_intents, prices, products and subscriptions"
            ),
        ))
    })
}

fn string(value: &JsValue, message: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| errors::type_error(message))
}

fn value_of(value: &JsValue) -> Result<Value, JsValue> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    if let Some(text) = value.as_string() {
        return Ok(Value::Text(text));
    }
    if let Some(flag) = value.as_bool() {
        return Ok(Value::from(flag));
    }
    match value.as_f64() {
        // A safe integer: whole, and within 2^53 of zero.
        Some(number)
            if (number as i64) as f64 == number && (number as i64).unsigned_abs() < 1 << 53 =>
        {
            Ok(Value::Integer(number as i64))
        }
        _ => Err(errors::type_error(
            "a search value is a string, a boolean, null or a safe integer",
        )),
    }
}

/// The query as JSON text, which JavaScript parses in one call: far cheaper than
/// setting each property across the wasm boundary.
fn to_json(query: &Query) -> String {
    let mut out = String::from("{\"resource\":");
    query.resource().name().encode(&mut out);
    out.push_str(match query.ast().joiner {
        Joiner::And => ",\"joiner\":\"and\",\"clauses\":[",
        Joiner::Or => ",\"joiner\":\"or\",\"clauses\":[",
    });
    for (index, clause) in query.ast().clauses.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        clause_json(clause, &mut out);
    }
    out.push_str("],\"query\":");
    query.to_string().encode(&mut out);
    out.push('}');
    out
}

fn clause_json(clause: &Clause, out: &mut String) {
    out.push_str(if clause.negated {
        "{\"negated\":true,\"field\":"
    } else {
        "{\"negated\":false,\"field\":"
    });
    match &clause.field {
        Field::Path(path) => path.encode(out),
        Field::Key(path, key) => {
            path.encode(out);
            out.push_str(",\"key\":");
            key.encode(out);
        }
    }
    out.push_str(",\"operator\":");
    clause.operator.as_str().encode(out);
    out.push_str(",\"value\":");
    match &clause.value {
        Value::Text(text) => text.encode(out),
        Value::Integer(number) => number.encode(out),
        Value::Null => out.push_str("null"),
    }
    out.push_str(",\"start\":");
    (clause.spans.clause.start as i64).encode(out);
    out.push_str(",\"end\":");
    (clause.spans.clause.end as i64).encode(out);
    out.push('}');
}
