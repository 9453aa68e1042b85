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

/// The largest request body read; a larger one is answered 413.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

impl Request {
    /// A request's head as the HTTP parser read it (`target` is the request target:
    /// path and query), refusing framing that two servers could read differently:
    /// a `Transfer-Encoding` (411: send `Content-Length`), a repeated `Content-Length`,
    /// one that is not plain digits (`+7`, `5, 5`), or one over [`MAX_BODY_BYTES`]
    /// (413). A refused request is answered and its connection closed, so nothing in
    /// its body can be read as another request. The body is read afterwards, by the
    /// length this returns. (hyper refuses most of these itself and merges equal
    /// repeated lengths before they get here; this check does not depend on that.)
    pub fn head<'a>(
        method: &str,
        target: &str,
        headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<(Self, usize), Response> {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let mut request = Self {
            method: method.into(),
            path: path.into(),
            query: query.into(),
            headers: Vec::new(),
            body: Vec::new(),
        };
        let mut length = None;
        for (name, value) in headers {
            let name = name.to_ascii_lowercase();
            if name == "transfer-encoding" {
                return Err(refused(
                    411,
                    "length_required",
                    "Send the body with Content-Length.",
                ));
            }
            if name == "content-length" {
                if length.is_some() {
                    return Err(refused(400, "bad_request", "Content-Length is repeated."));
                }
                length = Some(content_length(value)?);
            }
            request
                .headers
                .push((name, String::from_utf8_lossy(value).into_owned()));
        }
        Ok((request, length.unwrap_or(0)))
    }
}

/// A `Content-Length` value: decimal digits only, at most [`MAX_BODY_BYTES`].
fn content_length(value: &[u8]) -> Result<usize, Response> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(refused(
            400,
            "bad_request",
            "Content-Length must be decimal digits.",
        ));
    }
    let too_large = || {
        refused(
            413,
            "request_too_large",
            "The request body is larger than 16 MiB.",
        )
    };
    let text = core::str::from_utf8(value).map_err(|_| too_large())?;
    match text.parse::<usize>() {
        Ok(length) if length <= MAX_BODY_BYTES => Ok(length),
        _ => Err(too_large()),
    }
}

/// A Stripe-shaped refusal of a request the server cannot read safely.
pub fn refused(status: u16, code: &'static str, message: &str) -> Response {
    Response::error(&HttpError {
        status,
        type_: stripe_edge::error::ErrorType::InvalidRequestError,
        code,
        message: message.into(),
        param: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(headers: &[(&str, &str)]) -> Result<(Request, usize), u16> {
        let headers = headers.iter().map(|(k, v)| (*k, v.as_bytes()));
        Request::head("POST", "/v1/customers?expand[]=x", headers).map_err(|r| r.status)
    }

    #[test]
    fn framing_is_read_one_way_only() {
        let (request, length) = head(&[("Content-Length", "12"), ("X-A", "b")]).unwrap();
        assert_eq!(
            (request.path.as_str(), request.query.as_str()),
            ("/v1/customers", "expand[]=x")
        );
        assert_eq!((length, request.header("x-a")), (12, Some("b")));
        assert_eq!(head(&[]).map(|(_, length)| length), Ok(0));
        for bad in [
            &[("content-length", "1"), ("Content-Length", "1")][..],
            &[("Content-Length", "+7")],
            &[("Content-Length", "-1")],
            &[("Content-Length", "7 ")],
            &[("Content-Length", "5, 5")],
            &[("Content-Length", "")],
            &[("Content-Length", "0x10")],
        ] {
            assert_eq!(head(bad).map(|_| ()), Err(400), "{bad:?}");
        }
        assert_eq!(
            head(&[("Transfer-Encoding", "chunked")]).map(|_| ()),
            Err(411)
        );
        assert_eq!(
            head(&[("Content-Length", "16777217")]).map(|_| ()),
            Err(413)
        );
        assert_eq!(
            head(&[("Content-Length", "99999999999999999999999")]).map(|_| ()),
            Err(413)
        );
        assert_eq!(
            head(&[("Content-Length", "16777216")]).map(|(_, n)| n),
            Ok(16_777_216)
        );
    }
}
