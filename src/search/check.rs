//! Checking a parsed query against a resource's query fields: every field known, every
//! operator allowed on its field's type, every value of that type.

use alloc::format;

use super::ast::{Ast, Clause, Field, Operator, Value};
use super::catalog::{FieldSpec, FieldType, Resource};
use super::error::{ErrorCode, SearchError};

/// Checks every clause of `ast` against the fields of `resource`.
pub fn check(ast: &Ast, resource: Resource) -> Result<(), SearchError> {
    ast.clauses
        .iter()
        .try_for_each(|clause| check_clause(clause, resource))
}

/// The query field a clause's field names, or why it names none.
pub fn field_of(
    field: &Field,
    resource: Resource,
    clause: &Clause,
) -> Result<FieldSpec, SearchError> {
    let span = clause.spans.field;
    let (path, keyed) = match field {
        Field::Path(path) => (path, false),
        Field::Key(path, _) => (path, true),
    };
    let unknown = || {
        let known: alloc::vec::Vec<&str> = resource.fields().iter().map(|f| f.name).collect();
        SearchError::new(
            ErrorCode::UnknownField,
            span,
            &known.join(", "),
            format!(
                "unknown field '{field}' for {} search; the fields are {}",
                resource.name(),
                known.join(", ")
            ),
        )
    };
    let spec = resource.field(path).ok_or_else(unknown)?;
    match (spec.kind, keyed) {
        (FieldType::Metadata, true) => Ok(spec),
        (FieldType::Metadata, false) => Err(SearchError::new(
            ErrorCode::UnknownField,
            span,
            "a key, as in metadata[\"key\"]",
            format!("'{path}' is searched by key, as in {path}[\"key\"]"),
        )),
        (_, true) => Err(unknown()),
        (_, false) => Ok(spec),
    }
}

fn check_clause(clause: &Clause, resource: Resource) -> Result<(), SearchError> {
    let spec = field_of(&clause.field, resource, clause)?;
    let kind = spec.kind;
    if !kind.allows(clause.operator) {
        return Err(SearchError::new(
            ErrorCode::InvalidOperator,
            clause.spans.operator,
            kind.operators(),
            format!(
                "invalid operator '{}' for {} field '{}'",
                clause.operator.as_str(),
                kind.as_str(),
                clause.field
            ),
        ));
    }
    let null_with_comparison = clause.value == Value::Null && clause.operator != Operator::Exact;
    if null_with_comparison || !kind.accepts(&clause.value) {
        return Err(SearchError::new(
            ErrorCode::InvalidValue,
            clause.spans.value,
            kind.values(),
            format!(
                "invalid value {} for {} field '{}': expected {}",
                clause.value,
                kind.as_str(),
                clause.field,
                kind.values()
            ),
        ));
    }
    Ok(())
}
