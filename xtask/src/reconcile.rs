//! Fitting the spec's models (API version 2023-08-16) to Stripe's current example
//! objects, so that decoding a newer API version does not fail: a required field the
//! example lacks becomes optional, a field the example has as `null` becomes nullable,
//! and a field whose type changed keeps its JSON. Each change is noted in the field's
//! doc line.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::{Item, Kind, Ty};

/// Fits the model `name` and the models it holds to `example`.
pub fn resource(items: &mut BTreeMap<String, Item>, name: &str, example: &Value) {
    named(items, name, example);
}

fn named(items: &mut BTreeMap<String, Item>, name: &str, value: &Value) {
    let Some(item) = items.get(name).cloned() else {
        return;
    };
    match item.kind {
        Kind::Struct(structure) => {
            let Some(members) = value.as_object() else {
                return;
            };
            for (index, field) in structure.fields.iter().enumerate() {
                let change = match members.get(&field.json) {
                    None if field.required => Some(Change::Optional),
                    None => None,
                    Some(Value::Null) if !field.nullable => Some(Change::Nullable),
                    Some(Value::Null) => None,
                    Some(member) => (!fits(items, &field.ty, member)).then_some(Change::Raw),
                };
                let Some(change) = change else { continue };
                let Some(Item {
                    kind: Kind::Struct(target),
                    ..
                }) = items.get_mut(name)
                else {
                    continue;
                };
                let field = &mut target.fields[index];
                match change {
                    Change::Optional => {
                        field.required = false;
                        field.doc.push_str(" Absent in newer API versions.");
                    }
                    Change::Nullable => {
                        field.nullable = true;
                        field.doc.push_str(" May be null in newer API versions.");
                    }
                    Change::Raw => {
                        field.ty = Ty::Raw;
                        field
                            .doc
                            .push_str(" Its type changed in newer API versions; kept as JSON.");
                    }
                }
            }
        }
        Kind::Enum(_) => {}
        Kind::OneOf(variants) => {
            let object = value["object"].as_str().unwrap_or_default();
            let deleted = value["deleted"] == Value::Bool(true);
            if let Some(variant) = variants
                .iter()
                .find(|v| v.object == object && v.deleted == deleted)
            {
                named(items, &variant.type_name, value);
            }
        }
    }
}

enum Change {
    Optional,
    Nullable,
    Raw,
}

/// Whether `value` fits `ty`, fitting the models it holds on the way.
fn fits(items: &mut BTreeMap<String, Item>, ty: &Ty, value: &Value) -> bool {
    match ty {
        Ty::Bool => value.is_boolean(),
        Ty::Int | Ty::Timestamp => value.is_i64(),
        Ty::Number => value.is_number(),
        Ty::Str | Ty::Currency | Ty::Id(_) => value.is_string(),
        Ty::Raw => true,
        Ty::Expandable(_) => value.is_string() || value.is_object(),
        Ty::Boxed(inner) => fits(items, inner, value),
        Ty::Vec(inner) => match value.as_array() {
            Some(elements) => elements.iter().all(|e| fits(items, inner, e)),
            None => false,
        },
        Ty::Map(inner) => match value.as_object() {
            Some(members) => members.values().all(|m| fits(items, inner, m)),
            None => false,
        },
        Ty::List(inner) => match value["data"].as_array() {
            Some(elements) => elements.iter().all(|e| fits(items, inner, e)),
            None => false,
        },
        Ty::Named(name) => match items.get(name).map(|item| &item.kind) {
            Some(Kind::Enum(_)) => value.is_string(),
            Some(Kind::Struct(_) | Kind::OneOf(_)) if value.is_object() => {
                named(items, name, value);
                true
            }
            _ => false,
        },
    }
}
