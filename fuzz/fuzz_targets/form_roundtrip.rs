//! Form bodies on any input, and parameters of the spec's shapes (issue 13):
//!
//! 1. Any bytes as a body, with an endpoint chosen by the first byte: decoding never
//!    panics; what decodes encodes to a body that decodes to the same tree (lists
//!    written `a[]` come back as indexed hashes, `a[0]`, which is what the schema reads);
//!    what the endpoint's check accepts, encoded and decoded again, is accepted as the
//!    same tree, and checking it again changes nothing.
//! 2. The same bytes as choices: a parameter tree that follows the endpoint's schema
//!    (members, hashes of any keys, arrays, alternatives, text for numbers) is
//!    accepted, and its encoding decodes and checks back to it.
//!
//! No input may take 100 ms or more: `scripts/fuzz.sh` runs it with `-timeout=1`
//! (libFuzzer's timeout counts whole seconds) and then replays every input of the
//! corpus one by one, failing on any that libFuzzer times at 100 ms or more.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use stripe_edge::api::{ENDPOINTS, Endpoint, Member, Schema};
use stripe_edge::form::{self, FormValue};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let endpoint = ENDPOINTS[usize::from(pick) % ENDPOINTS.len()];
    if let Ok(body) = core::str::from_utf8(rest) {
        any_body(endpoint, body);
    }
    if let Ok(params) = tree(&mut Unstructured::new(rest), endpoint.params, false) {
        round_trip(endpoint, &params);
    }
});

fn any_body(endpoint: &Endpoint, body: &str) {
    let Ok(tree) = form::decode(body) else {
        return;
    };
    let again = form::decode(&form::encode(&tree)).expect("an encoding decodes");
    assert_eq!(again, indexed(&tree), "{body}");
    if let Ok(checked) = endpoint.check_params(&tree) {
        assert_eq!(endpoint.check_params(&checked).as_ref(), Ok(&checked));
        let back = form::decode(&form::encode(&checked)).expect("an encoding decodes");
        assert_eq!(endpoint.check_params(&back), Ok(checked), "{body}");
    }
}

/// `value` with every list written as a hash of its indexes, as an encoding reads back
/// before a schema says which hashes are arrays.
fn indexed(value: &FormValue) -> FormValue {
    match value {
        FormValue::Text(text) => FormValue::Text(text.clone()),
        FormValue::Map(members) => FormValue::Map(
            members
                .iter()
                .map(|(key, member)| (key.clone(), indexed(member)))
                .collect(),
        ),
        FormValue::List(elements) => FormValue::Map(
            elements
                .iter()
                .enumerate()
                .map(|(index, element)| (index.to_string(), indexed(element)))
                .collect(),
        ),
    }
}

fn round_trip(endpoint: &Endpoint, params: &FormValue) {
    let checked = endpoint
        .check_params(params)
        .unwrap_or_else(|error| panic!("{}: {params:?} is of its shapes: {error}", endpoint.name));
    let body = form::encode(&checked);
    let decoded = form::decode(&body).unwrap_or_else(|error| panic!("{body}: {error}"));
    assert_eq!(endpoint.check_params(&decoded), Ok(checked), "{body}");
}

/// A map of `members`: every required one, and the others as the input chooses; not
/// empty when `filled` (a required hash must send something).
fn tree(u: &mut Unstructured<'_>, members: &'static [Member], filled: bool) -> Result<FormValue> {
    let mut out = Vec::new();
    for (index, member) in members.iter().enumerate() {
        let last_chance = filled && out.is_empty() && index + 1 == members.len();
        if member.required || last_chance || u.arbitrary::<bool>()? {
            out.push((member.name.to_string(), value(u, member.schema, true)?));
        }
    }
    Ok(FormValue::Map(out))
}

/// A value of `schema`: text as forms carry it (`"12"` for an integer); a hash or
/// list with something in it when `filled`.
fn value(u: &mut Unstructured<'_>, schema: &'static Schema, filled: bool) -> Result<FormValue> {
    Ok(match schema {
        Schema::Text => FormValue::Text(u.arbitrary::<String>()?),
        Schema::Integer => FormValue::Text(u.arbitrary::<i64>()?.to_string()),
        Schema::Decimal => {
            let whole = u.arbitrary::<i32>()?;
            let fraction = u.int_in_range(0..=9999u16)?;
            FormValue::Text(format!("{whole}.{fraction}"))
        }
        Schema::Boolean => FormValue::Text(u.arbitrary::<bool>()?.to_string()),
        Schema::Empty => FormValue::Text(String::new()),
        Schema::Hash(members) => tree(u, members, filled)?,
        Schema::Map(inner) => {
            let mut keys = std::collections::BTreeSet::new();
            let mut out = Vec::new();
            for _ in 0..u.int_in_range(u8::from(filled)..=3)? {
                // Any key a form can carry: not empty, no brackets (which are structure).
                let mut key: String = u.arbitrary::<String>()?.replace(['[', ']'], "");
                if key.is_empty() {
                    key.push('k');
                }
                if keys.insert(key.clone()) {
                    out.push((key, value(u, inner, true)?));
                }
            }
            FormValue::Map(out)
        }
        Schema::Array(inner) => {
            let count = u.int_in_range(u8::from(filled)..=3)?;
            FormValue::List((0..count).map(|_| value(u, inner, true)).collect::<Result<_>>()?)
        }
        Schema::AnyOf(alternatives) => {
            let chosen = u.choose(alternatives)?;
            value(u, chosen, filled)?
        }
    })
}
