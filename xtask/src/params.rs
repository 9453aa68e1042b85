//! What an endpoint's parameters look like, read from the OpenAPI schemas of its query
//! parameters or form body: the generator's model of them before it writes the table's
//! schemas, the Rust structs and the TypeScript interfaces.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::docs;

/// The type of a parameter's value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PTy {
    /// Text: a string or an id.
    Str,
    /// A decimal number written as text (`format: decimal`, or `type: number`).
    Decimal,
    /// A whole number (unix times too).
    Int,
    /// `true` or `false`.
    Bool,
    /// Only the empty string, which unsets a field (Stripe's `enum: [""]`).
    Empty,
    /// One of these strings (or a newer one: see the table's `Schema::Text`).
    Enum(Vec<String>),
    /// A hash with known members.
    Hash(Hash),
    /// A hash with any keys, each holding the type (`metadata`).
    Map(Box<PTy>),
    /// An array of the type.
    Array(Box<PTy>),
    /// Any of these types.
    AnyOf(Vec<PTy>),
}

/// A hash of known members.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hash {
    /// The spec's name for the shape (`range_query_specs`), when it gives one.
    pub title: Option<String>,
    /// The members, sorted by name.
    pub members: Vec<Member>,
}

/// One parameter (at the top or inside a hash).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Member {
    pub name: String,
    pub required: bool,
    pub ty: PTy,
    pub doc: String,
}

impl PTy {
    /// The type without its empty-string alternative, and whether it had one.
    pub fn without_empty(&self) -> (PTy, bool) {
        let PTy::AnyOf(alternatives) = self else {
            return (self.clone(), false);
        };
        let mut rest: Vec<PTy> = alternatives
            .iter()
            .filter(|a| **a != PTy::Empty)
            .cloned()
            .collect();
        let emptyable = rest.len() < alternatives.len();
        match rest.len() {
            1 => (rest.pop().expect("one"), emptyable),
            _ => (PTy::AnyOf(rest), emptyable),
        }
    }

    /// The same type without docs, so that equal shapes compare equal.
    pub fn shape(&self) -> PTy {
        match self {
            PTy::Hash(hash) => PTy::Hash(Hash {
                title: hash.title.clone(),
                members: hash
                    .members
                    .iter()
                    .map(|m| Member {
                        doc: String::new(),
                        ty: m.ty.shape(),
                        ..m.clone()
                    })
                    .collect(),
            }),
            PTy::Map(inner) => PTy::Map(Box::new(inner.shape())),
            PTy::Array(inner) => PTy::Array(Box::new(inner.shape())),
            PTy::AnyOf(alternatives) => PTy::AnyOf(alternatives.iter().map(PTy::shape).collect()),
            other => other.clone(),
        }
    }
}

/// The members of a form body's schema, or of an operation's query parameters.
pub fn members(
    properties: &serde_json::Map<String, Value>,
    required: &BTreeSet<&str>,
) -> Vec<Member> {
    let mut members: Vec<Member> = properties
        .iter()
        .map(|(name, schema)| member(name, schema, required.contains(name.as_str()), None))
        .collect();
    members.sort_by(|a, b| a.name.cmp(&b.name));
    members
}

/// The member `name` with `schema`; `description` when it is written beside the schema
/// (query parameters) rather than in it.
pub fn member(name: &str, schema: &Value, required: bool, description: Option<&str>) -> Member {
    let description = description.or(schema["description"].as_str());
    Member {
        name: name.to_string(),
        required,
        ty: read(schema, name),
        doc: docs::line(description, &format!("`{name}`.")),
    }
}

/// The type `schema` describes; `name` is where it is, for messages.
pub fn read(schema: &Value, name: &str) -> PTy {
    if let Some(alternatives) = schema["anyOf"].as_array() {
        let mut out: Vec<PTy> = Vec::new();
        for alternative in alternatives {
            match read(alternative, name) {
                PTy::AnyOf(inner) => out.extend(inner),
                ty => out.push(ty),
            }
        }
        out.dedup();
        return match out.len() {
            1 => out.pop().expect("one"),
            _ => PTy::AnyOf(out),
        };
    }
    match schema["type"].as_str() {
        Some("string") => match schema["enum"].as_array() {
            Some(values) => {
                let values: Vec<String> = values
                    .iter()
                    .map(|v| v.as_str().expect("enum values are strings").to_string())
                    .collect();
                if values == [""] {
                    PTy::Empty
                } else {
                    PTy::Enum(values)
                }
            }
            None if schema["format"] == "decimal" => PTy::Decimal,
            None => PTy::Str,
        },
        Some("integer") => PTy::Int,
        Some("number") => PTy::Decimal,
        Some("boolean") => PTy::Bool,
        Some("array") => PTy::Array(Box::new(read(&schema["items"], name))),
        Some("object") => {
            let properties = schema["properties"].as_object();
            match (&schema["additionalProperties"], properties) {
                (values @ Value::Object(_), _) => PTy::Map(Box::new(read(values, name))),
                // No members at all (`konbini: {}`): a hash that only says "on".
                (_, Some(properties)) => {
                    let required: BTreeSet<&str> = schema["required"]
                        .as_array()
                        .map(|r| r.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    PTy::Hash(Hash {
                        title: schema["title"].as_str().map(str::to_string),
                        members: members(properties, &required),
                    })
                }
                _ => panic!("the parameter {name} is an object without members: {schema}"),
            }
        }
        _ => panic!("the parameter {name} has a schema the generator does not know: {schema}"),
    }
}
