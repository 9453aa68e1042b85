//! Reading Stripe's answer: an error status becomes an [`ApiError`]; a success is
//! checked against the models of the resources the endpoint returns, so a client hands
//! on only what fits.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

use super::endpoint::{Answer, Endpoint};
use super::error::ApiError;
use crate::json;
use crate::model::Path;
use crate::resources::{self, Decode, DecodeError, Problem};

/// Why an answer is not the value asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// Stripe answered with an error (boxed: it is much larger than success).
    Api(Box<ApiError>),
    /// Stripe answered 2xx with something that does not fit the model.
    Decode {
        /// The resource whose model it does not fit.
        resource: String,
        /// Where and why.
        error: DecodeError,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(error) => error.fmt(f),
            Self::Decode { resource, error } => {
                write!(
                    f,
                    "the answer does not fit the model of {resource}: {error}"
                )
            }
        }
    }
}

impl core::error::Error for Failure {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Api(error) => Some(error.as_ref()),
            Self::Decode { error, .. } => Some(error),
        }
    }
}

/// Whether `status` is a success.
pub const fn is_success(status: u16) -> bool {
    matches!(status, 200..=299)
}

/// The answer `body` of `endpoint` with `status`, checked: `Ok(())` when it is a
/// success and every object in it fits its model (models missing from this build are
/// not checked).
pub fn check(
    endpoint: &Endpoint,
    status: u16,
    request_id: Option<&str>,
    body: &str,
) -> Result<(), Failure> {
    if !is_success(status) {
        return Err(Failure::Api(Box::new(ApiError::from_response(
            status, request_id, body,
        ))));
    }
    let fits = |resource: &str, text: &str| match resources::validate_resource(resource, text) {
        Some(Err(error)) => Err(Failure::Decode {
            resource: resource.into(),
            error,
        }),
        _ => Ok(()),
    };
    match endpoint.answer {
        Answer::Bytes | Answer::Deleted(_) => Ok(()),
        Answer::Object(resource) => fits(resource, body),
        Answer::Page(_, resource) => {
            let page = |problem| Failure::Decode {
                resource: "page".into(),
                error: DecodeError {
                    path: "data".into(),
                    problem,
                },
            };
            let root = json::validate(body).map_err(|error| page(Problem::Syntax(error)))?;
            let items = root.member("data").ok_or_else(|| page(Problem::Missing))?;
            let elements = items.elements().ok_or_else(|| {
                page(Problem::Mismatch {
                    expected: "an array",
                    found: items.kind(),
                })
            })?;
            // Each item is checked where it sits, from the one reading of the page.
            let Some(shape) = resources::shape(resource) else {
                return Ok(());
            };
            let data = Path::ROOT.key("data");
            elements.enumerate().try_for_each(|(index, item)| {
                crate::model::validate(&shape, item, &data.index(index)).map_err(|error| {
                    Failure::Decode {
                        resource: resource.into(),
                        error,
                    }
                })
            })
        }
    }
}

/// The answer `body` with `status` decoded into `T`, or why not.
pub fn decode<T: Decode>(status: u16, request_id: Option<&str>, body: &str) -> Result<T, Failure> {
    if !is_success(status) {
        return Err(Failure::Api(Box::new(ApiError::from_response(
            status, request_id, body,
        ))));
    }
    resources::decode(body).map_err(|error| Failure::Decode {
        resource: resources::type_name::<T>(),
        error,
    })
}
