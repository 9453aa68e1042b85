//! A request's parameters (form body or query string, decoded by the core's `form`
//! module), read by name; any parameter an endpoint did not read is refused by name, as
//! Stripe does.

use std::cell::RefCell;

use serde_json::{Map, Value};
use stripe_edge::error::HttpError;
use stripe_edge::form::{self, FormValue};

use crate::errors;
use crate::http::Request;

/// The parameters at one level (the top, or inside `name[...]`), tracking which were read.
pub struct Params {
    prefix: String,
    members: Vec<(String, FormValue)>,
    read: RefCell<Vec<String>>,
}

impl Params {
    /// The parameters of `request`: its query string for GET and DELETE, else its body.
    pub fn of(request: &Request) -> Result<Self, HttpError> {
        let text = if matches!(request.method.as_str(), "GET" | "DELETE") {
            request.query.clone()
        } else {
            String::from_utf8(request.body.clone()).map_err(|_| {
                errors::invalid(
                    "parameter_invalid",
                    None,
                    "The request body is not UTF-8.".into(),
                )
            })?
        };
        let decoded = form::decode(&text).map_err(|error| {
            errors::invalid(
                "parameter_invalid",
                Some(&error.param),
                format!("Invalid request: {error}."),
            )
        })?;
        Ok(Self::at(String::new(), decoded))
    }

    fn at(prefix: String, value: FormValue) -> Self {
        let members = match value {
            FormValue::Map(members) => members,
            _ => Vec::new(),
        };
        Self {
            prefix,
            members,
            read: RefCell::new(Vec::new()),
        }
    }

    /// The full name of the parameter `name` here, such as `parameters[interval_start]`.
    pub fn name(&self, name: &str) -> String {
        if self.prefix.is_empty() {
            name.into()
        } else {
            format!("{}[{name}]", self.prefix)
        }
    }

