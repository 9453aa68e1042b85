//! The Worker's policy proxy, without the HTTP: a browser or a service calls Stripe's
//! API on the Worker with a short-lived token instead of a key, and these modules
//! decide, in order:
//!
//! 1. [`token`]: is the `Authorization: Bearer` token an HS256 JWT of ours, unexpired,
//!    for our audience? Its `sub` (a customer or a service) and `scope` (a policy name).
//! 2. [`route`]: which endpoint does the path name, read in one canonical form?
//! 3. [`plan()`]: may this scope call it, with these parameters and headers, and what
//!    keeps the caller to its own customer's objects ([`policy`])?
//! 4. [`ProxyCall`]: the call machine that carries the plan out (checking ownership
//!    first where it must), driven by the Worker like any other call machine.
//!
//! [`cors`] answers browsers; [`failure`] and [`redact`] turn failures into answers
//! that never hold the secret key.

pub mod cors;
mod machine;
mod plan;
pub mod policy;
pub mod route;
pub mod token;

use alloc::string::String;

pub use machine::ProxyCall;
pub use plan::{Check, Incoming, Plan, plan};
pub use policy::{Policy, PolicyError};

use crate::api::call::CallError;
use crate::error::{ErrorType, HttpError};
use crate::json;

/// The status and body to answer for a call that failed: Stripe's own error (its
/// status and fields, with any key in its message masked), or a 502 when Stripe could
/// not be reached or answered something no model fits.
pub fn failure(error: &CallError, secret: &str) -> (u16, String) {
    let Some(api) = error.api_error() else {
        let (code, message) = match error {
            CallError::Connection { .. } => ("upstream_unreachable", "Stripe could not be reached"),
            _ => ("upstream_invalid", "Stripe's answer could not be read"),
        };
        let error = HttpError {
            status: 502,
            type_: ErrorType::ApiError,
            code,
            message: message.into(),
            param: None,
        };
        return (502, error.to_json());
    };
    let mut out = String::from("{\"error\":{\"type\":");
    json::write_string(&mut out, &api.type_);
    let mut field = |name: &str, value: Option<&str>| {
        if let Some(value) = value {
            out.push_str(",\"");
            out.push_str(name);
            out.push_str("\":");
            json::write_string(&mut out, &redact(value, secret));
        }
    };
    field("code", api.code.as_deref());
    field("decline_code", api.decline_code.as_deref());
    field("doc_url", api.doc_url.as_deref());
    field("message", Some(&api.message));
    field("param", api.param.as_deref());
    out.push_str("}}");
    (api.status, out)
}

/// `text` with the secret key, and anything shaped like a Stripe secret or restricted
/// key (`sk_live_...`, `sk_test_...`, `rk_...`), masked.
pub fn redact(text: &str, secret: &str) -> String {
    let mut out = if secret.is_empty() {
        String::from(text)
    } else {
        text.replace(secret, "sk_***")
    };
    for prefix in ["sk_live_", "sk_test_", "rk_live_", "rk_test_"] {
        let mut from = 0;
        while let Some(at) = out[from..].find(prefix) {
            let start = from + at + prefix.len();
            let end = out[start..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(out.len(), |n| start + n);
            out.replace_range(start..end, "***");
            from = start + 3;
        }
    }
    out
}
