//! Names for the parameter types the Rust structs need: each endpoint's parameters are
//! `{Base}Params` (`InvoiceCreateParams`), a nested hash, enum or union is named by where
//! it is (`InvoiceCreateAutomaticTax`), and one used in several places with the same
//! shape is emitted once, named by its field when every place calls it the same
//! (`CollectionMethod`, `Address`), else by the spec's title (`RangeQuerySpecs`).

use std::collections::{BTreeMap, BTreeSet};

use crate::names::pascal;
use crate::operations::Operation;
use crate::params::{Member, PTy};

/// Enums with more values than this are plain text in the structs and declarations
/// (a report run's `timezone` lists hundreds).
pub const MAX_ENUM_VALUES: usize = 64;

/// A parameter type with the names of the types it uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RTy {
    Str,
    Decimal,
    Int,
    Bool,
    Empty,
    /// A string enum too long to spell out: text.
    LongEnum(usize),
    Enum(String),
    Struct(String),
    Union(String),
    Map(Box<RTy>),
    Array(Box<RTy>),
    /// The type, or `""` to unset the field.
    Emptyable(Box<RTy>),
}

/// A member with its resolved type.
#[derive(Clone, Debug)]
pub struct RMember {
    pub name: String,
    pub required: bool,
    pub ty: RTy,
    pub doc: String,
}

/// A named type.
#[derive(Clone, Debug)]
pub enum Named {
    Struct(Vec<RMember>),
    Enum(Vec<String>),
    Union(Vec<RTy>),
}

/// Every endpoint's parameters with their types named.
#[derive(Debug, Default)]
pub struct Types {
    /// The named types, by name, with a doc line.
    pub items: BTreeMap<String, (String, Named)>,
    /// Each operation's members, in the order of the operations.
    pub operations: Vec<Vec<RMember>>,
}

/// Names the parameter types of `operations`.
pub fn resolve(operations: &[Operation]) -> Types {
    let mut counts = Counts::default();
    let mut seen = BTreeSet::new();
    for operation in operations {
        for member in &operation.params {
            counts.walk(&member.name, &member.ty, &mut seen);
        }
    }
    let shared = counts.shared_names();
    let mut namer = Namer {
        shared,
        types: Types::default(),
    };
    for operation in operations {
        let base = operation.type_base();
        let members = namer.members(&base, &operation.params);
        namer.types.operations.push(members);
    }
    namer.types
}

/// How often each shape occurs, and under which field names and titles.
#[derive(Default)]
struct Counts {
    /// For each shape: the field names it occurs under, one per place.
    places: BTreeMap<PTy, Vec<String>>,
}

impl Counts {
    /// Counts the named types in `ty`, found in the field `field`; a hash already seen
    /// is counted again but not walked again (its members are emitted once with it).
    fn walk(&mut self, field: &str, ty: &PTy, seen: &mut BTreeSet<PTy>) {
        let (ty, _) = ty.without_empty();
        match &ty {
            PTy::Hash(hash) => {
                let shape = ty.shape();
                self.places
                    .entry(shape.clone())
                    .or_default()
                    .push(field.to_string());
                if seen.insert(shape) {
                    for member in &hash.members {
                        self.walk(&member.name, &member.ty, seen);
                    }
                }
            }
            PTy::Enum(values) if values.len() <= MAX_ENUM_VALUES => {
                self.places
                    .entry(ty.shape())
                    .or_default()
                    .push(field.to_string());
            }
            PTy::Array(inner) | PTy::Map(inner) => self.walk(field, inner, seen),
            PTy::AnyOf(alternatives) => {
                for alternative in alternatives {
                    self.walk(field, alternative, seen);
                }
            }
            _ => {}
        }
    }

