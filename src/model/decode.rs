//! Decoding validated JSON into models: the [`Decode`] trait, its impls for the
//! building blocks, and [`Fields`], which reads an object's members for a model.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::error::{DecodeError, Problem};
use super::path::Path;
use super::raw::{Extra, RawValue};
use crate::json::{Kind, RawJson};

/// A model that can be read from a JSON value.
pub trait Decode: Sized {
    /// Reads `value`, found at `path`, into the model.
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError>;
}

/// The error for a value of the wrong JSON type.
pub fn mismatch(value: RawJson<'_>, path: &Path<'_>, expected: &'static str) -> DecodeError {
    path.error(Problem::Mismatch {
        expected,
        found: value.kind(),
    })
}

impl Decode for bool {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        value
            .as_bool()
            .ok_or_else(|| mismatch(value, path, "a boolean"))
    }
}

impl Decode for i64 {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        value
            .as_i64()
            .ok_or_else(|| mismatch(value, path, "an integer"))
    }
}

impl Decode for String {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        value
            .as_str()
            .map(|text| text.into_owned())
            .ok_or_else(|| mismatch(value, path, "a string"))
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        if value.is_null() {
            return Ok(None);
        }
        T::decode(value, path).map(Some)
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        T::decode(value, path).map(Box::new)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        path.enter()?;
        let elements = value
            .elements()
            .ok_or_else(|| mismatch(value, path, "an array"))?;
        elements
            .enumerate()
            .map(|(index, element)| T::decode(element, &path.index(index)))
            .collect()
    }
}

impl<T: Decode> Decode for BTreeMap<String, T> {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        path.enter()?;
        let members = value
            .members()
            .ok_or_else(|| mismatch(value, path, "an object"))?;
        members
            .map(|(key, member)| {
                let decoded = T::decode(member, &path.key(&key))?;
                Ok((key.into_owned(), decoded))
            })
            .collect()
    }
}

/// The members of an object, sorted into a model's fields by name; members the model
/// has no field for are kept as [`Extra`].
pub struct Fields<'a, 'p> {
    path: &'p Path<'p>,
    names: &'static [&'static str],
    values: Vec<Option<RawJson<'a>>>,
    extra: Extra,
}

impl<'a, 'p> Fields<'a, 'p> {
    /// Reads the object `value` for a model whose fields are `names`, sorted.
    pub fn read(
        value: RawJson<'a>,
        path: &'p Path<'p>,
        names: &'static [&'static str],
    ) -> Result<Self, DecodeError> {
        path.enter()?;
        let members = value
            .members()
            .ok_or_else(|| mismatch(value, path, "an object"))?;
        let mut values = alloc::vec![None; names.len()];
        let mut extra = Extra::default();
        for (key, member) in members {
            match names.binary_search(&&*key) {
                Ok(index) => values[index] = Some(member),
                Err(_) => extra.insert(key.into_owned(), RawValue::from_valid(member)),
            }
        }
        Ok(Self {
            path,
            names,
            values,
            extra,
        })
    }

    /// The field `index`, which must be present.
    pub fn required<T: Decode>(&self, index: usize) -> Result<T, DecodeError> {
        let name = self.names.get(index).copied().unwrap_or_default();
        match self.values.get(index).copied().flatten() {
            Some(value) => T::decode(value, &self.path.key(name)),
            None => Err(self.path.key(name).error(Problem::Missing)),
        }
    }

    /// The field `index`, which may be absent.
    pub fn optional<T: Decode>(&self, index: usize) -> Result<Option<T>, DecodeError> {
        let name = self.names.get(index).copied().unwrap_or_default();
        match self.values.get(index).copied().flatten() {
            Some(value) => T::decode(value, &self.path.key(name)).map(Some),
            None => Ok(None),
        }
    }

    /// Checks that the field `index` (the `object` field) holds the string `expected`.
    pub fn tag(&self, index: usize, expected: &'static str) -> Result<(), DecodeError> {
        let path = self
            .path
            .key(self.names.get(index).copied().unwrap_or_default());
        let Some(value) = self.values.get(index).copied().flatten() else {
            return Err(path.error(Problem::Missing));
        };
        match value.as_str() {
            Some(text) if text == expected => Ok(()),
            Some(_) => Err(path.error(Problem::WrongObject { expected })),
            None => Err(mismatch(value, &path, "a string")),
        }
    }

    /// The members the model has no field for.
    pub fn extra(self) -> Extra {
        self.extra
    }
}

/// The `object` and `deleted` members of an object, which say which model it is.
pub fn object_tag(value: RawJson<'_>) -> Option<(String, bool)> {
    if value.kind() != Kind::Object {
        return None;
    }
    let object = value.member("object")?.as_str()?.into_owned();
    let deleted = value.member("deleted").and_then(|d| d.as_bool()) == Some(true);
    Some((object, deleted))
}
