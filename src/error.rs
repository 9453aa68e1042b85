//! Stripe-shaped errors for HTTP: `{"error": {"type", "code", "message", "param"}}`.
//!
//! Stripe's API answers every failure with this body; servers built on this crate
//! (the Worker, a Node middleware) answer the same way, so any Stripe client can read
//! their errors.

use alloc::string::String;

use crate::json;

/// The `type` of a Stripe error, which tells a client how to react.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorType {
    /// The request was wrong: fix it before sending it again.
    InvalidRequestError,
    /// Something failed on the server's side: the request may be retried.
    ApiError,
    /// An `Idempotency-Key` was reused with other parameters.
    IdempotencyError,
    /// A card was declined or could not be charged.
    CardError,
}

impl ErrorType {
    /// The name Stripe uses, such as `invalid_request_error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequestError => "invalid_request_error",
            Self::ApiError => "api_error",
            Self::IdempotencyError => "idempotency_error",
            Self::CardError => "card_error",
        }
    }
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
    pub param: Option<String>,
}

impl HttpError {
    /// The JSON body Stripe would send for this error.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(96 + self.message.len());
        out.push_str("{\"error\":{\"type\":");
        json::write_string(&mut out, self.type_.as_str());
        out.push_str(",\"code\":");
        json::write_string(&mut out, self.code);
        out.push_str(",\"message\":");
        json::write_string(&mut out, &self.message);
        out.push_str(",\"param\":");
        match &self.param {
            Some(param) => json::write_string(&mut out, param),
            None => out.push_str("null"),
        }
        out.push_str("}}");
        out
    }
}
