//! `/_admin/*`: the pipeline's operations, for proxy tokens of scope `admin` only (a
//! missing or bad token is 401, another scope 403). Secrets are never shown.
//!
//! - `GET /_admin/dead-letters[?limit=N]`: the deliveries given up, newest first.

use stripe_edge::error::{ErrorType, HttpError};
use stripe_edge::proxy::token::{self, Rules};
use worker::{Date, Env, Method, Request};

use crate::respond::{self, Answer, internal};
use crate::{config, registry};

/// The scope an admin token carries.
pub const SCOPE: &str = "admin";

/// Answers a request under `/_admin/`.
pub async fn handle(req: Request, env: &Env) -> Answer {
    authorize(&req, env)?;
    let path = req.path();
    match (path.as_str(), req.method()) {
        ("/_admin/dead-letters", Method::Get) => {
            let url = req.url().map_err(internal)?;
            let limit = match url.query_pairs().find(|(key, _)| key == "limit") {
                None => 100,
                Some((_, value)) => value
                    .parse::<u32>()
                    .ok()
                    .filter(|limit| (1..=registry::MAX_LIST).contains(limit))
                    .ok_or_else(|| bad_limit(&value))?,
            };
            let listing = registry::list(env, limit).await?;
            respond::json(
                200,
                serde_json::to_string(&listing)
                    .map_err(|error| config::misconfigured("internal_error", error.to_string()))?,
            )
        }
        ("/_admin/dead-letters", _) => respond::method_not_allowed("GET"),
        _ => Err(respond::not_found(&path)),
    }
}

/// Checks the request's token: valid (401 otherwise) and of scope `admin` (403).
fn authorize(req: &Request, env: &Env) -> Result<(), HttpError> {
    let settings = config::Proxy::read(env)?;
    let now = (Date::now().as_millis() / 1000) as i64;
    let rules = Rules {
        max_lifetime: settings.max_token_lifetime,
        ..Rules::default()
    };
    let authorization = req.headers().get("authorization").ok().flatten();
    let claims = token::bearer(authorization.as_deref())
        .and_then(|bearer| token::verify(bearer, &settings.token_secrets, now, &rules))
        .map_err(|error| error.to_http())?;
    if claims.scope != SCOPE {
        return Err(HttpError {
            status: 403,
            type_: ErrorType::InvalidRequestError,
            code: "scope_not_allowed",
            message: format!("The admin routes need a token of scope {SCOPE:?}."),
            param: None,
        });
    }
    Ok(())
}

fn bad_limit(value: &str) -> HttpError {
    HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code: "parameter_invalid_integer",
        message: format!(
            "limit {value:?} is not a whole number from 1 to {}",
            registry::MAX_LIST
        ),
        param: Some("limit".into()),
    }
}
