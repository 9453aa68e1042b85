//! Decoding validated JSON into models: the [`Decode`] trait, its impls for the
//! building blocks, and [`Fields`], which reads an object's members for a model.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::error::{DecodeError, Problem};
use super::path::Path;
use super::raw::{Extra, RawValue};
use super::shape::StructShape;
use crate::json::{Kind, RawJson};

/// A model that can be read from a JSON value.
pub trait Decode: Sized {
    /// The model's name in messages, such as `Invoice`; every generated model and
    /// building block has its own (`"value"` is for a type that does not name itself).
    const NAME: &'static str = "value";

    /// Writes the model's name in messages: [`Self::NAME`], with the names of the models
    /// a page or container holds (`List<Invoice>`).
    fn write_name(out: &mut String) {
        out.push_str(Self::NAME);
    }

    /// Reads `value`, found at `path`, into the model.
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError>;
}

/// The name of the model `T` in messages, such as `List<Invoice>`.
pub fn type_name<T: Decode>() -> String {
    let mut out = String::new();
    T::write_name(&mut out);
    out
}

/// Writes `outer<inner>`, the name of a container of `T`.
pub(crate) fn write_generic<T: Decode>(out: &mut String, outer: &str) {
    out.push_str(outer);
    out.push('<');
    T::write_name(out);
    out.push('>');
}

/// The error for a value of the wrong JSON type.
pub fn mismatch(value: RawJson<'_>, path: &Path<'_>, expected: &'static str) -> DecodeError {
    path.error(Problem::Mismatch {
        expected,
        found: value.kind(),
    })
}

impl Decode for bool {
    const NAME: &'static str = "bool";

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        value
            .as_bool()
            .ok_or_else(|| mismatch(value, path, "a boolean"))
    }
}

impl Decode for i64 {
    const NAME: &'static str = "i64";

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        value
            .as_i64()
            .ok_or_else(|| mismatch(value, path, "an integer"))
    }
}

impl Decode for String {
    const NAME: &'static str = "String";

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        value
            .as_str()
            .map(|text| text.into_owned())
            .ok_or_else(|| mismatch(value, path, "a string"))
    }
}

impl<T: Decode> Decode for Option<T> {
    fn write_name(out: &mut String) {
        write_generic::<T>(out, "Option");
    }

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        if value.is_null() {
            return Ok(None);
        }
        T::decode(value, path).map(Some)
    }
}

impl<T: Decode> Decode for Box<T> {
    fn write_name(out: &mut String) {
        T::write_name(out);
    }

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        T::decode(value, path).map(Box::new)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn write_name(out: &mut String) {
        write_generic::<T>(out, "Vec");
    }

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
    fn write_name(out: &mut String) {
        write_generic::<T>(out, "BTreeMap");
    }

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        path.enter()?;
        let members = value
            .members()
            .ok_or_else(|| mismatch(value, path, "an object"))?;
        members
            .enumerate()
            .map(|(index, (key, member))| {
                within_cap(index, path)?;
                let decoded = T::decode(member, &path.key(&key))?;
                Ok((key.into_owned(), decoded))
            })
            .collect()
    }
}

/// The members of an object, sorted into a model's fields by its [`StructShape`];
/// members the model has no field for are kept for [`Fields::extra`].
pub struct Fields<'a, 'p> {
    path: &'p Path<'p>,
    shape: &'static StructShape,
    values: Vec<Option<RawJson<'a>>>,
    unknown: Vec<(Cow<'a, str>, RawJson<'a>)>,
}

impl<'a, 'p> Fields<'a, 'p> {
    /// Reads the object `value` for the model `shape` and checks its `object` tag.
    pub fn read(
        value: RawJson<'a>,
        path: &'p Path<'p>,
        shape: &'static StructShape,
    ) -> Result<Self, DecodeError> {
        path.enter()?;
        let members = value
            .members()
            .ok_or_else(|| mismatch(value, path, "an object"))?;
        let mut values = alloc::vec![None; shape.fields.len()];
        let mut unknown = Vec::new();
        for (count, (key, member)) in members.enumerate() {
            within_cap(count, path)?;
            match shape.find(&key) {
                Some(index) => values[index] = Some(member),
                None => unknown.push((key, member)),
            }
        }
        let fields = Self {
            path,
            shape,
            values,
            unknown,
        };
        if let Some(expected) = shape.tag {
            fields.check_tag(expected)?;
        }
        Ok(fields)
    }

    fn check_tag(&self, expected: &'static str) -> Result<(), DecodeError> {
        let index = self.shape.find("object").unwrap_or_default();
        let path = self.path(index);
        let Some(value) = self.value(index) else {
            return Err(path.error(Problem::Missing));
        };
        match value.as_str() {
            Some(text) if text == expected => Ok(()),
            Some(_) => Err(path.error(Problem::WrongObject { expected })),
            None => Err(mismatch(value, &path, "a string")),
        }
    }

    /// The member for the field `index`, when present.
    pub fn value(&self, index: usize) -> Option<RawJson<'a>> {
        self.values.get(index).copied().flatten()
    }

    /// Where the field `index` is.
    pub fn path(&self, index: usize) -> Path<'p> {
        let name = self.shape.fields.get(index).map_or("", |field| field.name);
        self.path.key(name)
    }

    /// The field `index`, which must be present.
    pub fn required<T: Decode>(&self, index: usize) -> Result<T, DecodeError> {
        match self.value(index) {
            Some(value) => T::decode(value, &self.path(index)),
            None => Err(self.path(index).error(Problem::Missing)),
        }
    }

    /// The field `index`, which may be absent.
    pub fn optional<T: Decode>(&self, index: usize) -> Result<Option<T>, DecodeError> {
        match self.value(index) {
            Some(value) => T::decode(value, &self.path(index)).map(Some),
            None => Ok(None),
        }
    }

    /// The members the model has no field for.
    pub fn extra(self) -> Extra {
        Extra::from_members(
            self.unknown
                .into_iter()
                .map(|(key, member)| (key.into_owned(), RawValue::from_valid(member))),
        )
    }
}

/// The most members an object may have, far more than any Stripe object: every
/// object's members are kept (those a model does not know in its [`Extra`]), so this
/// bounds what a hostile answer can make a decoder hold.
pub const MAX_MEMBERS: usize = 10_000;

/// Refuses the member number `index` (from 0) of the object at `path` when it is one
/// more than [`MAX_MEMBERS`].
pub(crate) fn within_cap(index: usize, path: &Path<'_>) -> Result<(), DecodeError> {
    match index < MAX_MEMBERS {
        true => Ok(()),
        false => Err(path.error(Problem::TooManyMembers)),
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
