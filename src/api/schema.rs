//! The shape of an endpoint's parameters (generated from Stripe's spec into the
//! endpoint table) and the check of a parameter tree against it, before anything is
//! sent: every name is known at every depth, every required member is there, and every
//! value has the right shape. The check also gives the tree in the form to send:
//! arrays written as indexed hashes (`a[0]=x`, as a decoded form body has them) become
//! lists, and empty hashes and lists, which a form cannot carry, are left out.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;

use crate::form::{FormValue, MAX_PARAMS};

/// What a parameter's value must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schema {
    /// Any text: strings, ids and string enums.
    ///
    /// An enum value the spec does not list is accepted: Stripe adds values to its
    /// enums (and marks some `x-stripeBypassValidation`), the table comes from an older
    /// spec (API version 2023-08-16) than the API it calls, and refusing a value the API
    /// now takes would make a valid request impossible; Stripe checks the value itself.
    Text,
    /// A whole number in text (`12`, `-3`) that fits an `i64`.
    Integer,
    /// A decimal number in text (`12`, `0.5`, `-1.25`).
    Decimal,
    /// `true` or `false`.
    Boolean,
    /// Only the empty string, which tells Stripe to unset the field.
    Empty,
    /// A hash with these members (sorted by name) and no others.
    Hash(&'static [Member]),
    /// A hash with any keys, each holding the shape (`metadata`).
    Map(&'static Schema),
    /// An array of the shape.
    Array(&'static Schema),
    /// Any of these shapes.
    AnyOf(&'static [Schema]),
}

/// One member of a [`Schema::Hash`], or one parameter of an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// Its name.
    pub name: &'static str,
    /// Whether it must be given.
    pub required: bool,
    /// What its value must be.
    pub schema: &'static Schema,
}

impl Member {
    /// A member that must be given.
    pub const fn required(name: &'static str, schema: &'static Schema) -> Self {
        Self {
            name,
            required: true,
            schema,
        }
    }

    /// A member that may be left out.
    pub const fn optional(name: &'static str, schema: &'static Schema) -> Self {
        Self {
            name,
            required: false,
            schema,
        }
    }
}

/// Why a parameter tree does not fit its schema, naming the parameter as a form names
/// it (`parameters[interval_start]`, `columns[0]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Misfit {
    /// A name the schema does not have there.
    Unknown(String),
    /// A required member that is absent (or empty, which a form cannot send).
    Missing(String),
    /// A value of the wrong shape, or a name given twice.
    Invalid {
        /// The parameter.
        param: String,
        /// What it must be, such as `an integer`.
        expected: String,
    },
}

/// Checks the members `given` against `members`, and gives them as they are to be sent.
pub(crate) fn check(
    members: &'static [Member],
    given: &[(String, FormValue)],
) -> Result<Vec<(String, FormValue)>, Misfit> {
    hash(members, given, "")
}

/// `name` inside the parameter `parent`: `parent[name]`, or `name` at the top.
fn child(parent: &str, name: &str) -> String {
    match parent {
        "" => name.into(),
        _ => alloc::format!("{parent}[{name}]"),
    }
}

fn hash(
    members: &'static [Member],
    given: &[(String, FormValue)],
    param: &str,
) -> Result<Vec<(String, FormValue)>, Misfit> {
    // Names first, so that a misspelt name is what is reported.
    let mut found = alloc::vec![false; members.len()];
    let mut places = Vec::with_capacity(given.len());
    for (name, _) in given {
        let index = members
            .binary_search_by(|member| member.name.cmp(name))
            .map_err(|_| Misfit::Unknown(child(param, name)))?;
        if core::mem::replace(&mut found[index], true) {
            return Err(twice(child(param, name)));
        }
        places.push(index);
    }
    let mut out = Vec::with_capacity(given.len());
    let mut sent = alloc::vec![false; members.len()];
    for ((name, value), index) in given.iter().zip(places) {
        let value = self::value(members[index].schema, value, &child(param, name))?;
        if !is_empty(&value) {
            sent[index] = true;
            out.push((name.clone(), value));
        }
    }
    if let Some(missing) = members
        .iter()
        .zip(sent)
        .find(|(member, sent)| member.required && !sent)
    {
        return Err(Misfit::Missing(child(param, missing.0.name)));
    }
    Ok(out)
}

fn twice(param: String) -> Misfit {
    Misfit::Invalid {
        param,
        expected: "given only once".into(),
    }
}

/// Whether `value` is a hash or list with nothing in it: a form body cannot carry it.
fn is_empty(value: &FormValue) -> bool {
    match value {
        FormValue::Text(_) => false,
        FormValue::Map(members) => members.is_empty(),
        FormValue::List(elements) => elements.is_empty(),
    }
}

fn value(schema: &'static Schema, given: &FormValue, param: &str) -> Result<FormValue, Misfit> {
    let fits = match (schema, given) {
        (Schema::Text, FormValue::Text(_)) => true,
        (Schema::Integer, FormValue::Text(text)) => is_integer(text),
        (Schema::Decimal, FormValue::Text(text)) => is_decimal(text),
        (Schema::Boolean, FormValue::Text(text)) => matches!(text.as_str(), "true" | "false"),
        (Schema::Empty, FormValue::Text(text)) => text.is_empty(),
        (Schema::Hash(members), FormValue::Map(given)) => {
            return hash(members, given, param).map(FormValue::Map);
        }
        (Schema::Map(inner), FormValue::Map(given)) => return map(inner, given, param),
        (Schema::Array(inner), FormValue::List(elements)) => {
            return array(inner, elements.iter().enumerate(), param);
        }
        (Schema::Array(inner), FormValue::Map(given)) => {
            return array(inner, indexed(given, param)?, param);
        }
        (Schema::AnyOf(alternatives), _) => return any_of(alternatives, given, param),
        _ => false,
    };
    match fits {
        true => Ok(given.clone()),
        false => Err(Misfit::Invalid {
            param: param.into(),
            expected: describe(schema),
        }),
    }
}

fn map(
    inner: &'static Schema,
    given: &[(String, FormValue)],
    param: &str,
) -> Result<FormValue, Misfit> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(given.len());
    for (key, value) in given {
        if !seen.insert(key.as_str()) {
            return Err(twice(child(param, key)));
        }
        let value = self::value(inner, value, &child(param, key))?;
        if !is_empty(&value) {
            out.push((key.clone(), value));
        }
    }
    Ok(FormValue::Map(out))
}

