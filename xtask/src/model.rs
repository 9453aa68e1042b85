//! What the generator knows about the models before it writes them.

use std::collections::{BTreeMap, BTreeSet};

/// A field's type, before presence (required, optional) and `null` are applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Int,
    Timestamp,
    Number,
    Str,
    Currency,
    Raw,
    Named(String),
    Id(String),
    Vec(Box<Ty>),
    Map(Box<Ty>),
    List(Box<Ty>),
    Expandable(String),
    Boxed(Box<Ty>),
}

impl Ty {
    /// The named types this one holds by value or in a container (not expansions).
    pub fn named(&self, out: &mut Vec<String>) {
        match self {
            Ty::Named(name) => out.push(name.clone()),
            Ty::Vec(inner) | Ty::Map(inner) | Ty::List(inner) | Ty::Boxed(inner) => {
                inner.named(out)
            }
            _ => {}
        }
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub json: String,
    pub rust: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub doc: String,
}

#[derive(Clone, Debug)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// The constant value of a required `object` field.
    pub tag: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub name: String,
    pub value: String,
}

#[derive(Clone, Debug)]
pub struct OneOfVariant {
    pub type_name: String,
    pub object: String,
    pub deleted: bool,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Struct(Struct),
    Enum(Vec<Variant>),
    OneOf(Vec<OneOfVariant>),
}

#[derive(Clone, Debug)]
pub struct Item {
    pub doc: String,
    pub kind: Kind,
}

/// A resource of the fixtures: its model and where it comes from.
#[derive(Clone, Debug)]
pub struct Resource {
    /// The name in `fixtures3.json`, such as `reporting.report_run`.
    pub name: String,
    pub type_name: String,
    /// The `object` value, and whether it is a deleted object.
    pub object: String,
    pub deleted: bool,
    pub area: &'static str,
    /// Whether the model was inferred from the example object (the spec lacks it).
    pub inferred: bool,
}

/// Everything the emitters need.
#[derive(Debug, Default)]
pub struct Models {
    pub items: BTreeMap<String, Item>,
    pub resources: Vec<Resource>,
    /// Id types: name, doc, prefixes.
    pub ids: BTreeMap<String, (String, Vec<String>)>,
    /// For each item, the features that compile it.
    pub features: BTreeMap<String, BTreeSet<&'static str>>,
    /// For each item, the module that holds it.
    pub modules: BTreeMap<String, String>,
}
