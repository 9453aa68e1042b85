//! Responses: JSON bodies and Stripe-shaped errors. Handlers answer
//! `Result<Response, HttpError>`; [`answer`] turns that into the Worker's response in
//! one place.

use stripe_edge::error::{ErrorType, HttpError};
use worker::{Headers, Response};

/// What a handler answers: a response, or the Stripe-shaped error to send instead.
pub type Answer = Result<Response, HttpError>;

/// The response for a handler's answer.
pub fn answer(answer: Answer) -> worker::Result<Response> {
    answer
        .or_else(|error| build(error.status, error.to_json()).or_else(|_| Response::error("", 500)))
}

/// A JSON response with the given status.
pub fn json(status: u16, body: impl Into<String>) -> Answer {
    build(status, body.into()).map_err(internal)
}

/// 405 for a known path, with the methods it takes.
pub fn method_not_allowed(allow: &str) -> Answer {
    let error = HttpError {
        status: 405,
        type_: ErrorType::InvalidRequestError,
        code: "method_not_allowed",
        message: format!("This endpoint only accepts {allow} requests."),
        param: None,
    };
    let response = build(error.status, error.to_json()).map_err(internal)?;
    response.headers().set("allow", allow).map_err(internal)?;
    Ok(response)
}

/// 404 for a path the Worker does not serve.
pub fn not_found(path: &str) -> HttpError {
    HttpError {
        status: 404,
        type_: ErrorType::InvalidRequestError,
        code: "resource_missing",
        message: format!("Unrecognized request URL (path {path})."),
        param: None,
    }
}

/// A failure of the runtime itself (building a response, reading a binding): a 500
/// that says what failed, and is logged.
pub fn internal(error: worker::Error) -> HttpError {
    worker::console_error!("internal error: {error}");
    HttpError {
        status: 500,
        type_: ErrorType::ApiError,
        code: "internal_error",
        message: format!("The Worker failed: {error}"),
        param: None,
    }
}

fn build(status: u16, body: String) -> worker::Result<Response> {
    let headers = Headers::new();
    headers.set("content-type", "application/json")?;
    headers.set("cache-control", "no-store")?;
    Ok(Response::ok(body)?
        .with_status(status)
        .with_headers(headers))
}
