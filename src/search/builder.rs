//! Building a query clause by clause, with values quoted and escaped by the printer, so
//! that no value can change the structure of the query.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::Query;
use super::ast::{Ast, Clause, ClauseSpans, Field, Joiner, Operator, Span, Value};
use super::catalog::Resource;
use super::error::{ErrorCode, SearchError};

/// A query being built for one resource; [`Search::build`] checks it as a whole.
#[derive(Clone, Debug)]
#[must_use]
pub struct Search {
    resource: Resource,
    joiners: Vec<Joiner>,
    clauses: Vec<Clause>,
}

/// A clause waiting for its operator and value.
#[derive(Clone, Debug)]
#[must_use]
pub struct Condition {
    search: Search,
    joiner: Joiner,
    path: String,
    key: Option<String>,
    negated: bool,
}

/// Starts a query for `resource`.
pub fn search(resource: Resource) -> Search {
    Search {
        resource,
        joiners: Vec::new(),
        clauses: Vec::new(),
    }
}

impl Search {
    /// The first clause, on `field` (a path such as `status`, or `metadata` with
    /// [`Condition::key`]).
    pub fn where_(self, field: &str) -> Condition {
        self.condition(Joiner::And, field)
    }

    /// Another clause that must also match.
    pub fn and(self, field: &str) -> Condition {
        self.condition(Joiner::And, field)
    }

    /// Another clause that may match instead.
    pub fn or(self, field: &str) -> Condition {
        self.condition(Joiner::Or, field)
    }

    fn condition(self, joiner: Joiner, field: &str) -> Condition {
        Condition {
            search: self,
            joiner,
            path: field.into(),
            key: None,
            negated: false,
        }
    }

    /// The query, checked by the same rules as a parsed one.
    pub fn build(self) -> Result<Query, SearchError> {
        let whole = Span::new(0, 0);
        if self.joiners.contains(&Joiner::And) && self.joiners.contains(&Joiner::Or) {
            return Err(SearchError::new(
                ErrorCode::MixedAndOr,
                whole,
                "one of and() or or() throughout",
                "cannot mix AND and OR in one query; the language has no parentheses".into(),
            ));
        }
        for clause in &self.clauses {
            let path = match &clause.field {
                Field::Path(path) | Field::Key(path, _) => path,
            };
            if self.resource.field(path).is_none() {
                return Err(SearchError::new(
                    ErrorCode::UnknownField,
                    whole,
                    "a query field of the resource",
                    format!("unknown field '{path}' for {} search", self.resource.name()),
                ));
            }
        }
        let joiner = self.joiners.first().copied().unwrap_or(Joiner::And);
        Query::from_ast(
            &Ast {
                joiner,
                clauses: self.clauses,
            },
            self.resource,
        )
    }
}

impl Condition {
    /// Negates the clause (`-field:value`).
    pub fn negate(mut self) -> Self {
        self.negated = !self.negated;
        self
    }

    /// Tests one key of a metadata field: `metadata["key"]`.
    pub fn key(mut self, key: &str) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Equals `value`.
    pub fn eq(self, value: impl Into<Value>) -> Search {
        self.compare(Operator::Exact, value.into())
    }

    /// Contains `text` (at least 3 characters).
    pub fn contains(self, text: &str) -> Search {
        self.compare(Operator::Substring, Value::Text(text.into()))
    }

    /// Greater than `number`.
    pub fn gt(self, number: i64) -> Search {
        self.compare(Operator::Greater, Value::Integer(number))
    }

    /// Less than `number`.
    pub fn lt(self, number: i64) -> Search {
        self.compare(Operator::Less, Value::Integer(number))
    }

    /// At least `number`.
    pub fn gte(self, number: i64) -> Search {
        self.compare(Operator::GreaterOrEqual, Value::Integer(number))
    }

    /// At most `number`.
    pub fn lte(self, number: i64) -> Search {
        self.compare(Operator::LessOrEqual, Value::Integer(number))
    }

    /// Has no value (`field:null`).
    pub fn is_null(self) -> Search {
        self.compare(Operator::Exact, Value::Null)
    }

    /// Ends the clause with `operator` and `value`.
    pub fn compare(self, operator: Operator, value: Value) -> Search {
        let mut search = self.search;
        if !search.clauses.is_empty() {
            search.joiners.push(self.joiner);
        }
        let field = match self.key {
            Some(key) => Field::Key(self.path, key),
            None => Field::Path(self.path),
        };
        search.clauses.push(Clause {
            negated: self.negated,
            field,
            operator,
            value,
            spans: ClauseSpans::default(),
        });
        search
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Self::Text(text.into())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<i64> for Value {
    fn from(number: i64) -> Self {
        Self::Integer(number)
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Self {
        Self::Text(if flag { "true" } else { "false" }.into())
    }
}
