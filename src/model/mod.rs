//! The runtime of the resource models: decoding validated JSON into typed models and
//! encoding them back, losslessly, with the building blocks the generated models use.
//!
//! Why not serde: the models must decode newer API versions without failing, keep
//! every unknown member and re-encode it, tell absent from `null`, and stay small in
//! wasm and quick to compile across hundreds of types. serde's `flatten` (the usual way
//! to keep unknown members) buffers every object and multiplies generated code; this
//! runtime keeps each model's decoder to one call per field.

mod decode;
mod encode;
mod error;
mod expandable;
mod id;
mod list;
mod object;
mod path;
mod raw;
mod scalars;
mod shape;
mod string_enum;
mod validate;

use alloc::string::String;

pub use decode::{Decode, Fields, MAX_MEMBERS, object_tag, type_name};
pub use encode::{Encode, ObjectWriter};
pub use error::{DecodeError, Problem};
pub use expandable::{Expandable, Expanded};
pub(crate) use id::id_type;
pub use id::{IdError, ObjectId, check_prefix};
pub use list::{List, SearchResult, V2Page};
pub use object::Object;
pub use path::Path;
pub use raw::{Extra, RawValue};
pub use scalars::{Currency, Number, Timestamp};
pub use shape::{FieldShape, Shape, StructShape, Variant};
#[allow(unused_imports, reason = "unused when no resource feature is on")]
pub(crate) use string_enum::{one_of, string_enum};
pub use validate::validate;

/// Decodes the JSON text `json` into the model `T`.
pub fn decode<T: Decode>(json: &str) -> Result<T, DecodeError> {
    T::decode(parse(json)?, &Path::ROOT)
}

/// Checks the JSON text `json` against the model `shape` without building the model:
/// the verdict of decoding it, for much less code.
pub fn validate_as(shape: &Shape, json: &str) -> Result<(), DecodeError> {
    validate(shape, parse(json)?, &Path::ROOT)
}

fn parse(json: &str) -> Result<crate::json::RawJson<'_>, DecodeError> {
    crate::json::validate(json).map_err(|error| DecodeError {
        path: String::new(),
        problem: Problem::Syntax(error),
    })
}

/// Encodes the model `value` as JSON text.
pub fn encode<T: Encode + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.encode(&mut out);
    out
}

/// A function that decodes JSON into one model and encodes it again.
pub type Reencoder = fn(&str) -> Result<String, DecodeError>;

/// Decodes `json` as `T` and encodes the model again: what a model keeps of a value.
pub fn reencode_as<T: Decode + Encode>(json: &str) -> Result<String, DecodeError> {
    decode::<T>(json).map(|model| encode(&model))
}
