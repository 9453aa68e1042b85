//! Scoping a query to one value of a token field, for a proxy that lets a customer
//! search only their own objects.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::ast::{Ast, Clause, ClauseSpans, Field, Joiner, Operator, Span, Value};
use super::catalog::FieldType;
use super::error::{ErrorCode, SearchError};
use super::{MAX_CLAUSES, Query};

/// `query` with the clause `field:"value"` added, or why the language cannot say it.
pub fn restrict(query: &Query, field: &str, value: &str) -> Result<Query, SearchError> {
    let resource = query.resource();
    let whole = Span::new(0, 0);
    let refuse = |expected: &str, message: String| {
        Err(SearchError::new(
            ErrorCode::CannotRestrict,
            whole,
            expected,
            message,
        ))
    };
    match resource.field(field) {
        Some(spec) if spec.kind == FieldType::Token => {}
        Some(spec) => {
            return refuse(
                "a token field",
                format!(
                    "cannot restrict on {} field '{field}': only token fields match one value exactly",
                    spec.kind.as_str()
                ),
            );
        }
        None => {
            return refuse(
                "a token field",
                format!(
                    "cannot restrict on '{field}': {} search has no such field",
                    resource.name()
                ),
            );
        }
    }
    let ast = query.ast();
    if ast.joiner == Joiner::Or && ast.clauses.len() > 1 {
        return refuse(
            "a query without OR",
            "cannot restrict an OR query: the language has no parentheses to group it".into(),
        );
    }
    if ast.clauses.len() >= MAX_CLAUSES {
        return refuse(
            "at most 9 clauses",
            format!(
                "cannot restrict a query of {MAX_CLAUSES} clauses: the restriction needs one more"
            ),
        );
    }
    let mut clauses: Vec<Clause> = ast.clauses.clone();
    clauses.push(Clause {
        negated: false,
        field: Field::Path(field.into()),
        operator: Operator::Exact,
        value: Value::Text(value.into()),
        spans: ClauseSpans::default(),
    });
    Query::from_ast(
        &Ast {
            joiner: Joiner::And,
            clauses,
        },
        resource,
    )
}
