//! The Stripe errors the emulator answers with, with the statuses and codes Stripe uses.

use stripe_edge::error::{ErrorType, HttpError};

/// A 400 `invalid_request_error`.
pub fn invalid(code: &'static str, param: Option<&str>, message: String) -> HttpError {
    HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code,
        message,
        param: param.map(String::from),
    }
}

/// A 404 for an object that does not exist.
pub fn missing(kind: &str, id: &str, param: &str) -> HttpError {
    HttpError {
        status: 404,
        type_: ErrorType::InvalidRequestError,
        code: "resource_missing",
        message: format!("No such {kind}: '{id}'"),
        param: Some(param.into()),
    }
}

/// A 404 for a path that is not an endpoint.
pub fn no_route(method: &str, path: &str) -> HttpError {
    HttpError {
        status: 404,
        type_: ErrorType::InvalidRequestError,
        code: "url_invalid",
        message: format!("Unrecognized request URL ({method}: {path})."),
        param: None,
    }
}

/// A 401 for a missing or wrong API key.
pub fn unauthorized(message: String) -> HttpError {
    HttpError {
        status: 401,
        type_: ErrorType::InvalidRequestError,
        code: "api_key_invalid",
        message,
        param: None,
    }
}

/// A 400 for a required parameter that is absent.
pub fn required(param: &str) -> HttpError {
    invalid(
        "parameter_missing",
        Some(param),
        format!("Missing required param: {param}."),
    )
}

/// A 400 for a parameter this endpoint does not take.
pub fn unknown(param: &str) -> HttpError {
    invalid(
        "parameter_unknown",
        Some(param),
        format!("Received unknown parameter: {param}"),
    )
}

/// A 400 for a parameter whose value is not of its type.
pub fn bad_value(param: &str, expected: &str) -> HttpError {
    invalid(
        "parameter_invalid",
        Some(param),
        format!("Invalid {expected} for {param}."),
    )
}

/// A 400 for a state change the object's status does not allow.
pub fn bad_state(message: String) -> HttpError {
    invalid("invalid_state", None, message)
}
