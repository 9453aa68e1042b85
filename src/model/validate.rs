//! Checking a value against a model's [`Shape`] without building the model: the same
//! verdict, and the same first error, as decoding it, from one small interpreter
//! instead of a decoder per type.

use super::decode::{Decode, Fields, mismatch, object_tag, within_cap};
use super::error::{DecodeError, Problem};
use super::expandable::Expandable;
use super::id::ObjectId;
use super::list::LIST;
use super::path::Path;
use super::scalars::Number;
use super::shape::{Shape, StructShape};
use crate::json::RawJson;

/// Checks `value`, found at `path`, against `shape`.
pub fn validate(shape: &Shape, value: RawJson<'_>, path: &Path<'_>) -> Result<(), DecodeError> {
    match shape {
        Shape::Bool => bool::decode(value, path).map(drop),
        Shape::Int => i64::decode(value, path).map(drop),
        Shape::Number => Number::decode(value, path).map(drop),
        // Read in place: an escaped string is unescaped, but none is kept.
        Shape::Str => value
            .as_str()
            .map(drop)
            .ok_or_else(|| mismatch(value, path, "a string")),
        Shape::Any => Ok(()),
        Shape::Struct(shape) => validate_struct(shape, value, path, None),
        Shape::OneOf(variants) => {
            let Some((object, deleted)) = object_tag(value) else {
                return Ok(());
            };
            match variants
                .iter()
                .find(|variant| variant.object == object && variant.deleted == deleted)
            {
                Some(variant) => validate_struct(variant.shape, value, path, None),
                None => Ok(()),
            }
        }
        Shape::Vec(item) => validate_vec(item, value, path),
        Shape::Map(item) => {
            path.enter()?;
            let members = value
                .members()
                .ok_or_else(|| mismatch(value, path, "an object"))?;
            for (index, (key, member)) in members.enumerate() {
                within_cap(index, path)?;
                validate(item, member, &path.key(&key))?;
            }
            Ok(())
        }
        Shape::List(item) => validate_struct(&LIST, value, path, Some(item)),
        Shape::Expandable => Expandable::<ObjectId>::decode(value, path).map(drop),
    }
}

/// Checks an object against `shape`; `data` is the element shape of a list's `data`.
fn validate_struct(
    shape: &'static StructShape,
    value: RawJson<'_>,
    path: &Path<'_>,
    data: Option<&Shape>,
) -> Result<(), DecodeError> {
    let fields = Fields::read(value, path, shape)?;
    for (index, field) in shape.fields.iter().enumerate() {
        let Some(member) = fields.value(index) else {
            if field.required {
                return Err(fields.path(index).error(Problem::Missing));
            }
            continue;
        };
        if field.nullable && member.is_null() {
            continue;
        }
        match data {
            Some(item) if field.name == "data" => validate_vec(item, member, &fields.path(index)),
            _ => validate(field.shape, member, &fields.path(index)),
        }?;
    }
    Ok(())
}

fn validate_vec(item: &Shape, value: RawJson<'_>, path: &Path<'_>) -> Result<(), DecodeError> {
    path.enter()?;
    let elements = value
        .elements()
        .ok_or_else(|| mismatch(value, path, "an array"))?;
    for (index, element) in elements.enumerate() {
        validate(item, element, &path.index(index))?;
    }
    Ok(())
}
