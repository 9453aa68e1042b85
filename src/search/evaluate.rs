//! Deciding whether a JSON object matches a query, with Stripe's semantics: exact token
//! matches, case-insensitive string matches and substrings, integer comparisons,
//! metadata by key, `null` for a missing or null value, and negation.

use alloc::format;
use alloc::string::String;
use core::cmp::Ordering;

use super::Query;
use super::ast::{Clause, Field, Joiner, Operator, Value};
use super::catalog::FieldType;
use crate::json::{Kind, RawJson};

/// Whether `object` matches every clause (AND) or any clause (OR) of `query`.
pub fn matches(query: &Query, object: RawJson<'_>) -> bool {
    let mut results = query.ast().clauses.iter().map(|clause| {
        let kind = query.field_type(clause);
        clause_matches(clause, kind, object)
    });
    match query.ast().joiner {
        Joiner::And => results.all(|hit| hit),
        Joiner::Or => results.any(|hit| hit),
    }
}

fn clause_matches(clause: &Clause, kind: FieldType, object: RawJson<'_>) -> bool {
    let found = lookup(object, &clause.field);
    let hit = match (&clause.value, found) {
        (Value::Null, found) => found.is_none(),
        (_, None) => false,
        (value, Some(found)) if matches!(kind, FieldType::Numeric | FieldType::Timestamp) => {
            // Quoted numbers count as numbers (`amount>="10"`).
            let number = match value {
                Value::Integer(number) => Some(*number),
                Value::Text(text) => text.parse().ok(),
                Value::Null => None,
            };
            number
                .and_then(|number| number_order(found, number))
                .is_some_and(|order| compare(clause.operator, order))
        }
        (Value::Integer(number), Some(found)) => {
            text_matches(kind, clause.operator, &format!("{number}"), found)
        }
        (Value::Text(text), Some(found)) => text_matches(kind, clause.operator, text, found),
    };
    hit != clause.negated
}

/// The value at the field, unless it is absent or `null`; an expanded object stands
/// for its id.
fn lookup<'a>(object: RawJson<'a>, field: &Field) -> Option<RawJson<'a>> {
    let (path, key) = match field {
        Field::Path(path) => (path, None),
        Field::Key(path, key) => (path, Some(key)),
    };
    let mut at = object;
    for name in path
        .split('.')
        .map(Some)
        .chain(core::iter::once(key.map(String::as_str)))
    {
        let Some(name) = name else { break };
        at = at.member(name)?;
    }
    if at.is_null() {
        return None;
    }
    match at.kind() {
        Kind::Object if key.is_none() => at.member("id"),
        _ => Some(at),
    }
}

fn text_matches(kind: FieldType, operator: Operator, expected: &str, found: RawJson<'_>) -> bool {
    match kind {
        FieldType::Boolean => found.as_bool() == Some(expected == "true"),
        FieldType::String => {
            let Some(actual) = found.as_str() else {
                return false;
            };
            let (actual, expected) = (actual.to_lowercase(), expected.to_lowercase());
            match operator {
                Operator::Substring => actual.contains(&expected),
                _ => actual == expected,
            }
        }
        // A token equals a string, or a number's text (`last4:1234`, `exp_month:12`).
        _ => match found.kind() {
            Kind::Number => found.get() == expected,
            _ => found.as_str().is_some_and(|actual| actual == expected),
        },
    }
}

/// How the number `found` compares with `expected`, exactly; `None` when it is not a
/// number (or has an exponent, which Stripe's objects never use).
fn number_order(found: RawJson<'_>, expected: i64) -> Option<Ordering> {
    if found.kind() != Kind::Number {
        return None;
    }
    let text = found.get();
    if text.contains(['e', 'E']) {
        return None;
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let negative = whole.starts_with('-');
    let Ok(whole) = whole.parse::<i64>() else {
        // Too large for an integer: beyond `expected` on its side of zero.
        return Some(if negative {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    };
    if fraction.bytes().all(|digit| digit == b'0') {
        return Some(whole.cmp(&expected));
    }
    // Strictly between `whole` and the next integer away from zero.
    Some(match (negative, whole.cmp(&expected)) {
        (false, Ordering::Less) => Ordering::Less,
        (false, _) => Ordering::Greater,
        (true, Ordering::Greater) => Ordering::Greater,
        (true, _) => Ordering::Less,
    })
}

fn compare(operator: Operator, order: Ordering) -> bool {
    match operator {
        Operator::Exact => order.is_eq(),
        Operator::Greater => order.is_gt(),
        Operator::Less => order.is_lt(),
        Operator::GreaterOrEqual => order.is_ge(),
        Operator::LessOrEqual => order.is_le(),
        Operator::Substring => false,
    }
}
