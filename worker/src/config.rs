//! The Worker's configuration, read from its bindings.

use stripe_edge::error::{ErrorType, HttpError};
use worker::Env;

/// The binding that holds the endpoint secrets, comma-separated during a rotation.
pub const WEBHOOK_SECRET: &str = "STRIPE_WEBHOOK_SECRET";

/// The endpoint secrets to verify with: every non-empty, trimmed entry of
/// `STRIPE_WEBHOOK_SECRET`, or a 500 when there is none.
pub fn webhook_secrets(env: &Env) -> Result<Vec<String>, HttpError> {
    let value = env
        .secret(WEBHOOK_SECRET)
        .map(|secret| secret.to_string())
        .or_else(|_| env.var(WEBHOOK_SECRET).map(|var| var.to_string()))
        .unwrap_or_default();
    let secrets: Vec<String> = value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    if secrets.is_empty() {
        return Err(HttpError {
            status: 500,
            type_: ErrorType::ApiError,
            code: "webhook_secret_not_configured",
            message: format!("The Worker has no {WEBHOOK_SECRET} configured."),
            param: None,
        });
    }
    Ok(secrets)
}
