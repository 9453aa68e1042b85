//! A request's route: its path read in one canonical form and matched against the
//! endpoint table. Ids and path words are plain (`[A-Za-z0-9_.-]`), so a path needs no
//! percent-encoding at all: anything that could be read two ways (`..`, `.`, `%2e`,
//! `%2f`, `%5c`, `%25` double-encoding, `//`, `;` parameters, a backslash, an absolute
//! target) is refused instead of being normalised, and the path that is matched is the
//! path that is sent.

use alloc::string::String;
use alloc::vec::Vec;

use crate::api::{ENDPOINTS, Endpoint, Method};
use crate::error::{ErrorType, HttpError};

/// The longest path accepted, in bytes.
pub const MAX_PATH_BYTES: usize = 512;

/// The endpoint a request names, and the object id in its path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The endpoint.
    pub endpoint: &'static Endpoint,
    /// The id in its path, for endpoints that take one.
    pub id: Option<String>,
}

impl Route {
    /// The path this route sends: the endpoint's, with the id in it. For every path
    /// [`route`] accepts, this is that same path (the form is canonical).
    pub fn path(&self) -> String {
        match &self.id {
            Some(id) => self.endpoint.path.replace("{id}", id),
            None => self.endpoint.path.into(),
        }
    }
}

/// The route of a `method` request for `path` (the path of its URL, before any `?`).
pub fn route(method: &str, path: &str) -> Result<Route, HttpError> {
    let segments = segments(path)?;
    let method = match method {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "DELETE" => Method::Delete,
        _ => return Err(method_not_allowed(method, path)),
    };
    let mut best: Option<(usize, &'static Endpoint, Option<&str>)> = None;
    let mut other_method = false;
    for endpoint in ENDPOINTS.iter().copied() {
        let Some((literals, id)) = matches(endpoint.path, &segments) else {
            continue;
        };
        if endpoint.method != method {
            other_method = true;
        } else if best.is_none_or(|(most, ..)| literals > most) {
            best = Some((literals, endpoint, id));
        }
    }
    match best {
        Some((_, endpoint, id)) => Ok(Route {
            endpoint,
            id: id.map(String::from),
        }),
        None if other_method => Err(method_not_allowed(method.as_str(), path)),
        None => Err(HttpError {
            status: 404,
            type_: ErrorType::InvalidRequestError,
            code: "resource_missing",
            message: alloc::format!("Unrecognized request URL ({} {path}).", method.as_str()),
            param: None,
        }),
    }
}

/// The path's segments, when the path is in canonical form.
fn segments(path: &str) -> Result<Vec<&str>, HttpError> {
    let refuse = |why: &str| HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code: "path_invalid",
        message: alloc::format!(
            "The request path {why}: paths are /v1/... or /v2/... of plain words and ids \
             (letters, digits, '_', '-', '.'), with nothing encoded"
        ),
        param: None,
    };
    if path.len() > MAX_PATH_BYTES {
        return Err(refuse("is too long"));
    }
    let rest = path
        .strip_prefix("/v1/")
        .or_else(|| path.strip_prefix("/v2/"))
        .ok_or_else(|| refuse("is not under /v1/ or /v2/"))?;
    let mut segments = Vec::with_capacity(6);
    segments.push(&path[1..3]);
    for segment in rest.split('/') {
        if segment.is_empty() {
            return Err(refuse("has an empty segment"));
        }
        if matches!(segment, "." | "..") {
            return Err(refuse("has a dot segment"));
        }
        if let Some(byte) = segment
            .bytes()
            .find(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
        {
            let why = match byte {
                b'%' => "is percent-encoded",
                b';' => "has a parameter (';')",
                b'\\' => "has a backslash",
                _ => "has a character outside plain words and ids",
            };
            return Err(refuse(why));
        }
        segments.push(segment);
    }
    Ok(segments)
}

/// Whether `template` (such as `/v1/invoices/{id}/send`) matches `segments`: the number
/// of literal segments it matched, and the id.
fn matches<'a>(template: &str, segments: &[&'a str]) -> Option<(usize, Option<&'a str>)> {
    let parts: Vec<&str> = template[1..].split('/').collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut id = None;
    let mut literals = 0;
    for (part, segment) in parts.iter().zip(segments) {
        match *part {
            "{id}" => id = Some(*segment),
            literal if literal == *segment => literals += 1,
            _ => return None,
        }
    }
    Some((literals, id))
}

fn method_not_allowed(method: &str, path: &str) -> HttpError {
    HttpError {
        status: 405,
        type_: ErrorType::InvalidRequestError,
        code: "method_not_allowed",
        message: alloc::format!("{path} does not take {method} requests"),
        param: None,
    }
}
