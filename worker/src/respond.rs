//! Responses: JSON bodies and Stripe-shaped errors.

use stripe_edge::error::{ErrorType, HttpError};
use worker::{Headers, Response, Result};

/// A JSON response with the given status.
pub fn json(status: u16, body: impl Into<String>) -> Result<Response> {
    let headers = Headers::new();
    headers.set("content-type", "application/json")?;
    headers.set("cache-control", "no-store")?;
    Ok(Response::ok(body.into())?
        .with_status(status)
        .with_headers(headers))
}

/// A Stripe-shaped error response.
pub fn error(error: &HttpError) -> Result<Response> {
    json(error.status, error.to_json())
}

/// 405 for a known path, with the methods it takes.
pub fn method_not_allowed(allow: &str) -> Result<Response> {
    let response = error(&HttpError {
        status: 405,
        type_: ErrorType::InvalidRequestError,
        code: "method_not_allowed",
        message: format!("This endpoint only accepts {allow} requests."),
        param: None,
    })?;
    response.headers().set("allow", allow)?;
    Ok(response)
}

/// 404 for a path the Worker does not serve.
pub fn not_found(path: &str) -> Result<Response> {
    error(&HttpError {
        status: 404,
        type_: ErrorType::InvalidRequestError,
        code: "resource_missing",
        message: format!("Unrecognized request URL (path {path})."),
        param: None,
    })
}
