//! Expandable references: an id, or the object it names when the request asked for
//! it with `expand[]`.

use alloc::string::String;

use super::decode::{Decode, write_generic};
use super::encode::Encode;
use super::error::DecodeError;
use super::object::Object;
use super::path::Path;
use super::raw::RawValue;
use crate::json::{Kind, RawJson};

/// An id (`I`), or the expanded object it names.
///
/// The expanded object is kept as its JSON and decoded on request with
/// [`Expanded::decode`], into whichever model the program has enabled: a reference
/// from an invoice to a customer works without the `payments` feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expandable<I> {
    /// Only the id.
    Id(I),
    /// The whole object.
    Object(Expanded<I>),
}

impl<I> Expandable<I> {
    /// The id, whether expanded or not (an expanded object without an id gives `None`).
    pub fn id(&self) -> Option<&I> {
        match self {
            Self::Id(id) => Some(id),
            Self::Object(object) => object.id.as_ref(),
        }
    }

    /// The expanded object, if the reference was expanded.
    pub fn expanded(&self) -> Option<&Expanded<I>> {
        match self {
            Self::Id(_) => None,
            Self::Object(object) => Some(object),
        }
    }
}

/// An expanded object: its id and its JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expanded<I> {
    id: Option<I>,
    json: RawValue,
}

impl<I> Expanded<I> {
    /// The object's id.
    pub fn id(&self) -> Option<&I> {
        self.id.as_ref()
    }

    /// The object as it was read.
    pub fn json(&self) -> &RawValue {
        &self.json
    }

    /// The object decoded into the model `T`.
    pub fn decode<T: Object>(&self) -> Result<T, DecodeError> {
        self.json.decode()
    }
}

impl<I: Decode> Decode for Expandable<I> {
    fn write_name(out: &mut String) {
        write_generic::<I>(out, "Expandable");
    }

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        if value.kind() != Kind::Object {
            return I::decode(value, path).map(Self::Id);
        }
        let id = match value.member("id") {
            Some(id) => Some(I::decode(id, &path.key("id"))?),
            None => None,
        };
        Ok(Self::Object(Expanded {
            id,
            json: RawValue::from_valid(value),
        }))
    }
}

impl<I: Encode> Encode for Expandable<I> {
    fn encode(&self, out: &mut String) {
        match self {
            Self::Id(id) => id.encode(out),
            Self::Object(object) => object.json.encode(out),
        }
    }
}