    /// The name of each shape used in several places: its field's name when all places
    /// agree on one that no other shape wants, else its title when only it has that title.
    fn shared_names(&self) -> BTreeMap<PTy, String> {
        let shared: Vec<(&PTy, &Vec<String>)> = self
            .places
            .iter()
            .filter(|(_, places)| places.len() > 1)
            .collect();
        let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
        let candidate = |shape: &PTy, places: &[String]| -> Option<String> {
            let fields: BTreeSet<&String> = places.iter().collect();
            match fields.into_iter().collect::<Vec<_>>().as_slice() {
                [field] => Some(pascal(field)),
                _ => match shape {
                    PTy::Hash(hash) => hash.title.as_deref().map(pascal),
                    _ => None,
                },
            }
        };
        for (shape, places) in &shared {
            if let Some(name) = candidate(shape, places) {
                *wanted.entry(name).or_default() += 1;
            }
        }
        shared
            .into_iter()
            .filter_map(|(shape, places)| {
                let name = candidate(shape, places)?;
                (wanted[&name] == 1).then(|| (shape.clone(), name))
            })
            .collect()
    }
}

struct Namer {
    shared: BTreeMap<PTy, String>,
    types: Types,
}

impl Namer {
    fn members(&mut self, owner: &str, members: &[Member]) -> Vec<RMember> {
        members
            .iter()
            .map(|member| RMember {
                name: member.name.clone(),
                required: member.required,
                ty: self.ty(owner, &member.name, &member.ty, &member.doc),
                doc: member.doc.clone(),
            })
            .collect()
    }

    /// The type `ty` of the field `field` of `owner`, naming what it holds.
    fn ty(&mut self, owner: &str, field: &str, ty: &PTy, doc: &str) -> RTy {
        let (ty, emptyable) = ty.without_empty();
        let resolved = match &ty {
            PTy::Str => RTy::Str,
            PTy::Decimal => RTy::Decimal,
            PTy::Int => RTy::Int,
            PTy::Bool => RTy::Bool,
            PTy::Empty => RTy::Empty,
            PTy::Enum(values) if values.len() > MAX_ENUM_VALUES => RTy::LongEnum(values.len()),
            PTy::Enum(values) => {
                let name = self.name_of(&ty, owner, field);
                self.define(&name, doc, Named::Enum(values.clone()));
                RTy::Enum(name)
            }
            PTy::Hash(hash) => {
                let name = self.name_of(&ty, owner, field);
                let members = self.members(&name, &hash.members);
                self.define(&name, doc, Named::Struct(members));
                RTy::Struct(name)
            }
            PTy::Map(inner) => RTy::Map(Box::new(self.ty(owner, field, inner, doc))),
            PTy::Array(inner) => RTy::Array(Box::new(self.ty(owner, field, inner, doc))),
            PTy::AnyOf(alternatives) => {
                let name = format!("{owner}{}", pascal(field));
                let variants: Vec<RTy> = alternatives
                    .iter()
                    // What a union holds is named after the union unless shared.
                    .map(|alternative| match alternative {
                        PTy::Hash(_) => self.ty(&name, "hash", alternative, doc),
                        _ => self.ty(&name, "value", alternative, doc),
                    })
                    .collect();
                self.define(&name, doc, Named::Union(variants));
                RTy::Union(name)
            }
        };
        match emptyable {
            true => RTy::Emptyable(Box::new(resolved)),
            false => resolved,
        }
    }

    fn name_of(&self, ty: &PTy, owner: &str, field: &str) -> String {
        self.shared
            .get(&ty.shape())
            .cloned()
            .unwrap_or_else(|| format!("{owner}{}", pascal(field)))
    }

    /// Records the type `name`; a second definition must be the same type.
    fn define(&mut self, name: &str, doc: &str, named: Named) {
        // Docs aside: a shared type's places may describe it in other words.
        let shape = |named: &Named| match named {
            Named::Struct(members) => format!(
                "{:?}",
                members
                    .iter()
                    .map(|m| (&m.name, m.required, &m.ty))
                    .collect::<Vec<_>>()
            ),
            other => format!("{other:?}"),
        };
        match self.types.items.get(name) {
            Some((_, existing)) => assert_eq!(
                shape(existing),
                shape(&named),
                "two parameter types would be named {name}"
            ),
            None => {
                self.types
                    .items
                    .insert(name.to_string(), (doc.to_string(), named));
            }
        }
    }
}
