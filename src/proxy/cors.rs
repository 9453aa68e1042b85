//! CORS for the proxy: only the exact origins of `ALLOWED_ORIGINS` (never `null`, never
//! a pattern), with preflight answers that name exactly what the proxy takes.

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{ErrorType, HttpError};

/// The methods the proxy takes.
pub const METHODS: &str = "GET, POST, DELETE";

/// The request headers a browser may send (the Stripe ones are refused later unless the
/// token's scope allows them; `Stripe-Version` is replaced by the pinned version).
pub const REQUEST_HEADERS: &[&str] = &[
    "accept",
    "authorization",
    "content-type",
    "idempotency-key",
    "stripe-account",
    "stripe-context",
    "stripe-version",
];

/// The answer headers a page may read.
pub const EXPOSED_HEADERS: &str = "Request-Id, Stripe-Version, Retry-After";

/// How long a browser may keep a preflight's answer, in seconds.
pub const MAX_AGE: &str = "600";

/// `origin` when it is one of `allowed`, exactly; `null` (sandboxed pages, files) never.
pub fn allowed<'a>(allowed: &[String], origin: Option<&'a str>) -> Option<&'a str> {
    origin.filter(|origin| *origin != "null" && allowed.iter().any(|allowed| allowed == origin))
}

/// The headers that let an allowed `origin` read an answer (none for any other).
pub fn answer_headers(
    allowed_origins: &[String],
    origin: Option<&str>,
) -> Vec<(&'static str, String)> {
    let mut headers = alloc::vec![("Vary", String::from("Origin"))];
    if let Some(origin) = allowed(allowed_origins, origin) {
        headers.push(("Access-Control-Allow-Origin", origin.into()));
        headers.push(("Access-Control-Expose-Headers", EXPOSED_HEADERS.into()));
    }
    headers
}

/// The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`): its
/// headers when the origin, the method and every requested header are allowed, else a
/// 403 that says which is not.
pub fn preflight(
    allowed_origins: &[String],
    origin: Option<&str>,
    method: Option<&str>,
    headers: Option<&str>,
) -> Result<Vec<(&'static str, String)>, HttpError> {
    let refuse = |what: String| HttpError {
        status: 403,
        type_: ErrorType::InvalidRequestError,
        code: "cors_not_allowed",
        message: what,
        param: None,
    };
    let origin = allowed(allowed_origins, origin).ok_or_else(|| {
        refuse(alloc::format!(
            "The origin {} may not call this Worker",
            origin.unwrap_or("(none)")
        ))
    })?;
    let method = method.unwrap_or_default();
    if !METHODS.split(", ").any(|allowed| allowed == method) {
        return Err(refuse(alloc::format!("The method {method:?} is not taken")));
    }
    let requested: Vec<String> = headers
        .unwrap_or_default()
        .split(',')
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect();
    if let Some(refused) = requested
        .iter()
        .find(|name| !REQUEST_HEADERS.contains(&name.as_str()))
    {
        return Err(refuse(alloc::format!("The header {refused} is not taken")));
    }
    Ok(alloc::vec![
        ("Vary", String::from("Origin")),
        ("Access-Control-Allow-Origin", origin.into()),
        ("Access-Control-Allow-Methods", METHODS.into()),
        ("Access-Control-Allow-Headers", requested.join(", ")),
        ("Access-Control-Max-Age", MAX_AGE.into()),
    ])
}
