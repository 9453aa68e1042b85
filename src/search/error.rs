//! Errors in a search query: a stable code, the bytes at fault, what would have been
//! accepted there, and a message a person can act on.

use alloc::string::String;
use core::fmt;

use super::ast::Span;

/// Why a query was refused; [`ErrorCode::as_str`] is stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The query has no clause.
    EmptyQuery,
    /// A character that cannot start or continue a clause there.
    UnexpectedCharacter,
    /// The query ends in the middle of a clause.
    UnexpectedEnd,
    /// A quoted value without its closing quote.
    UnterminatedString,
    /// A string value without quotes.
    UnquotedValue,
    /// A number that is not an integer that fits in 64 bits.
    InvalidNumber,
    /// Parentheses, which Stripe's language does not have.
    Parentheses,
    /// `AND` and `OR` in one query.
    MixedAndOr,
    /// More clauses than Stripe takes.
    TooManyClauses,
    /// A `~` value shorter than Stripe's minimum.
    SubstringTooShort,
    /// A field the resource's search does not have.
    UnknownField,
    /// An operator the field's type does not allow.
    InvalidOperator,
    /// A value of the wrong type for the field.
    InvalidValue,
    /// A resource without a search endpoint.
    UnknownResource,
    /// A restriction the language cannot express for this query.
    CannotRestrict,
}

impl ErrorCode {
    /// The code as a stable string, such as `invalid_operator`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::EmptyQuery => "empty_query",
            Self::UnexpectedCharacter => "unexpected_character",
            Self::UnexpectedEnd => "unexpected_end",
            Self::UnterminatedString => "unterminated_string",
            Self::UnquotedValue => "unquoted_value",
            Self::InvalidNumber => "invalid_number",
            Self::Parentheses => "parentheses_not_supported",
            Self::MixedAndOr => "mixed_and_or",
            Self::TooManyClauses => "too_many_clauses",
            Self::SubstringTooShort => "substring_too_short",
            Self::UnknownField => "unknown_field",
            Self::InvalidOperator => "invalid_operator",
            Self::InvalidValue => "invalid_value",
            Self::UnknownResource => "unknown_resource",
            Self::CannotRestrict => "cannot_restrict",
        }
    }
}

/// A refused query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchError {
    /// Why.
    pub code: ErrorCode,
    /// The bytes at fault.
    pub span: Span,
    /// What would have been accepted there, such as "one of `:`, `~`".
    pub expected: String,
    /// What went wrong, without the position (`Display` adds it).
    pub message: String,
}

impl SearchError {
    /// An error at `span`.
    pub fn new(code: ErrorCode, span: Span, expected: &str, message: String) -> Self {
        Self {
            code,
            span,
            expected: expected.into(),
            message,
        }
    }
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {}..{}",
            self.message, self.span.start, self.span.end
        )
    }
}

impl core::error::Error for SearchError {}
