//! JSON kept as text: values whose type the model does not know, and the members of
//! an object that its model has no field for. Both re-encode byte for byte.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::decode::Decode;
use super::encode::Encode;
use super::error::DecodeError;
use super::path::Path;
use crate::json::RawJson;

/// A JSON value kept as its exact text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawValue(String);

impl RawValue {
    pub(crate) fn from_valid(value: RawJson<'_>) -> Self {
        Self(String::from(value.get()))
    }

    /// The value's JSON text.
    pub fn get(&self) -> &str {
        &self.0
    }

    /// The value, for walking or decoding into a model.
    pub fn json(&self) -> RawJson<'_> {
        RawJson(&self.0)
    }

    /// Decodes the value into the model `T`.
    pub fn decode<T: Decode>(&self) -> Result<T, DecodeError> {
        T::decode(self.json(), &Path::ROOT)
    }
}

impl Decode for RawValue {
    const NAME: &'static str = "RawValue";

    fn decode(value: RawJson<'_>, _: &Path<'_>) -> Result<Self, DecodeError> {
        Ok(Self::from_valid(value))
    }
}

impl Encode for RawValue {
    fn encode(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

/// The members of an object that its model has no field for: fields added by API
/// versions newer than the model, kept so that re-encoding loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extra(Vec<(String, RawValue)>);

impl Extra {
    /// The members `members`, in order; a later member with the same name replaces the
    /// earlier one's value at the earlier one's place, as in `JSON.parse`. Takes time
    /// n·log n in the members (decoding builds every object's extras this way).
    pub fn from_members(members: impl IntoIterator<Item = (String, RawValue)>) -> Self {
        let mut out: Vec<(String, RawValue)> = Vec::new();
        let mut places: BTreeMap<String, usize> = BTreeMap::new();
        for (name, value) in members {
            match places.get(&name) {
                Some(&place) => out[place].1 = value,
                None => {
                    places.insert(name.clone(), out.len());
                    out.push((name, value));
                }
            }
        }
        Self(out)
    }

    /// Adds a member; a later member with the same name replaces the earlier one, as
    /// in `JSON.parse`. Takes time linear in the members (see [`Extra::from_members`]
    /// for many).
    pub fn insert(&mut self, name: String, value: RawValue) {
        match self.0.iter_mut().find(|(key, _)| *key == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
    }

    /// The member `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The members in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.0.iter().map(|(key, value)| (key.as_str(), value))
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
