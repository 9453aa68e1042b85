//! Models for resources newer than the spec, inferred from Stripe's example object:
//! every member seen is a field of the type its value has, which may be absent or
//! `null` (one example cannot say which fields Stripe always sends, or never nulls);
//! a string that is the id of a known resource (other than the object's own `id`) may
//! be expanded into that object; members that are `null` in the example have no known
//! type and keep their JSON.

use serde_json::Value;

use crate::model::{Field, Item, Kind, Struct, Ty};
use crate::names;
use crate::spec::Builder;

/// Builds the model of the resource `name` from its example and gives its Rust name.
pub fn resource(builder: &mut Builder<'_>, name: &str, example: &Value) -> String {
    let type_name = builder.names[name].clone();
    let object = example["object"].as_str().unwrap_or(name);
    let doc = format!(
        "A `{object}` object: inferred from Stripe's example object, since the spec \
         (2023-08-16) predates it."
    );
    structure(builder, &type_name, example, doc, true);
    type_name
}

fn structure(builder: &mut Builder<'_>, name: &str, value: &Value, doc: String, resource: bool) {
    if !resource {
        builder.claim(name);
    }
    let members = value.as_object().expect("structures are objects");
    let mut tag = None;
    let mut fields = Vec::new();
    for (key, member) in members {
        if key == "object" && resource {
            tag = member.as_str().map(str::to_string);
            continue;
        }
        let ty = match (key.as_str(), member) {
            ("id", Value::String(_)) if resource => {
                let object = value["object"].as_str().unwrap_or_default();
                builder
                    .ids
                    .get(object)
                    .map_or(Ty::Str, |id| Ty::Id(id.clone()))
            }
            (_, Value::String(text)) => match id_of(builder, text) {
                Some(id) => Ty::Expandable(id),
                None => ty(builder, name, key, member),
            },
            _ => ty(builder, name, key, member),
        };
        fields.push(Field {
            json: key.clone(),
            rust: names::field(key),
            ty,
            required: false,
            nullable: true,
            doc: format!("`{key}` (inferred from an example)."),
        });
    }
    builder.models.items.insert(
        name.to_string(),
        Item {
            doc,
            kind: Kind::Struct(Struct { fields, tag }),
        },
    );
}

/// The id type whose prefix `text` has, when it has one (`feat_...` → the id of an
/// `entitlements.feature`).
fn id_of(builder: &Builder<'_>, text: &str) -> Option<String> {
    builder
        .models
        .ids
        .iter()
        .find(|(_, (_, prefixes))| {
            prefixes
                .iter()
                .any(|p| text.len() > p.len() + 8 && text.starts_with(p.as_str()))
        })
        .map(|(name, _)| name.clone())
}

fn ty(builder: &mut Builder<'_>, owner: &str, key: &str, value: &Value) -> Ty {
    match value {
        Value::Null => Ty::Raw,
        Value::Bool(_) => Ty::Bool,
        Value::Number(n) if n.is_i64() && (key == "created" || key.ends_with("_at")) => {
            Ty::Timestamp
        }
        Value::Number(n) if n.is_i64() => Ty::Int,
        Value::Number(_) => Ty::Number,
        Value::String(_) if key == "currency" || key.ends_with("_currency") => Ty::Currency,
        Value::String(_) => Ty::Str,
        Value::Array(items) => match items.first() {
            Some(first @ Value::Object(_)) if first.get("object").is_none() => {
                Ty::Vec(Box::new(ty(builder, owner, key, first)))
            }
            Some(first) if !first.is_object() && items.iter().all(|i| same_kind(i, first)) => {
                Ty::Vec(Box::new(ty(builder, owner, key, first)))
            }
            _ => Ty::Vec(Box::new(Ty::Raw)),
        },
        Value::Object(_) if key == "metadata" => Ty::Map(Box::new(Ty::Str)),
        Value::Object(members) => {
            if members.get("object").is_some_and(|o| o == "list") {
                return Ty::List(Box::new(Ty::Raw));
            }
            if members.contains_key("object") || members.is_empty() {
                return Ty::Raw;
            }
            let name = format!("{owner}{}", names::pascal(key));
            let doc = format!("The `{key}` of a `{owner}` (inferred from an example).");
            structure(builder, &name, value, doc, false);
            Ty::Named(name)
        }
    }
}

fn same_kind(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}
