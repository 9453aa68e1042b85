//! Why a call failed, in layers: the answer's own failure ([`Failure`]: Stripe's error
//! or a value that does not fit its model), a page or file that does not read, no
//! answer at all, or a report run that did not succeed.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

use crate::api::csv::CsvError;
use crate::api::pagination::PageError;
use crate::api::{ApiError, Failure, RequestError};

/// Why a call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallError {
    /// Stripe answered with an error, or with a value that does not fit its model.
    Answer(Failure),
    /// A page of a list does not read as one.
    Page(PageError),
    /// A result file does not read as CSV.
    File(CsvError),
    /// A follow-up request could not be built (a v2 page's `next_page_url` that
    /// leaves the list, say).
    Request(RequestError),
    /// No answer: the connection failed or timed out on every attempt.
    Connection {
        /// What the transport said of the last attempt.
        message: String,
    },
    /// A report run or Sigma run ended without a result.
    RunFailed {
        /// The run's id.
        id: String,
        /// Its final status, such as `failed`.
        status: String,
        /// Its `error` (report runs) or `error.message` (Sigma runs), if any.
        reason: Option<String>,
        /// The run's JSON text, as Stripe answered it.
        run: String,
    },
    /// A report run was still pending when the wait's time ran out.
    StillPending {
        /// The run's id.
        id: String,
        /// How long it was waited for, in milliseconds.
        waited_ms: u64,
    },
    /// The driver broke the protocol: it polled while a request was out, or handed
    /// an answer no request was waiting for.
    OutOfOrder,
}

impl From<Failure> for CallError {
    fn from(failure: Failure) -> Self {
        Self::Answer(failure)
    }
}

impl CallError {
    /// Stripe's error, when Stripe answered with one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Answer(Failure::Api(error)) => Some(error),
            _ => None,
        }
    }

    pub(super) fn api(error: ApiError) -> Self {
        Self::Answer(Failure::Api(Box::new(error)))
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Answer(failure) => failure.fmt(f),
            Self::Page(error) => write!(f, "the answer is not a page: {error}"),
            Self::File(error) => write!(f, "the result file does not read: {error}"),
            Self::Request(error) => error.fmt(f),
            Self::Connection { message } => f.write_str(message),
            Self::RunFailed {
                id, status, reason, ..
            } => {
                write!(f, "run {id} ended {status}")?;
                match reason {
                    Some(reason) => write!(f, ": {reason}"),
                    None => f.write_str(" with no reason given"),
                }
            }
            Self::StillPending { id, waited_ms } => {
                write!(f, "report run {id} was still pending after {waited_ms} ms")
            }
            Self::OutOfOrder => f.write_str(
                "the driver polled while a request was out, or answered a request never sent",
            ),
        }
    }
}

impl core::error::Error for CallError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Answer(failure) => Some(failure),
            Self::Page(error) => Some(error),
            Self::File(error) => Some(error),
            Self::Request(error) => Some(error),
            _ => None,
        }
    }
}
