//! The errors of Stripe's API as values: a decoded error response ([`ApiError`]), or a
//! request the core refused to build ([`RequestError`]).

use alloc::string::String;
use core::fmt;

use crate::json::{self, RawJson};

/// An error response from Stripe: `{"error": {"type", "code", ...}}` with its status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// `type`: `api_error`, `card_error`, `idempotency_error`, `invalid_request_error`,
    /// or another Stripe adds later; for v2, such as `not_found`.
    pub type_: String,
    /// `code`, such as `resource_missing`.
    pub code: Option<String>,
    /// `decline_code`, for card errors.
    pub decline_code: Option<String>,
    /// `param`: the parameter at fault.
    pub param: Option<String>,
    /// `message`, for a person.
    pub message: String,
    /// `doc_url`: Stripe's page about the code.
    pub doc_url: Option<String>,
    /// The `Request-Id` header, for Stripe's support.
    pub request_id: Option<String>,
}

impl ApiError {
    /// The error in the response `body` with `status`; a body that is not Stripe's
    /// error shape (a proxy's HTML page, say) still gives an `api_error` that says so.
    pub fn from_response(status: u16, request_id: Option<&str>, body: &str) -> Self {
        let request_id = request_id.map(String::from);
        let error = json::validate(body)
            .ok()
            .and_then(|root| root.member("error"));
        let Some(error) = error.filter(|e| e.kind() == json::Kind::Object) else {
            return Self {
                status,
                type_: "api_error".into(),
                message: alloc::format!(
                    "Stripe answered {status} with a body that is not a Stripe error"
                ),
                request_id,
                ..Self::default()
            };
        };
        let text = |key: &str| {
            error
                .member(key)
                .and_then(RawJson::as_str)
                .map(|t| t.into_owned())
        };
        Self {
            status,
            type_: text("type").unwrap_or_else(|| "api_error".into()),
            code: text("code"),
            decline_code: text("decline_code"),
            param: text("param"),
            message: text("message").unwrap_or_default(),
            doc_url: text("doc_url"),
            request_id,
        }
    }

    /// The name of stripe-node's error class for this error, chosen as stripe-node
    /// 23's `generateV1Error` does: by status (429, or 400 with code `rate_limit`, is a
    /// rate limit; 400 and 404 are invalid requests unless the type is
    /// `idempotency_error`; 401, 402, 403), else `StripeAPIError`.
    pub fn class(&self) -> &'static str {
        match (self.status, self.type_.as_str(), self.code.as_deref()) {
            (429, _, _) | (400, _, Some("rate_limit")) => "StripeRateLimitError",
            (400 | 404, "idempotency_error", _) => "StripeIdempotencyError",
            (400 | 404, _, _) => "StripeInvalidRequestError",
            (401, _, _) => "StripeAuthenticationError",
            (402, _, _) => "StripeCardError",
            (403, _, _) => "StripePermissionError",
            _ => "StripeAPIError",
        }
    }

    /// The JSON object of the error's fields (`class`, `type`, `code`, ...,
    /// `statusCode`, `requestId`), for the npm package to raise.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        let mut field = |name: &str, value: Option<&str>| {
            if out.len() > 1 {
                out.push(',');
            }
            json::write_string(&mut out, name);
            out.push(':');
            match value {
                Some(value) => json::write_string(&mut out, value),
                None => out.push_str("null"),
            }
        };
        field("class", Some(self.class()));
        field("type", Some(&self.type_));
        field("code", self.code.as_deref());
        field("decline_code", self.decline_code.as_deref());
        field("param", self.param.as_deref());
        field("message", Some(&self.message));
        field("doc_url", self.doc_url.as_deref());
        field("requestId", self.request_id.as_deref());
        out.push_str(",\"statusCode\":");
        out.push_str(itoa::Buffer::new().format(self.status));
        out.push('}');
        out
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.message, self.type_)?;
        if let Some(code) = &self.code {
            write!(f, ", {code}")?;
        }
        write!(f, ", HTTP {})", self.status)
    }
}

impl core::error::Error for ApiError {}

/// A request the core would not build, found before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// The endpoint takes an id and none was given, or one was given to one that
    /// takes none.
    Id {
        /// The endpoint.
        endpoint: &'static str,
    },
    /// A parameter the endpoint does not take, at any depth.
    UnknownParameter {
        /// The endpoint.
        endpoint: &'static str,
        /// The parameter, as a form names it: `parameters[interval_start]`.
        param: String,
    },
    /// A parameter the endpoint requires is missing (at the top, or in a hash given).
    MissingParameter {
        /// The endpoint.
        endpoint: &'static str,
        /// The parameter, as a form names it.
        param: String,
    },
    /// A parameter's value has the wrong shape (a hash where an array goes, text that
    /// is not an integer, ...), or the parameter is given twice.
    InvalidParameter {
        /// The endpoint.
        endpoint: &'static str,
        /// The parameter, as a form names it: `columns[0]`.
        param: String,
        /// What it must be, such as `an integer`.
        expected: String,
    },
    /// The parameters are not a map, or not valid JSON, or nested too deeply.
    BadParameters {
        /// Why.
        reason: String,
    },
    /// No endpoint has this name.
    UnknownEndpoint {
        /// The name given.
        name: String,
    },
}

impl RequestError {
    /// A stable code for the error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Id { .. } => "invalid_id",
            Self::UnknownParameter { .. } => "parameter_unknown",
            Self::MissingParameter { .. } => "parameter_missing",
            Self::InvalidParameter { .. } => "parameter_invalid",
            Self::BadParameters { .. } => "parameters_invalid",
            Self::UnknownEndpoint { .. } => "unknown_endpoint",
        }
    }

    /// The parameter at fault, if one is.
    pub fn param(&self) -> Option<&str> {
        match self {
            Self::UnknownParameter { param, .. } => Some(param),
            Self::MissingParameter { param, .. } => Some(param),
            Self::InvalidParameter { param, .. } => Some(param),
            _ => None,
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Id { endpoint } => write!(
                f,
                "{endpoint}: needs exactly the ids in its path (an id is missing or empty)"
            ),
            Self::UnknownParameter { endpoint, param } => {
                write!(f, "{endpoint} does not take the parameter '{param}'")
            }
            Self::MissingParameter { endpoint, param } => {
                write!(f, "{endpoint} requires the parameter '{param}'")
            }
            Self::InvalidParameter {
                endpoint,
                param,
                expected,
            } => write!(f, "{endpoint}: the parameter '{param}' must be {expected}"),
            Self::BadParameters { reason } => write!(f, "invalid parameters: {reason}"),
            Self::UnknownEndpoint { name } => write!(f, "no endpoint is named '{name}'"),
        }
    }
}

impl core::error::Error for RequestError {}