    fn take(&self, name: &str) -> Option<&FormValue> {
        self.read.borrow_mut().push(name.into());
        self.members
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The text parameter `name`, if given.
    pub fn text(&self, name: &str) -> Result<Option<String>, HttpError> {
        match self.take(name) {
            None => Ok(None),
            Some(FormValue::Text(text)) => Ok(Some(text.clone())),
            Some(_) => Err(errors::bad_value(&self.name(name), "string")),
        }
    }

    /// The text parameter `name`, which must be given and not empty.
    pub fn required_text(&self, name: &str) -> Result<String, HttpError> {
        match self.text(name)? {
            Some(text) if !text.is_empty() => Ok(text),
            _ => Err(errors::required(&self.name(name))),
        }
    }

    /// The integer parameter `name`, if given.
    pub fn integer(&self, name: &str) -> Result<Option<i64>, HttpError> {
        match self.text(name)? {
            None => Ok(None),
            Some(text) => text.parse().map(Some).map_err(|_| {
                errors::invalid(
                    "parameter_invalid_integer",
                    Some(&self.name(name)),
                    format!("Invalid integer: {text}"),
                )
            }),
        }
    }

    /// The boolean parameter `name`, if given.
    pub fn boolean(&self, name: &str) -> Result<Option<bool>, HttpError> {
        match self.text(name)?.as_deref() {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(_) => Err(errors::bad_value(&self.name(name), "boolean")),
        }
    }

    /// One of `allowed`, if given.
    pub fn choice(&self, name: &str, allowed: &[&str]) -> Result<Option<String>, HttpError> {
        match self.text(name)? {
            Some(value) if !allowed.contains(&value.as_str()) => Err(errors::invalid(
                "parameter_invalid",
                Some(&self.name(name)),
                format!(
                    "Invalid {}: must be one of {}",
                    self.name(name),
                    allowed.join(", ")
                ),
            )),
            value => Ok(value),
        }
    }

    /// The list of texts `name` (`name[]=a&name[]=b`, or indexed: `name[0]=a&name[1]=b`,
    /// which the form decoder leaves a hash since only the endpoint knows `name` is an
    /// array), empty when not given.
    pub fn texts(&self, name: &str) -> Result<Vec<String>, HttpError> {
        let items: Vec<&FormValue> = match self.take(name) {
            None => return Ok(Vec::new()),
            Some(FormValue::List(items)) => items.iter().collect(),
            Some(FormValue::Map(members)) => {
                indexed(members).ok_or_else(|| errors::bad_value(&self.name(name), "array"))?
            }
            Some(FormValue::Text(text)) if text.is_empty() => return Ok(Vec::new()),
            Some(_) => return Err(errors::bad_value(&self.name(name), "array")),
        };
        items
            .into_iter()
            .map(|item| item.as_text().map(String::from))
            .collect::<Option<_>>()
            .ok_or_else(|| errors::bad_value(&self.name(name), "array of strings"))
    }

    /// The hash parameter `name` (`name[key]=...`), if given; its own unread
    /// parameters must be checked with [`Params::finish`].
    pub fn nested(&self, name: &str) -> Result<Option<Params>, HttpError> {
        match self.take(name) {
            None => Ok(None),
            Some(value @ FormValue::Map(_)) => Ok(Some(Self::at(self.name(name), value.clone()))),
            Some(FormValue::Text(text)) if text.is_empty() => Ok(None),
            Some(_) => Err(errors::bad_value(&self.name(name), "hash")),
        }
    }

    /// `metadata`: a hash of strings; an empty value (`metadata[key]=`) removes the key.
    pub fn metadata(&self) -> Result<Option<Vec<(String, String)>>, HttpError> {
        match self.take("metadata") {
            None => Ok(None),
            Some(FormValue::Text(text)) if text.is_empty() => Ok(Some(Vec::new())),
            Some(FormValue::Map(members)) => members
                .iter()
                .map(|(key, value)| match value {
                    FormValue::Text(text) => Ok((key.clone(), text.clone())),
                    _ => Err(errors::bad_value(&format!("metadata[{key}]"), "string")),
                })
                .collect::<Result<_, _>>()
                .map(Some),
            Some(_) => Err(errors::bad_value("metadata", "hash")),
        }
    }

    /// `expand[]`: the paths to expand.
    pub fn expand(&self) -> Result<Vec<String>, HttpError> {
        self.texts("expand")
    }

    /// Refuses the first parameter that was given but not read.
    pub fn finish(&self) -> Result<(), HttpError> {
        let read = self.read.borrow();
        match self.members.iter().find(|(key, _)| !read.contains(key)) {
            Some((key, _)) => Err(errors::unknown(&self.name(key))),
            None => Ok(()),
        }
    }
}

/// The elements of an array written with indexes (`0`, `1`, ... as numbers are
/// written: no `00`, no sign), in index order; `None` for any other key or an index
/// given twice.
fn indexed(members: &[(String, FormValue)]) -> Option<Vec<&FormValue>> {
    let mut elements = std::collections::BTreeMap::new();
    for (key, value) in members {
        let canonical =
            key == "0" || (!key.starts_with('0') && key.bytes().all(|b| b.is_ascii_digit()));
        let index: usize = key.parse().ok().filter(|_| canonical)?;
        if elements.insert(index, value).is_some() {
            return None;
        }
    }
    Some(elements.into_values().collect())
}

/// Applies `metadata` changes to an object's metadata: set keys, remove emptied ones,
/// or clear all with `metadata=`.
pub fn apply_metadata(target: &mut Value, changes: Option<Vec<(String, String)>>) {
    let Some(changes) = changes else { return };
    if !target["metadata"].is_object() {
        target["metadata"] = Value::Object(Map::new());
    }
    let metadata = target["metadata"].as_object_mut().expect("set above");
    if changes.is_empty() {
        metadata.clear();
    }
    for (key, value) in changes {
        if value.is_empty() {
            metadata.remove(&key);
        } else {
            metadata.insert(key, Value::String(value));
        }
    }
}
