//! Stripe-shaped errors for HTTP: `{"error": {"type", "code", "message", "param"}}`.
//!
//! Stripe's API answers every failure with this body; servers built on this crate
//! (the Worker, a Node middleware) answer the same way, so any Stripe client can read
//! their errors.

use alloc::string::String;
use serde::Serialize;

/// The `type` of a Stripe error, which tells a client how to react.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorType {
    /// The request was wrong: fix it before sending it again.
    InvalidRequestError,
    /// Something failed on the server's side: the request may be retried.
    ApiError,
}

/// A Stripe-shaped error with the HTTP status it is sent with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpError {
    /// HTTP status code.
    pub status: u16,
    /// Stripe error type.
    pub type_: ErrorType,
    /// Stable, machine-readable code.
    pub code: &'static str,
    /// What went wrong, for a person.
    pub message: String,
    /// The request parameter or header at fault, if one is.
    pub param: Option<&'static str>,
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: Body<'a>,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    type_: ErrorType,
    code: &'a str,
    message: &'a str,
    param: Option<&'a str>,
}

impl HttpError {
    /// The JSON body Stripe would send for this error.
    pub fn to_json(&self) -> String {
        let body = Envelope {
            error: Body {
                type_: self.type_,
                code: self.code,
                message: &self.message,
                param: self.param,
            },
        };
        // Serializing a struct of strings into a String cannot fail.
        serde_json::to_string(&body).unwrap_or_default()
    }
}
