//! A request to Stripe as a value: what a transport sends, byte for byte, without
//! sending it.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// The HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Reads.
    Get,
    /// Creates, updates and actions.
    Post,
    /// Deletes.
    Delete,
}

impl Method {
    /// `GET`, `POST` or `DELETE`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Delete => "DELETE",
        }
    }
}

/// Which of Stripe's hosts serves a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// `https://api.stripe.com`
    Api,
    /// `https://files.stripe.com`: file contents.
    Files,
}

/// What a request carries besides its parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// The secret key, sent as `Authorization: Bearer ...`; a proxy that injects the key
    /// itself leaves it out.
    pub api_key: Option<String>,
    /// `Stripe-Version`, pinning the API version of the response.
    pub api_version: Option<String>,
    /// `Idempotency-Key` for a POST; when absent, one is made from `entropy`.
    pub idempotency_key: Option<String>,
    /// 16 random bytes from the caller, for an `Idempotency-Key` (the core has no
    /// random source).
    pub entropy: Option<[u8; 16]>,
    /// `Stripe-Context`, for a thin event's context (an account or a path of accounts).
    pub stripe_context: Option<String>,
    /// `Stripe-Account`, acting as a connected account.
    pub stripe_account: Option<String>,
}

/// One HTTP request, ready for a transport.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The host it goes to.
    pub host: Host,
    /// The path and query string, such as `/v1/invoices?limit=3`.
    pub path: String,
    /// Headers besides `Content-Length` and `User-Agent`, in the order they were set.
    pub headers: Vec<(&'static str, String)>,
    /// The body: form-encoded for v1, JSON for v2; `None` for reads.
    pub body: Option<String>,
}

impl Request {
    /// The full URL on `base` (such as `https://api.stripe.com`, no trailing slash).
    pub fn url(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.path)
    }

    /// The header `name` (ASCII case-insensitive), if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// `bytes` as a version-4 UUID (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`), the form of
/// the idempotency keys Stripe's SDKs send.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        let _ = write!(out, "{byte:02x}");
    }
    out
}
