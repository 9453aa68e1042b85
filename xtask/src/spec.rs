//! Reading the OpenAPI spec and the example objects into [`Models`].

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::model::{Field, Item, Kind, Models, OneOfVariant, Resource, Struct, Ty, Variant};
use crate::{areas, docs, infer, names, reconcile, shared_enums};

pub struct Builder<'s> {
    pub schemas: &'s Map<String, Value>,
    /// Rust names of the spec's components.
    pub names: BTreeMap<String, String>,
    /// Id type of each `object` value.
    pub ids: BTreeMap<String, String>,
    pub models: Models,
    building: BTreeSet<String>,
    /// The field each string enum was made for, as `Owner.field`.
    enum_fields: BTreeMap<String, String>,
}

/// Builds every model the fixtures need.
pub fn build(spec: &Value, fixtures: &Value) -> Models {
    let schemas = spec["components"]["schemas"]
        .as_object()
        .expect("the spec has components.schemas");
    let examples = fixtures["resources"]
        .as_object()
        .expect("the fixtures have resources");
    let mut builder = Builder {
        schemas,
        names: component_names(schemas, examples),
        ids: BTreeMap::new(),
        models: Models::default(),
        building: BTreeSet::new(),
        enum_fields: BTreeMap::new(),
    };
    builder.declare_ids(examples);
    for (name, example) in examples {
        let object = example["object"]
            .as_str()
            .expect("examples have an object")
            .to_string();
        let deleted = example["deleted"] == Value::Bool(true);
        let (type_name, inferred) = match builder.component_for(name) {
            Some(key) => (builder.component(&key), false),
            None => (infer::resource(&mut builder, name, example), true),
        };
        builder.models.resources.push(Resource {
            name: name.clone(),
            type_name,
            object,
            deleted,
            area: areas::area(name),
            inferred,
        });
    }
    for resource in builder.models.resources.clone() {
        if !resource.inferred {
            let example = &examples[&resource.name];
            reconcile::resource(&mut builder.models.items, &resource.type_name, example);
        }
    }
    let reserved: BTreeSet<String> = builder.names.values().cloned().collect();
    shared_enums::merge(&mut builder.models, &reserved, &builder.enum_fields);
    let mut models = builder.models;
    box_resources(&mut models);
    crate::emit_rust::assign(&mut models);
    models
}

/// Rust names for every component: the last part of a dotted name when no other
/// component has the same, else the whole name.
fn component_names(
    schemas: &Map<String, Value>,
    examples: &Map<String, Value>,
) -> BTreeMap<String, String> {
    let short = |key: &str| names::pascal(key.rsplit('.').next().unwrap_or(key));
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for key in schemas
        .keys()
        .chain(examples.keys().filter(|k| !schemas.contains_key(*k)))
    {
        *counts.entry(short(key)).or_default() += 1;
    }
    schemas
        .keys()
        .chain(examples.keys())
        .map(|key| {
            let name = if counts[&short(key)] > 1 {
                names::pascal(key)
            } else {
                short(key)
            };
            (key.clone(), name)
        })
        .collect()
}

impl<'s> Builder<'s> {
    /// The component that describes the fixture resource `name`.
    fn component_for(&self, name: &str) -> Option<String> {
        if self.schemas.contains_key(name) {
            return Some(name.to_string());
        }
        self.schemas
            .iter()
            .find(|(_, schema)| schema["x-resourceId"] == name)
            .map(|(key, _)| key.clone())
    }

    /// One id type per live resource, with the prefixes of Stripe's examples.
    fn declare_ids(&mut self, examples: &Map<String, Value>) {
        for (name, example) in examples {
            if name.starts_with("deleted_") || example["deleted"] == Value::Bool(true) {
                continue;
            }
            let (Some(object), Some(id)) = (example["object"].as_str(), example["id"].as_str())
            else {
                continue;
            };
            if object != name || self.ids.contains_key(object) {
                continue;
            }
            let type_name = format!("{}Id", self.names[name]);
            let mut prefixes: Vec<String> = prefix(id).into_iter().collect();
            if !prefixes.is_empty() {
                prefixes.extend(areas::extra_prefixes(object).iter().map(|p| p.to_string()));
            }
            let doc = format!("The id of a `{object}` object.");
            self.models.ids.insert(type_name.clone(), (doc, prefixes));
            self.ids.insert(object.to_string(), type_name);
        }
    }

