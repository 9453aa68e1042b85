//! Deciding whether a JSON object matches a query, with Stripe's semantics: `:` ignores
//! case on every field type; on a string field it matches a sequence of whole words,
//! and `~` a substring; numbers compare exactly; metadata is looked up by key; `null`
//! stands for a missing or null value; `-` negates.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use super::Query;
use super::ast::{Clause, Field, Joiner, Operator, Value};
use super::catalog::{FieldType, Resource};
use crate::json::{Kind, RawJson};

/// Whether `object` matches every clause (AND) or any clause (OR) of `query`.
pub fn matches(query: &Query, object: RawJson<'_>) -> bool {
    let mut results = query.ast().clauses.iter().map(|clause| {
        let kind = query.field_type(clause);
        let found = searched_value(query.resource(), &clause.field, object);
        clause_matches(clause, kind, found)
    });
    match query.ast().joiner {
        Joiner::And => results.all(|hit| hit),
        Joiner::Or => results.any(|hit| hit),
    }
}

fn clause_matches(clause: &Clause, kind: FieldType, found: Option<RawJson<'_>>) -> bool {
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

/// The value Stripe searches for `field` of `object`, unless it is absent or `null`.
/// Mostly the member at the field's path (an expanded object stands for its id); a
/// charge's `refunded` is `"true"` when fully refunded, `"false"` when partly refunded
/// and `null` when not refunded at all, as Stripe's charge query fields say.
fn searched_value<'a>(
    resource: Resource,
    field: &Field,
    object: RawJson<'a>,
) -> Option<RawJson<'a>> {
    if resource == Resource::Charges && matches!(field, Field::Path(path) if path == "refunded") {
        return match object.member("refunded").and_then(RawJson::as_bool) {
            Some(true) => Some(RawJson("true")),
            _ => object
                .member("amount_refunded")
                .and_then(|amount| number_order(amount, 0))
                .filter(|order| order.is_gt())
                .map(|_| RawJson("false")),
        };
    }
    lookup(object, field)
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
    let actual = match found.kind() {
        // A number's text stands for it (`last4:1234`, `exp_month:12`).
        Kind::Number | Kind::Bool => found.get().into(),
        _ => match found.as_str() {
            Some(actual) => actual,
            None => return false,
        },
    };
    match (kind, operator) {
        (FieldType::String, Operator::Substring) => {
            lowercase(&actual).contains(&lowercase(expected))
        }
        (FieldType::String, _) => has_phrase(&actual, expected),
        _ => equal_ignoring_case(&actual, expected),
    }
}

fn lowercase(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

fn equal_ignoring_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The words of `text`: its runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Whether the words of `phrase` occur one after another in `text`, ignoring case; a
/// phrase without words must equal the whole text.
fn has_phrase(text: &str, phrase: &str) -> bool {
    let wanted: Vec<&str> = words(phrase).collect();
    if wanted.is_empty() {
        return equal_ignoring_case(text, phrase);
    }
    let have: Vec<&str> = words(text).collect();
    have.windows(wanted.len()).any(|window| {
        window
            .iter()
            .zip(&wanted)
            .all(|(a, b)| equal_ignoring_case(a, b))
    })
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
