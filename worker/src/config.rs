//! The Worker's configuration, read from its bindings: secrets (`wrangler secret put`,
//! or `--var` locally) and vars (`wrangler.toml`).

use std::sync::OnceLock;

use stripe_edge::error::{ErrorType, HttpError};
use worker::Env;
use worker::js_sys::Reflect;
use worker::wasm_bindgen::JsValue;

/// The binding that holds the endpoint secrets, comma-separated during a rotation.
pub const WEBHOOK_SECRET: &str = "STRIPE_WEBHOOK_SECRET";

/// The rate-limit binding that counts each subject's proxy requests.
pub const RATE_LIMIT: &str = "PROXY_RATE_LIMIT";

/// The endpoint secrets to verify with: every non-empty, trimmed entry of
/// `STRIPE_WEBHOOK_SECRET`, or a 500 when there is none.
pub fn webhook_secrets(env: &Env) -> Result<Vec<String>, HttpError> {
    required_list(env, WEBHOOK_SECRET)
}

/// The proxy's settings.
pub struct Proxy {
    /// `STRIPE_SECRET_KEY`: the key the proxy calls Stripe with, never answered.
    pub secret_key: String,
    /// `PROXY_TOKEN_SECRET`: the HS256 secrets of callers' tokens (several during a
    /// rotation).
    pub token_secrets: Vec<String>,
    /// `STRIPE_API_BASE`: Stripe's origin (`https://api.stripe.com`), or a local
    /// emulator's.
    pub api_base: String,
    /// `STRIPE_API_VERSION`: the `Stripe-Version` every call is pinned to.
    pub api_version: String,
    /// `ALLOWED_ORIGINS`: the exact browser origins CORS lets in.
    pub origins: Vec<String>,
    /// `PROXY_MAX_TOKEN_LIFETIME`: the longest token lifetime accepted, in seconds.
    pub max_token_lifetime: i64,
}

impl Proxy {
    /// The settings from `env`; a missing secret is a 500 that names it (and never its
    /// value).
    pub fn read(env: &Env) -> Result<Self, HttpError> {
        let lifetime = value(env, "PROXY_MAX_TOKEN_LIFETIME").unwrap_or_else(|| "3600".into());
        Ok(Self {
            secret_key: required_list(env, "STRIPE_SECRET_KEY")?.remove(0),
            token_secrets: required_list(env, "PROXY_TOKEN_SECRET")?,
            api_base: value(env, "STRIPE_API_BASE")
                .unwrap_or_else(|| "https://api.stripe.com".into()),
            api_version: value(env, "STRIPE_API_VERSION")
                .ok_or_else(|| missing("STRIPE_API_VERSION"))?,
            origins: list(value(env, "ALLOWED_ORIGINS").as_deref().unwrap_or_default()),
            max_token_lifetime: lifetime.trim().parse().map_err(|_| {
                misconfigured(
                    "config_invalid",
                    "PROXY_MAX_TOKEN_LIFETIME is not a whole number of seconds".into(),
                )
            })?,
        })
    }
}

/// A setting bundled at build time as JSON (`build.rs` checked it), read once per
/// isolate into `cell` with `parse`; a 500 with `code` should it not read.
pub fn bundled<T, E: core::fmt::Display>(
    cell: &'static OnceLock<Result<T, String>>,
    json: &'static str,
    parse: impl FnOnce(&str) -> Result<T, E>,
    code: &'static str,
) -> Result<&'static T, HttpError> {
    cell.get_or_init(|| parse(json).map_err(|error| error.to_string()))
        .as_ref()
        .map_err(|error| misconfigured(code, error.clone()))
}

/// A 500 for a Worker that is not configured as it must be.
pub fn misconfigured(code: &'static str, message: String) -> HttpError {
    HttpError {
        status: 500,
        type_: ErrorType::ApiError,
        code,
        message,
        param: None,
    }
}

fn missing(name: &str) -> HttpError {
    misconfigured(
        "config_missing",
        format!("The Worker has no {name} configured."),
    )
}

/// Whether the proxy is on: a Worker deployed for webhooks alone (neither
/// `STRIPE_SECRET_KEY` nor `PROXY_TOKEN_SECRET` set) serves no `/v1` or `/v2` routes;
/// with one of them set, the other's absence is a 500 that names it.
pub fn proxy_enabled(env: &Env) -> bool {
    value(env, "STRIPE_SECRET_KEY").is_some() || value(env, "PROXY_TOKEN_SECRET").is_some()
}

/// Whether the Worker mints development tokens (`DEV_TOKENS=true`, set only by the run
/// command).
pub fn dev_tokens(env: &Env) -> bool {
    value(env, "DEV_TOKENS").as_deref() == Some("true")
}

/// A secret or a var (both text bindings), trimmed; `None` when unset, blank or not
/// text.
pub fn value(env: &Env, name: &str) -> Option<String> {
    Reflect::get(env, &JsValue::from_str(name))
        .ok()?
        .as_string()
        .map(|value| value.trim().to_string())
        .filter(|value| !value.is_empty())
}

/// Every non-empty, trimmed entry of a comma-separated list.
fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(String::from)
        .collect()
}

fn required_list(env: &Env, name: &str) -> Result<Vec<String>, HttpError> {
    let entries = list(&value(env, name).unwrap_or_default());
    if entries.is_empty() {
        return Err(missing(name));
    }
    Ok(entries)
}

/// The ledger's settings (`PIPELINE_RETENTION_SECONDS`, `PIPELINE_REDELIVER_AFTER_SECONDS`,
/// `PIPELINE_MAX_ATTEMPTS`), checked by the core; a bad one is a 500 that names it.
pub fn ledger_settings(env: &Env) -> Result<stripe_edge::pipeline::ledger::Settings, HttpError> {
    stripe_edge::pipeline::ledger::Settings::from_vars(
        value(env, "PIPELINE_RETENTION_SECONDS").as_deref(),
        value(env, "PIPELINE_REDELIVER_AFTER_SECONDS").as_deref(),
        value(env, "PIPELINE_MAX_ATTEMPTS").as_deref(),
    )
    .map_err(|error| misconfigured("config_invalid", error.to_string()))
}

/// `PIPELINE_DELIVERY_TIMEOUT_MS`: how long a destination has to answer (10 s by
/// default, 100 ms to 60 s).
pub fn delivery_timeout_ms(env: &Env) -> Result<u64, HttpError> {
    match value(env, "PIPELINE_DELIVERY_TIMEOUT_MS") {
        None => Ok(10_000),
        Some(text) => text
            .parse::<u64>()
            .ok()
            .filter(|ms| (100..=60_000).contains(ms))
            .ok_or_else(|| {
                misconfigured(
                    "config_invalid",
                    format!("PIPELINE_DELIVERY_TIMEOUT_MS {text:?} is not 100 to 60000 ms"),
                )
            }),
    }
}

/// The settings of the Worker's own calls to Stripe: `STRIPE_SECRET_KEY` (required),
/// `STRIPE_API_BASE` and `STRIPE_API_VERSION`.
pub fn api_settings(env: &Env) -> Result<stripe_edge::api::call::Settings, HttpError> {
    Ok(stripe_edge::api::call::Settings {
        api_key: Some(required_list(env, "STRIPE_SECRET_KEY")?.remove(0)),
        api_version: value(env, "STRIPE_API_VERSION"),
        ..stripe_edge::api::call::Settings::default()
    }
    .with_origin(&value(env, "STRIPE_API_BASE").unwrap_or_else(|| "https://api.stripe.com".into())))
}