    /// Builds the component `key` (once) and gives its Rust name.
    pub fn component(&mut self, key: &str) -> String {
        let name = self.names[key].clone();
        if self.models.items.contains_key(&name) || !self.building.insert(name.clone()) {
            return name;
        }
        let schema = &self.schemas[key];
        let doc = docs::line(
            schema["description"].as_str(),
            &format!("A `{key}` object."),
        );
        let kind = match schema["anyOf"].as_array() {
            Some(variants) => match self.one_of(variants) {
                Some(variants) => Kind::OneOf(variants),
                None => panic!("component {key} is a union without object tags"),
            },
            None => Kind::Struct(self.structure(&name, schema)),
        };
        self.models.items.insert(name.clone(), Item { doc, kind });
        name
    }

    fn structure(&mut self, name: &str, schema: &Value) -> Struct {
        let required: BTreeSet<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let empty = Map::new();
        let properties = schema["properties"].as_object().unwrap_or(&empty);
        let mut tag = None;
        let mut fields = Vec::new();
        for (key, property) in properties {
            let is_required = required.contains(key.as_str());
            if key == "object"
                && is_required
                && let Some([Value::String(value)]) = property["enum"].as_array().map(Vec::as_slice)
            {
                tag = Some(value.clone());
                continue;
            }
            let ty = match (key.as_str(), &tag) {
                ("id", _) if property["type"] == "string" => self.own_id(schema).unwrap_or(Ty::Str),
                _ => self.ty(property, name, key),
            };
            fields.push(Field {
                json: key.clone(),
                rust: names::field(key),
                ty,
                required: is_required,
                nullable: property["nullable"] == Value::Bool(true),
                doc: docs::line(property["description"].as_str(), &format!("`{key}`.")),
            });
        }
        Struct { fields, tag }
    }

    /// The id type of the resource `schema` describes, if it has one.
    fn own_id(&self, schema: &Value) -> Option<Ty> {
        let object = schema["properties"]["object"]["enum"][0].as_str()?;
        self.ids.get(object).map(|id| Ty::Id(id.clone()))
    }

    /// The type of `schema`, found in field `field` of `owner`.
    pub fn ty(&mut self, schema: &Value, owner: &str, field: &str) -> Ty {
        if let Some(reference) = schema["$ref"].as_str() {
            let key = reference.rsplit('/').next().expect("refs have a name");
            return Ty::Named(self.component(key));
        }
        if let Some(variants) = schema["anyOf"].as_array() {
            return self.any_of(schema, variants, owner, field);
        }
        match schema["type"].as_str() {
            Some("string") => match schema["enum"].as_array() {
                Some(values) => {
                    let values = values
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect();
                    self.string_enum(owner, field, schema, values)
                }
                None if field == "currency" || field.ends_with("_currency") => Ty::Currency,
                None => Ty::Str,
            },
            Some("integer") if schema["format"] == "unix-time" => Ty::Timestamp,
            Some("integer") => Ty::Int,
            Some("number") => Ty::Number,
            Some("boolean") => Ty::Bool,
            Some("array") => Ty::Vec(Box::new(self.ty(&schema["items"], owner, field))),
            Some("object") => self.object(schema, owner, field),
            _ => Ty::Raw,
        }
    }

    fn object(&mut self, schema: &Value, owner: &str, field: &str) -> Ty {
        let additional = &schema["additionalProperties"];
        if additional.is_object() {
            return Ty::Map(Box::new(self.ty(additional, owner, field)));
        }
        let Some(properties) = schema["properties"].as_object() else {
            return Ty::Raw;
        };
        let is_list = properties.get("object").and_then(|o| o["enum"].as_array())
            == Some(&vec![Value::from("list")])
            && properties.contains_key("data")
            && properties.contains_key("has_more");
        if is_list {
            let item = self.ty(&properties["data"]["items"], owner, field);
            return Ty::List(Box::new(item));
        }
        let name = format!("{owner}{}", names::pascal(field));
        self.claim(&name);
        let structure = self.structure(&name, schema);
        let doc = docs::line(
            schema["description"].as_str(),
            &format!("The `{field}` of a `{owner}`."),
        );
        self.models.items.insert(
            name.clone(),
            Item {
                doc,
                kind: Kind::Struct(structure),
            },
        );
        Ty::Named(name)
    }

