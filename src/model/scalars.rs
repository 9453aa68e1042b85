//! Scalars with a meaning beyond their JSON type: timestamps, currencies and
//! numbers that are not integers.

use alloc::string::String;

use super::decode::{Decode, mismatch};
use super::encode::Encode;
use super::error::DecodeError;
use super::path::Path;
use crate::json::{Kind, RawJson};

/// A point in time, in seconds since the Unix epoch, as Stripe sends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Decode for Timestamp {
    const NAME: &'static str = "Timestamp";

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        i64::decode(value, path).map(Self)
    }
}

impl Encode for Timestamp {
    fn encode(&self, out: &mut String) {
        self.0.encode(out);
    }
}

/// A three-letter ISO currency code, in lowercase as Stripe sends it (`usd`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency(pub String);

impl Currency {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Decode for Currency {
    const NAME: &'static str = "Currency";

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        String::decode(value, path).map(Self)
    }
}

impl Encode for Currency {
    fn encode(&self, out: &mut String) {
        self.0.encode(out);
    }
}

/// A JSON number that need not be an integer (a percentage, a rate), kept as written
/// so that re-encoding never changes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as the closest `f64`.
    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

impl Decode for Number {
    const NAME: &'static str = "Number";

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        if value.kind() != Kind::Number {
            return Err(mismatch(value, path, "a number"));
        }
        Ok(Self(String::from(value.get())))
    }
}

impl Encode for Number {
    fn encode(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}
