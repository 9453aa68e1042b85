//! The emulator's view of an HTTP exchange: a request read off the wire and the
//! response to write back.

use serde_json::Value;
use stripe_edge::error::HttpError;

/// A request as read off the wire.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// `GET`, `POST`, `DELETE`, ...
    pub method: String,
    /// The path without the query, such as `/v1/customers`.
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Request {
    /// The first header named `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// A response to write back.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// Headers besides `Content-Length`, `Connection` and `Request-Id`.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// A JSON response.
    pub fn json(status: u16, value: &Value) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: serde_json::to_vec_pretty(value).unwrap_or_default(),
        }
    }

    /// A Stripe-shaped error.
    pub fn error(error: &HttpError) -> Self {
        Self {
            status: error.status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: error.to_json().into_bytes(),
        }
    }

    /// `body` with the content type `content_type`.
    pub fn bytes(content_type: &str, body: Vec<u8>) -> Self {
        Self {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    /// This response with one more header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}