/// The elements of an array written as a hash of indexes (`a[0]=x&a[1]=y`), in index
/// order. Indexes are written as numbers are (`0`, `12`; not `00` or `+1`), so that two
/// spellings of one index cannot both be given.
fn indexed<'v>(
    given: &'v [(String, FormValue)],
    param: &str,
) -> Result<impl Iterator<Item = (usize, &'v FormValue)>, Misfit> {
    let mut elements = BTreeMap::new();
    for (key, value) in given {
        let canonical =
            key == "0" || (!key.starts_with('0') && key.bytes().all(|b| b.is_ascii_digit()));
        let index = key
            .parse::<usize>()
            .ok()
            .filter(|index| canonical && *index < MAX_PARAMS)
            .ok_or_else(|| Misfit::Invalid {
                param: child(param, key),
                expected: alloc::format!("an index of the array {param} (0, 1, 2, ...)"),
            })?;
        if elements.insert(index, value).is_some() {
            return Err(twice(child(param, key)));
        }
    }
    Ok(elements.into_iter())
}

fn array<'v>(
    inner: &'static Schema,
    elements: impl Iterator<Item = (usize, &'v FormValue)>,
    param: &str,
) -> Result<FormValue, Misfit> {
    let mut out = Vec::new();
    for (index, element) in elements {
        let element = value(inner, element, &alloc::format!("{param}[{index}]"))?;
        if !is_empty(&element) {
            out.push(element);
        }
    }
    Ok(FormValue::List(out))
}

/// The alternative that fits `given`. When only one hash or array alternative takes a
/// value of its kind, that alternative's own error is given (it names the member at
/// fault); otherwise the error lists every alternative.
fn any_of(
    alternatives: &'static [Schema],
    given: &FormValue,
    param: &str,
) -> Result<FormValue, Misfit> {
    let takes = |schema: &&Schema| match given {
        FormValue::Text(_) => {
            !matches!(schema, Schema::Hash(_) | Schema::Map(_) | Schema::Array(_))
        }
        FormValue::Map(_) => matches!(schema, Schema::Hash(_) | Schema::Map(_) | Schema::Array(_)),
        FormValue::List(_) => matches!(schema, Schema::Array(_)),
    };
    let mut candidates = alternatives.iter().filter(takes);
    match (candidates.next(), candidates.next()) {
        (Some(only @ (Schema::Hash(_) | Schema::Map(_) | Schema::Array(_))), None) => {
            value(only, given, param)
        }
        _ => alternatives
            .iter()
            .filter(takes)
            .find_map(|schema| value(schema, given, param).ok())
            .ok_or_else(|| Misfit::Invalid {
                param: param.into(),
                expected: describe(&Schema::AnyOf(alternatives)),
            }),
    }
}

/// `12`, `-3`: an optional minus and digits, within an `i64`.
fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && text.parse::<i64>().is_ok()
}

/// `12`, `0.5`, `-1.25`: an optional minus, digits, and a fraction of digits.
fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// What a value of `schema` is, for messages: `an integer`, `a hash or an empty string`.
fn describe(schema: &Schema) -> String {
    let one = |schema: &Schema| match schema {
        Schema::Text => "a string",
        Schema::Integer => "an integer",
        Schema::Decimal => "a decimal number",
        Schema::Boolean => "a boolean (true or false)",
        Schema::Empty => "an empty string",
        Schema::Hash(_) | Schema::Map(_) => "a hash",
        Schema::Array(_) => "an array",
        Schema::AnyOf(_) => "one of several shapes",
    };
    match schema {
        Schema::AnyOf(alternatives) => {
            let mut names: Vec<&str> = Vec::new();
            for name in alternatives.iter().map(one) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            names.join(" or ")
        }
        other => one(other).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_stripe_writes_them() {
        for good in [
            "0",
            "12",
            "-3",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            assert!(is_integer(good), "{good}");
        }
        for bad in [
            "",
            "-",
            "+1",
            "1.0",
            " 1",
            "1e3",
            "abc",
            "9223372036854775808",
            "0x1",
        ] {
            assert!(!is_integer(bad), "{bad}");
        }
        for good in ["0", "12", "0.5", "-1.25", "00.10"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in ["", ".5", "1.", "-", "1e3", "1.2.3", "abc", "+1"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn alternatives_are_described_once_each() {
        static ALTERNATIVES: [Schema; 3] = [Schema::Text, Schema::Empty, Schema::Text];
        assert_eq!(
            describe(&Schema::AnyOf(&ALTERNATIVES)),
            "a string or an empty string"
        );
    }
}
