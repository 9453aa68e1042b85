//! Stripe's form encoding of nested parameters (`application/x-www-form-urlencoded`),
//! decoded into a tree: `a[b]=c` is a map, `expand[]=y` a list, and an empty value is
//! kept (Stripe reads `a=` as "unset a"). An indexed key, `a[0]=x`, is a map member
//! until an endpoint's schema says `a` is an array (see [`decode`]).
//!
//! ```
//! use stripe_edge::form::{self, FormValue};
//!
//! let params = form::decode("customer=cus_1&expand[]=customer&metadata[0]=a+b")?;
//! assert_eq!(params.get("customer").and_then(FormValue::as_text), Some("cus_1"));
//! assert_eq!(params.get("expand").and_then(FormValue::as_list).map(<[_]>::len), Some(1));
//! assert_eq!(params.get("metadata").and_then(|m| m.get("0")).and_then(FormValue::as_text), Some("a b"));
//!
//! // `expand[0]` is an array's index, because the endpoint's schema says so.
//! let params = form::decode("expand[1]=lines&expand[0]=customer")?;
//! let checked = stripe_edge::api::INVOICE_RETRIEVE.check_params(&params).expect("valid");
//! assert_eq!(checked.get("expand").and_then(FormValue::as_list).map(<[_]>::len), Some(2));
//! # Ok::<(), form::FormError>(())
//! ```

use alloc::collections::BTreeMap;
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
    /// `name[]=...` (or `name[0]=...` where an endpoint's schema says `name` is an
    /// array), in order.
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
#[non_exhaustive]
pub enum FormErrorReason {
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
    BadEncoding,
    /// No name before the first `[`, a `[` without its `]`, or text after a `]`.
    BadBrackets,
    /// Given both as a value and as a map or list (`a=1&a[b]=2`), or twice.
    Conflict,
    /// Nested more than [`MAX_DEPTH`] brackets deep.
    TooDeep,
    /// One more than the [`MAX_PARAMS`] parameters a body may hold.
    TooMany,
    /// Parameters given as JSON text that is not JSON.
    NotJson,
}

/// The deepest nesting decoded; Stripe's own parameters go five or six levels deep.
pub const MAX_DEPTH: usize = 32;

/// The most parameters (`name=value` pairs) a form body may hold, and the most
/// elements an array of them may index: far beyond any request Stripe documents (a
/// hash such as `metadata` takes 50 keys; an invoice, 250 items).
pub const MAX_PARAMS: usize = 10_000;

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.reason {
            FormErrorReason::BadEncoding => "is not valid percent-encoded UTF-8",
            FormErrorReason::BadBrackets => "has unbalanced brackets",
            FormErrorReason::Conflict => "is given more than once, or both as a value and a hash",
            FormErrorReason::TooDeep => "is nested too deeply",
            FormErrorReason::TooMany => {
                return write!(
                    f,
                    "parameter '{}' is one more than the {MAX_PARAMS} parameters a body may hold",
                    self.param
                );
            }
            FormErrorReason::NotJson => "is not valid JSON",
        };
        write!(f, "parameter '{}' {what}", self.param)
    }
}

impl core::error::Error for FormError {}

/// Decodes a form body (or a URL's query string) into a map of parameters: `a[k]=v` is
/// a member `k` of the hash `a`, `a[]=v` an element appended to the list `a`.
///
/// Whether `a[0]=x` is the first element of an array or the member `0` of a hash
/// (`metadata[0]`) is not the key's to say: it decodes as a hash member, and the
/// endpoint's schema ([`Endpoint::check_params`](crate::api::Endpoint::check_params))
/// turns the hashes of its array parameters into lists. At most [`MAX_PARAMS`] pairs
/// are read, each in time logarithmic in the members beside it.
pub fn decode(body: &str) -> Result<FormValue, FormError> {
    let mut root = Branch::default();
    for (count, pair) in body.split('&').filter(|pair| !pair.is_empty()).enumerate() {
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = percent_decode(raw_name)
            .ok_or_else(|| error(raw_name, FormErrorReason::BadEncoding))?;
        if count == MAX_PARAMS {
            return Err(error(&name, FormErrorReason::TooMany));
        }
        let value =
            percent_decode(raw_value).ok_or_else(|| error(&name, FormErrorReason::BadEncoding))?;
        let path = split_path(&name).ok_or_else(|| error(&name, FormErrorReason::BadBrackets))?;
        if path.len() > MAX_DEPTH {
            return Err(error(&name, FormErrorReason::TooDeep));
        }
        root.insert(&path, value)
            .map_err(|reason| error(&name, reason))?;
    }
    Ok(root.into_value())
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

/// A hash or list being decoded, with an index of its members by name.
#[derive(Default)]
struct Branch {
    /// The members in the order they first appeared; appended elements (`a[]`) have
    /// an empty name.
    members: Vec<(String, Node)>,
    /// Where each named member is in `members`.
    places: BTreeMap<String, usize>,
}

enum Node {
    Text(String),
    Branch(Branch),
}

impl Branch {
    /// Puts `value` at `path` below this branch.
    fn insert(&mut self, path: &[&str], value: String) -> Result<(), FormErrorReason> {
        let (key, rest) = path.split_first().ok_or(FormErrorReason::Conflict)?;
        // Appended elements and named members cannot share a branch: it is a list or
        // a hash. (A real key is never empty.)
        let appended = self.members.len() > self.places.len();
        if !self.members.is_empty() && appended != key.is_empty() {
            return Err(FormErrorReason::Conflict);
        }
        let place = match (key.is_empty(), self.places.get(*key)) {
            (false, Some(&place)) => place,
            _ => {
                if !key.is_empty() {
                    self.places.insert((*key).into(), self.members.len());
                }
                if rest.is_empty() {
                    self.members.push(((*key).into(), Node::Text(value)));
                    return Ok(());
                }
                self.members
                    .push(((*key).into(), Node::Branch(Branch::default())));
                self.members.len() - 1
            }
        };
        match (&mut self.members[place].1, rest.is_empty()) {
            (Node::Branch(branch), false) => branch.insert(rest, value),
            _ => Err(FormErrorReason::Conflict),
        }
    }

    /// The branch as a form value: a list when its members were appended.
    fn into_value(self) -> FormValue {
        let list = self.members.len() > self.places.len();
        let members = self.members.into_iter().map(|(key, node)| {
            let value = match node {
                Node::Text(text) => FormValue::Text(text),
                Node::Branch(branch) => branch.into_value(),
            };
            (key, value)
        });
        match list {
            true => FormValue::List(members.map(|(_, value)| value).collect()),
            false => FormValue::Map(members.collect()),
        }
    }
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
