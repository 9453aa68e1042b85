//! Stripe's search query language, checked before a request is sent: a parser with
//! positioned errors, per-resource field catalogs, a canonical printer, a builder, an
//! evaluator for JSON objects, and scoping of a query to one customer.
//!
//! The rules follow Stripe's "Search query language" documentation
//! (<https://docs.stripe.com/search#search-query-language>; quoted here from the copy of
//! <https://stripe.com/docs/search> archived on 2023-01-05):
//!
//! - "A query clause consists of a field followed by an operator followed by a value",
//!   as in `email:"amy@rocketrides.io"`; metadata is searched by key,
//!   `metadata["key"]:"value"`, and nested fields by dotted path
//!   (`payment_method_details.card.last4`).
//! - "You can combine multiple query clauses in a search by either separating them with a
//!   space, or using the AND or OR keywords (case insensitive). By default, the API
//!   combines clauses with AND logic. AND and OR operators are mutually exclusive." The
//!   language has no parentheses ([`ErrorCode::MixedAndOr`], [`ErrorCode::Parentheses`]),
//!   and a query has at most [`MAX_CLAUSES`] clauses.
//! - "You can negate query clauses using a - character": `-email:"amy@rocketrides.io"`.
//! - "Every search field supports exact matching with a `:`"; some string fields also
//!   take substring matching with `~`, whose value needs [`MIN_SUBSTRING_CHARS`]
//!   characters; numeric fields take `>`, `<`, `>=` and `<=` (`amount>1000`,
//!   `created>1609459200`).
//! - String values are quoted, in double or single quotes, with `\` escaping a quote;
//!   numbers are bare; `null` tests a field without a value.
//! - Each resource has its own query fields and their types (the "Query fields for ..."
//!   tables on the same page), in [`Resource::fields`]: `string`, `token`, `numeric`
//!   (timestamps among them), with `"true"`/`"false"` tokens and `metadata` told apart
//!   here so that their values are checked.
//!
//! Matching (the page's "Search syntax" table, as of docs.stripe.com in 2024–2025):
//! `:` is an exact match that ignores case on every field (its example,
//! `currency:"eur"`, finds `EUR`); on a `string` field it matches whole words in order
//! (`name:"jane"` finds "Jane Doe"), and `~` finds a substring, also ignoring case.
//! A charge's `refunded` is `"true"` when fully refunded, `"false"` when partly
//! refunded and `null` when not refunded.
//!
//! ```
//! use stripe_edge::search::{self, Resource};
//!
//! let query = search::parse("status:'open' AND total>1000", Resource::Invoices)?;
//! assert_eq!(query.to_string(), r#"status:"open" AND total>1000"#);
//!
//! let error = search::parse("customer~'cus_123'", Resource::Invoices).unwrap_err();
//! assert_eq!(error.to_string(), "invalid operator '~' for token field 'customer' at 8..9");
//!
//! let built = search::search(Resource::Invoices).where_("status").eq("open").and("total").gt(1000).build()?;
//! assert_eq!(built, query);
//! # Ok::<(), search::SearchError>(())
//! ```

mod ast;
mod builder;
mod catalog;
mod check;
mod error;
mod evaluate;
mod parse;
mod print;
mod restrict;

use alloc::string::ToString;
use core::fmt;

pub use ast::{Ast, Clause, ClauseSpans, Field, Joiner, Operator, Span, Value};
pub use builder::{Condition, Search, search};
pub use catalog::{FieldSpec, FieldType, Resource};
pub use error::{ErrorCode, SearchError};
pub use parse::parse_ast;

use crate::json::{JsonError, RawJson};

/// The most clauses one query may have.
pub const MAX_CLAUSES: usize = 10;

/// The fewest characters a substring (`~`) value may have.
pub const MIN_SUBSTRING_CHARS: usize = 3;

/// A query that follows the language's rules and the resource's query fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    resource: Resource,
    ast: Ast,
}

/// Parses `text` as a query of `resource` and checks it against the resource's fields.
pub fn parse(text: &str, resource: Resource) -> Result<Query, SearchError> {
    let ast = parse_ast(text)?;
    check::check(&ast, resource)?;
    Ok(Query { resource, ast })
}

impl Query {
    /// The query that `ast` says, checked by printing and parsing it, so that anything
    /// built is held to the same rules as anything typed.
    pub fn from_ast(ast: &Ast, resource: Resource) -> Result<Self, SearchError> {
        parse(&ast.to_string(), resource)
    }

    /// The resource it searches.
    pub fn resource(&self) -> Resource {
        self.resource
    }

    /// Its clauses and how they combine.
    pub fn ast(&self) -> &Ast {
        &self.ast
    }

    /// Whether the object `object` matches, with Stripe's semantics.
    pub fn matches(&self, object: RawJson<'_>) -> bool {
        evaluate::matches(self, object)
    }

    /// Whether the JSON text `json` is an object that matches.
    pub fn matches_json(&self, json: &str) -> Result<bool, JsonError> {
        crate::json::validate(json).map(|object| self.matches(object))
    }

    /// This query restricted to objects whose token field `field` is `value`: what it
    /// matched among those, and nothing else. Refused when the language cannot say it:
    /// an OR query (there are no parentheses), a query of 10 clauses, a field that is
    /// not a token (string fields match words, so they cannot pin one value).
    ///
    /// Stripe compares tokens ignoring case, so the restriction pins `value` up to
    /// case: a caller that must rule out an id differing only in case (a proxy scoping
    /// a customer) checks the field of each object returned as well.
    pub fn restrict(&self, field: &str, value: &str) -> Result<Self, SearchError> {
        restrict::restrict(self, field, value)
    }

    fn field_type(&self, clause: &Clause) -> FieldType {
        // Checked when the query was made, so the field is known.
        check::field_of(&clause.field, self.resource, clause)
            .map_or(FieldType::Token, |spec| spec.kind)
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.ast.fmt(f)
    }
}
