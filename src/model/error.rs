//! Why a JSON value does not decode into a model, and where.

use alloc::string::String;
use core::fmt;

use crate::json::{JsonError, Kind};

/// A value that does not fit its model, with the path of the field that does not fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Where in the document, as in `lines.data[0].amount`; empty for the whole value.
    pub path: String,
    /// What is wrong there.
    pub problem: Problem,
}

/// What is wrong with a value that does not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The text is not JSON.
    Syntax(JsonError),
    /// A required field is absent.
    Missing,
    /// The value has the wrong JSON type.
    Mismatch {
        /// The type the model needs, with an article: "an integer".
        expected: &'static str,
        /// The type found.
        found: Kind,
    },
    /// The object's `object` field names another resource.
    WrongObject {
        /// The `object` value the model expects.
        expected: &'static str,
    },
    /// Objects and arrays nest deeper than any Stripe object does.
    TooDeep,
    /// An object has more than [`MAX_MEMBERS`](super::MAX_MEMBERS) members.
    TooManyMembers,
}

impl DecodeError {
    /// A stable code for the problem, for programs.
    pub fn code(&self) -> &'static str {
        match self.problem {
            Problem::Syntax(_) => "invalid_json",
            Problem::Missing => "missing_field",
            Problem::Mismatch { .. } => "invalid_type",
            Problem::WrongObject { .. } => "wrong_object",
            Problem::TooDeep => "too_deep",
            Problem::TooManyMembers => "too_many_members",
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Problem::Syntax(error) = self.problem {
            return write!(f, "invalid JSON: {error}");
        }
        if self.path.is_empty() {
            f.write_str("the value")?;
        } else {
            write!(f, "`{}`", self.path)?;
        }
        match self.problem {
            Problem::Syntax(_) => Ok(()),
            Problem::Missing => f.write_str(" is required but missing"),
            Problem::Mismatch { expected, found } => {
                write!(f, ": expected {expected}, found {}", found.describe())
            }
            Problem::WrongObject { expected } => {
                write!(f, ": expected the string \"{expected}\"")
            }
            Problem::TooDeep => f.write_str(": nested too deeply"),
            Problem::TooManyMembers => write!(
                f,
                ": more than {} members, more than any Stripe object has",
                super::MAX_MEMBERS
            ),
        }
    }
}

impl core::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match &self.problem {
            Problem::Syntax(error) => Some(error),
            _ => None,
        }
    }
}
