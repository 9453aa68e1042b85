//! The syntax tree of a search query: clauses of a field, an operator and a value,
//! joined by `AND` or by `OR`, each with the byte span it came from.

use alloc::string::String;
use alloc::vec::Vec;

/// A range of bytes in the query text, `start..end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The bytes `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// How the clauses of a query combine. Stripe's language has no parentheses, so a
/// query uses one of the two throughout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Joiner {
    /// Every clause must match (clauses separated by spaces or `AND`).
    And,
    /// Any clause may match.
    Or,
}

/// A field: a dotted path such as `status` or `billing_details.address.postal_code`,
/// or one key of a metadata map, `metadata["order_id"]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// A dotted path of member names.
    Path(String),
    /// `map["key"]`: the map's path and the key.
    Key(String, String),
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `:` — equals.
    Exact,
    /// `~` — contains (at least 3 characters).
    Substring,
    /// `>`
    Greater,
    /// `<`
    Less,
    /// `>=`
    GreaterOrEqual,
    /// `<=`
    LessOrEqual,
}

impl Operator {
    /// The operator written as `text`, such as `>=`.
    pub fn from_text(text: &str) -> Option<Self> {
        [
            Self::Exact,
            Self::Substring,
            Self::Greater,
            Self::Less,
            Self::GreaterOrEqual,
            Self::LessOrEqual,
        ]
        .into_iter()
        .find(|operator| operator.as_str() == text)
    }

    /// The operator as written in a query.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Exact => ":",
            Self::Substring => "~",
            Self::Greater => ">",
            Self::Less => "<",
            Self::GreaterOrEqual => ">=",
            Self::LessOrEqual => "<=",
        }
    }
}

/// A clause's value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// A quoted string, unescaped.
    Text(String),
    /// An unquoted integer (amounts in the smallest unit, timestamps in unix seconds).
    Integer(i64),
    /// `null`: the field has no value.
    Null,
}

/// Where the parts of a clause are in the query text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ClauseSpans {
    /// The whole clause, with its `-`.
    pub clause: Span,
    /// The field.
    pub field: Span,
    /// The operator.
    pub operator: Span,
    /// The value.
    pub value: Span,
}

/// One condition: `[-]field op value`.
#[derive(Clone, Debug, Eq)]
pub struct Clause {
    /// Whether the clause is negated with a leading `-`.
    pub negated: bool,
    /// The field it tests.
    pub field: Field,
    /// How it compares.
    pub operator: Operator,
    /// What it compares with.
    pub value: Value,
    /// Where it was in the text; ignored when clauses are compared.
    pub spans: ClauseSpans,
}

impl PartialEq for Clause {
    fn eq(&self, other: &Self) -> bool {
        self.negated == other.negated
            && self.field == other.field
            && self.operator == other.operator
            && self.value == other.value
    }
}

/// A parsed query: its clauses and how they combine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ast {
    /// `And` for a single clause.
    pub joiner: Joiner,
    /// At least one, at most [`MAX_CLAUSES`](super::MAX_CLAUSES).
    pub clauses: Vec<Clause>,
}