    fn any_of(&mut self, schema: &Value, variants: &[Value], owner: &str, field: &str) -> Ty {
        if let Some(expansions) = schema["x-expansionResources"]["oneOf"].as_array() {
            let objects: BTreeSet<String> = expansions
                .iter()
                .filter_map(|v| v["$ref"].as_str())
                .filter_map(|r| self.tag_of(r.rsplit('/').next()?))
                .collect();
            let id = match objects.iter().collect::<Vec<_>>().as_slice() {
                [object] => self.ids.get(*object).cloned(),
                _ => None,
            };
            return Ty::Expandable(id.unwrap_or_else(|| "ObjectId".to_string()));
        }
        if let [single] = variants {
            return self.ty(single, owner, field);
        }
        match self.one_of(variants) {
            Some(variants) => {
                let name = format!("{owner}{}", names::pascal(field));
                self.claim(&name);
                let doc = docs::line(
                    schema["description"].as_str(),
                    &format!("The `{field}` of a `{owner}`."),
                );
                self.models.items.insert(
                    name.clone(),
                    Item {
                        doc,
                        kind: Kind::OneOf(variants),
                    },
                );
                Ty::Named(name)
            }
            None => Ty::Raw,
        }
    }

    /// The variants of a union of objects, if each has an `object` tag.
    fn one_of(&mut self, variants: &[Value]) -> Option<Vec<OneOfVariant>> {
        let mut out = Vec::new();
        for variant in variants {
            let key = variant["$ref"].as_str()?.rsplit('/').next()?.to_string();
            let object = self.tag_of(&key)?;
            let deleted = self.schemas[&key]["properties"].get("deleted").is_some();
            let type_name = self.component(&key);
            out.push(OneOfVariant {
                type_name,
                object,
                deleted,
            });
        }
        Some(out)
    }

    fn tag_of(&self, key: &str) -> Option<String> {
        Some(
            self.schemas.get(key)?["properties"]["object"]["enum"][0]
                .as_str()?
                .to_string(),
        )
    }

    /// A string enum for the field `field` of `owner`, named after them.
    fn string_enum(&mut self, owner: &str, field: &str, schema: &Value, values: Vec<String>) -> Ty {
        if values.iter().all(|v| v == "true") || values.is_empty() {
            return Ty::Str;
        }
        let name = &format!("{owner}{}", names::pascal(field));
        self.claim(name);
        self.enum_fields
            .insert(name.clone(), format!("{owner}.{field}"));
        let mut taken = BTreeSet::new();
        let variants = values
            .into_iter()
            .map(|value| {
                let mut variant = names::pascal(&value);
                if variant == "Unknown" || taken.contains(&variant) {
                    let mut n = 2;
                    while taken.contains(&format!("{variant}{n}")) {
                        n += 1;
                    }
                    variant = format!("{variant}{n}");
                }
                taken.insert(variant.clone());
                Variant {
                    name: variant,
                    value,
                }
            })
            .collect();
        let doc = docs::line(schema["description"].as_str(), "The values of this field.");
        self.models.items.insert(
            name.to_string(),
            Item {
                doc,
                kind: Kind::Enum(variants),
            },
        );
        Ty::Named(name.to_string())
    }

    /// Reserves `name` for a new item; two items with one name are a generator bug.
    pub fn claim(&mut self, name: &str) {
        let clash = self.models.items.contains_key(name) || self.names.values().any(|n| n == name);
        assert!(!clash, "two models would be named {name}");
    }
}

/// The prefix of an id such as `in_1MtHbE...`: its first part, if it looks like one.
fn prefix(id: &str) -> Option<String> {
    let (head, rest) = id.split_once('_')?;
    let plausible = !head.is_empty()
        && head.len() <= 12
        && head
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && rest.len() >= 8;
    plausible.then(|| format!("{head}_"))
}

/// Boxes fields that hold a resource by value, so that types that contain each other
/// (a payment intent's last error holds a payment intent) have a size.
fn box_resources(models: &mut Models) {
    let resources: BTreeSet<String> = models
        .resources
        .iter()
        .map(|r| r.type_name.clone())
        .collect();
    for item in models.items.values_mut() {
        if let Kind::Struct(structure) = &mut item.kind {
            for field in &mut structure.fields {
                if let Ty::Named(name) = &field.ty
                    && resources.contains(name)
                {
                    field.ty = Ty::Boxed(Box::new(field.ty.clone()));
                }
            }
        }
    }
}
