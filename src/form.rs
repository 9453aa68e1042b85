//! Stripe's form encoding of nested parameters (`application/x-www-form-urlencoded`),
//! decoded into a tree: `a[b]=c` is a map, `a[0]=x` and `expand[]=y` are lists, and an
//! empty value is kept (Stripe reads `a=` as "unset a").
//!
//! ```
//! use stripe_edge::form::{self, FormValue};
//!
//! let params = form::decode("customer=cus_1&expand[]=customer&lines[0][amount]=5&metadata[k]=a+b")?;
//! assert_eq!(params.get("customer").and_then(FormValue::as_text), Some("cus_1"));
//! assert_eq!(params.get("expand").and_then(FormValue::as_list).map(<[_]>::len), Some(1));
//! assert_eq!(params.get("metadata").and_then(|m| m.get("k")).and_then(FormValue::as_text), Some("a b"));
//! # Ok::<(), form::FormError>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::json::{Kind, RawJson};

/// One decoded parameter: text, a map of named parameters, or a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormValue {
    /// `name=value`.
    Text(String),
    /// `name[key]=...`, in the order the keys first appeared.
    Map(Vec<(String, FormValue)>),
    /// `name[]=...` or `name[0]=...`, in index order.
    List(Vec<FormValue>),
}

impl FormValue {
    /// The text, when this is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The members, when this is a map.
    pub fn as_map(&self) -> Option<&[(String, FormValue)]> {
        match self {
            Self::Map(members) => Some(members),
            _ => None,
        }
    }

    /// The elements, when this is a list.
    pub fn as_list(&self) -> Option<&[FormValue]> {
        match self {
            Self::List(elements) => Some(elements),
            _ => None,
        }
    }

    /// The parameters a JSON value stands for, as stripe-node sends a params object:
    /// objects as maps, arrays as lists, numbers as written, booleans as
    /// `true`/`false`, and `null` as the empty string (which unsets a field). Nesting
    /// deeper than [`MAX_DEPTH`] is refused.
    pub fn from_json(value: RawJson<'_>) -> Result<Self, FormError> {
        Self::from_json_at(value, 0).map_err(|reason| error("", reason))
    }

    /// [`from_json`](Self::from_json) of the JSON text `text`.
    pub fn from_json_text(text: &str) -> Result<Self, FormError> {
        let value = crate::json::validate(text).map_err(|_| error("", FormErrorReason::NotJson))?;
        Self::from_json(value)
    }

    fn from_json_at(value: RawJson<'_>, depth: usize) -> Result<Self, FormErrorReason> {
        if depth > MAX_DEPTH {
            return Err(FormErrorReason::TooDeep);
        }
        Ok(match value.kind() {
            Kind::Object => Self::Map(
                value
                    .members()
                    .into_iter()
                    .flatten()
                    .map(|(key, member)| {
                        Ok((key.into_owned(), Self::from_json_at(member, depth + 1)?))
                    })
                    .collect::<Result<_, FormErrorReason>>()?,
            ),
            Kind::Array => Self::List(
                value
                    .elements()
                    .into_iter()
                    .flatten()
                    .map(|element| Self::from_json_at(element, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Kind::String => Self::Text(
                value
                    .as_str()
                    .ok_or(FormErrorReason::BadEncoding)?
                    .into_owned(),
            ),
            Kind::Null => Self::Text(String::new()),
            Kind::Bool | Kind::Number => Self::Text(value.get().into()),
        })
    }

    /// The member `key`, when this is a map that has it.
    pub fn get(&self, key: &str) -> Option<&FormValue> {
        self.as_map()?
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }
}

/// Why a form body could not be decoded, naming the parameter at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    /// The parameter as written, such as `lines[0][amount]`.
    pub param: String,
    /// What is wrong with it.
    pub reason: FormErrorReason,
}

/// What is wrong with a form parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormErrorReason {
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
    BadEncoding,
    /// No name before the first `[`, a `[` without its `]`, or text after a `]`.
    BadBrackets,
    /// Given both as a value and as a map or list (`a=1&a[b]=2`), or twice.
    Conflict,
    /// Nested more than [`MAX_DEPTH`] brackets deep.
    TooDeep,
    /// Parameters given as JSON text that is not JSON.
    NotJson,
}

/// The deepest nesting decoded; Stripe's own parameters go five or six levels deep.
pub const MAX_DEPTH: usize = 32;

/// The most parameters (`name=value` pairs) a form body may hold, and the most
/// elements an array of them may index: far beyond any request Stripe documents.
pub const MAX_PARAMS: usize = 10_000;

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.reason {
            FormErrorReason::BadEncoding => "is not valid percent-encoded UTF-8",
            FormErrorReason::BadBrackets => "has unbalanced brackets",
            FormErrorReason::Conflict => "is given more than once, or both as a value and a hash",
            FormErrorReason::TooDeep => "is nested too deeply",
            FormErrorReason::NotJson => "is not valid JSON",
        };
        write!(f, "parameter '{}' {what}", self.param)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for FormError {}

/// Decodes a form body (or a URL's query string) into a map of parameters.
pub fn decode(body: &str) -> Result<FormValue, FormError> {
    let mut root = FormValue::Map(Vec::new());
    for pair in body.split('&').filter(|pair| !pair.is_empty()) {
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = percent_decode(raw_name)
            .ok_or_else(|| error(raw_name, FormErrorReason::BadEncoding))?;
        let value =
            percent_decode(raw_value).ok_or_else(|| error(&name, FormErrorReason::BadEncoding))?;
        let path = split_path(&name).ok_or_else(|| error(&name, FormErrorReason::BadBrackets))?;
        if path.len() > MAX_DEPTH {
            return Err(error(&name, FormErrorReason::TooDeep));
        }
        insert(&mut root, &path, value).map_err(|reason| error(&name, reason))?;
    }
    if let FormValue::Map(members) = &mut root {
        members
            .iter_mut()
            .for_each(|(_, member)| into_lists(member));
    }
    Ok(root)
}

fn error(param: &str, reason: FormErrorReason) -> FormError {
    FormError {
        param: param.into(),
        reason,
    }
}

/// `a[b][]` as `["a", "b", ""]`.
fn split_path(name: &str) -> Option<Vec<&str>> {
    let (head, mut rest) = match name.find('[') {
        Some(at) => name.split_at(at),
        None => (name, ""),
    };
    if head.is_empty() {
        return None;
    }
    let mut path = alloc::vec![head];
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let end = inner.find(']')?;
        path.push(&inner[..end]);
        rest = &inner[end + 1..];
    }
    Some(path)
}

