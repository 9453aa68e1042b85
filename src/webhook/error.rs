//! Why a webhook was refused, with a stable code per case.

use alloc::string::String;
use core::fmt;

use super::event::EventKind;
use crate::error::{ErrorType, HttpError};

/// Where Stripe documents webhook signing; quoted in mismatch messages as stripe-node does.
const DOCS: &str = "https://docs.stripe.com/webhooks/signature";

/// A webhook payload or its signature was refused.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WebhookError {
    /// The payload was empty.
    MissingPayload,
    /// The payload is larger than the configured cap.
    PayloadTooLarge {
        /// Size of the payload in bytes.
        size: usize,
        /// The cap in bytes.
        limit: usize,
    },
    /// There was no `Stripe-Signature` header, or it was empty.
    MissingHeader,
    /// The header has no valid `t=` timestamp.
    MalformedHeader,
    /// The header has no well-formed `v1` signature.
    NoV1Signature,
    /// No secret was given, or a secret was blank.
    EmptySecret,
    /// No `v1` signature matches the payload under any of the secrets.
    NoMatchingSignature {
        /// A secret contains whitespace, a common copy-and-paste mistake.
        secret_has_whitespace: bool,
    },
    /// The signature is too old, or dated too far in the future.
    TimestampOutsideTolerance {
        /// Seconds between signing and now; negative when signed in the future.
        age: i64,
        /// The tolerance that was exceeded, in seconds.
        tolerance: u64,
    },
    /// The payload is signed but is not valid JSON.
    InvalidJson {
        /// Byte offset of the first byte that does not fit.
        offset: usize,
        /// What would have fitted there.
        expected: &'static str,
    },
    /// The payload is signed but its host's JSON parser refused it (see
    /// [`check_parsed_envelope`](super::check_parsed_envelope)).
    JsonRefused {
        /// The parser's own explanation.
        reason: String,
    },
    /// The payload is JSON but not a Stripe event of any kind.
    InvalidEvent {
        /// The field that is missing or wrong, such as `created` or `data.object`.
        field: &'static str,
        /// What the field must be.
        expected: &'static str,
    },
    /// The payload is the other kind of event than the function expects.
    WrongEventKind {
        /// The kind the function handles.
        expected: EventKind,
        /// The kind the payload is.
        found: EventKind,
    },
}

impl WebhookError {
    /// A stable, machine-readable code for this case.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingPayload => "missing_payload",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::MissingHeader => "missing_header",
            Self::MalformedHeader => "malformed_header",
            Self::NoV1Signature => "no_v1_signature",
            Self::EmptySecret => "empty_secret",
            Self::NoMatchingSignature { .. } => "no_matching_signature",
            Self::TimestampOutsideTolerance { .. } => "timestamp_outside_tolerance",
            Self::InvalidJson { .. } | Self::JsonRefused { .. } => "invalid_json",
            Self::InvalidEvent { .. } => "invalid_event",
            Self::WrongEventKind { .. } => "wrong_event_kind",
        }
    }

    /// The Stripe-shaped HTTP error a receiver answers with.
    pub fn to_http(&self) -> HttpError {
        let (status, type_, param) = match self {
            Self::PayloadTooLarge { .. } => (413, ErrorType::InvalidRequestError, None),
            Self::MissingHeader | Self::MalformedHeader | Self::NoV1Signature => (
                400,
                ErrorType::InvalidRequestError,
                Some("Stripe-Signature"),
            ),
            // The receiver's own configuration is at fault, not the request.
            Self::EmptySecret => (500, ErrorType::ApiError, None),
            _ => (400, ErrorType::InvalidRequestError, None),
        };
        HttpError {
            status,
            type_,
            code: self.code(),
            message: self.message(),
            param: param.map(String::from),
        }
    }
}

/// Written with `write_str` and itoa only, no formatting machinery: the message is part
/// of the smallest wasm, the webhook one.
impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_parts(|parts| parts.iter().try_for_each(|part| f.write_str(part)))
    }
}

impl WebhookError {
    /// The message, as [`Display`](fmt::Display) writes it, built without the
    /// formatting machinery (which `to_string` would bring into the webhook wasm).
    pub fn message(&self) -> String {
        self.with_parts(|parts| {
            let mut message = String::new();
            for part in parts {
                message.push_str(part);
            }
            message
        })
    }

    /// Calls `write` with the pieces of the message, in order. Every number is written
    /// as a u64, so that the webhook wasm carries one itoa routine and digit table.
    fn with_parts<R>(&self, write: impl FnOnce(&[&str]) -> R) -> R {
        let (mut first, mut second) = (itoa::Buffer::new(), itoa::Buffer::new());
        let parts: &[&str] = match self {
            Self::MissingPayload => &["No webhook payload was provided."],
            Self::PayloadTooLarge { size, limit } => &[
                "Webhook payload is ",
                first.format(*size as u64),
                " bytes, more than the limit of ",
                second.format(*limit as u64),
                " bytes.",
            ],
            Self::MissingHeader => &["No stripe-signature header value was provided."],
            Self::MalformedHeader => &["Unable to extract timestamp and signatures from header"],
            Self::NoV1Signature => &["No signatures found with expected scheme"],
            Self::EmptySecret => {
                &["No webhook secret value was provided. It should start with `whsec_`"]
            }
            Self::NoMatchingSignature {
                secret_has_whitespace,
            } => &[
                "No signatures found matching the expected signature for payload. \
                 Are you passing the raw request body you received from Stripe? \
                 If a webhook request is being forwarded by a third-party tool, ensure \
                 that the exact request body, including JSON formatting and new line \
                 style, is preserved.\nLearn more about webhook signing at ",
                DOCS,
                if *secret_has_whitespace {
                    "\n\nNote: The provided signing secret contains whitespace. This \
                     often indicates an extra newline or space is in the value"
                } else {
                    ""
                },
            ],
            Self::TimestampOutsideTolerance { age, tolerance } => &[
                "Timestamp outside the tolerance zone: signed ",
                first.format(age.unsigned_abs()),
                if *age < 0 {
                    " s in the future, more than the tolerance of "
                } else {
                    " s ago, more than the tolerance of "
                },
                second.format(*tolerance),
                " s",
            ],
            Self::InvalidJson { offset, expected } => &[
                "Webhook payload is not valid JSON: expected ",
                expected,
                " at byte ",
                first.format(*offset as u64),
            ],
            Self::JsonRefused { reason } => &["Webhook payload is not valid JSON: ", reason],
            Self::InvalidEvent { field, expected } => &[
                "Webhook payload is not a Stripe event: `",
                field,
                "` must be ",
                expected,
            ],
            Self::WrongEventKind { expected, found } => &[
                "You passed ",
                found.description(),
                " (object \"",
                found.object(),
                "\") to a function that expects ",
                expected.description(),
                ". Use ",
                found.function(),
                " instead.",
            ],
        };
        write(parts)
    }
}

impl core::error::Error for WebhookError {}