fn insert(at: &mut FormValue, path: &[&str], value: String) -> Result<(), FormErrorReason> {
    let FormValue::Map(members) = at else {
        return Err(FormErrorReason::Conflict);
    };
    let (key, rest) = path.split_first().ok_or(FormErrorReason::Conflict)?;
    // `name[]` appends: an empty key is always a new element (a real key is never
    // empty), numbered by its place when lists are made.
    let existing = match key.is_empty() {
        true => None,
        false => members.iter_mut().position(|(name, _)| name == key),
    };
    match (existing, rest.is_empty()) {
        (Some(_), true) => Err(FormErrorReason::Conflict),
        (None, true) => {
            members.push(((*key).into(), FormValue::Text(value)));
            Ok(())
        }
        (Some(index), false) => insert(&mut members[index].1, rest, value),
        (None, false) => {
            members.push(((*key).into(), FormValue::Map(Vec::new())));
            let last = members.len() - 1;
            insert(&mut members[last].1, rest, value)
        }
    }
}

/// Turns every map whose keys are all indexes (`0`, `1`, ...) or appended elements
/// (empty keys, numbered by their place) into a list, in index order.
fn into_lists(value: &mut FormValue) {
    let FormValue::Map(members) = value else {
        return;
    };
    for (_, member) in members.iter_mut() {
        into_lists(member);
    }
    let indexed = !members.is_empty()
        && members
            .iter()
            .all(|(key, _)| key.is_empty() || is_index(key));
    if !indexed {
        return;
    }
    let mut elements: Vec<(usize, FormValue)> = Vec::with_capacity(members.len());
    for (place, (key, member)) in core::mem::take(members).into_iter().enumerate() {
        let index = if key.is_empty() {
            place
        } else {
            key.parse().unwrap_or(usize::MAX)
        };
        elements.push((index, member));
    }
    elements.sort_by_key(|(index, _)| *index);
    *value = FormValue::List(elements.into_iter().map(|(_, element)| element).collect());
}

fn is_index(key: &str) -> bool {
    !key.is_empty() && key.len() <= 6 && key.bytes().all(|b| b.is_ascii_digit())
}

/// `+` as a space and `%XX` as a byte; `None` for a bad escape or bytes not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    if !text.contains(['%', '+']) {
        return Some(text.into());
    }
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        match byte {
            b'+' => bytes.push(b' '),
            b'%' => {
                let [high, low, ..] = *rest else { return None };
                let digit = |b: u8| (b as char).to_digit(16);
                bytes.push(u8::try_from(digit(high)? * 16 + digit(low)?).ok()?);
                rest = &rest[2..];
            }
            _ => bytes.push(byte),
        }
    }
    String::from_utf8(bytes).ok()
}

/// Encodes `params` (a map) as Stripe's clients do: `a[b]=c` for maps, `a[0]=x` for
/// lists (of maps too: `items[0][price]=p`), percent-encoding everything but
/// `A-Z a-z 0-9 - _ . ~` in names and values, brackets included.
pub fn encode(params: &FormValue) -> String {
    let mut out = String::new();
    if let FormValue::Map(members) = params {
        for (name, value) in members {
            let mut key = String::new();
            percent_encode(&mut key, name);
            write_pairs(&mut out, &mut key, value);
        }
    }
    out
}

fn write_pairs(out: &mut String, key: &mut String, value: &FormValue) {
    match value {
        FormValue::Text(text) => {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(key);
            out.push('=');
            percent_encode(out, text);
        }
        FormValue::Map(members) => {
            for (name, member) in members {
                let length = key.len();
                key.push_str("%5B");
                percent_encode(key, name);
                key.push_str("%5D");
                write_pairs(out, key, member);
                key.truncate(length);
            }
        }
        FormValue::List(elements) => {
            let mut index = itoa::Buffer::new();
            for (at, element) in elements.iter().enumerate() {
                let length = key.len();
                key.push_str("%5B");
                key.push_str(index.format(at));
                key.push_str("%5D");
                write_pairs(out, key, element);
                key.truncate(length);
            }
        }
    }
}

/// `text` percent-encoded as one name, value or path segment: only
/// `A-Z a-z 0-9 - _ . ~` stay as they are, so it cannot add structure.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    percent_encode(&mut out, text);
    out
}

fn percent_encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}
