//! `mintProxyToken`: the token a merchant's backend gives its browser app for the
//! Worker's proxy, minted by the core (the same code the Worker verifies with).

use alloc::string::String;

use stripe_edge::proxy::token::{self, Claims, TokenError};
use wasm_bindgen::prelude::*;

use crate::errors;

/// The lifetime of a token when the caller names none: short, as a browser's token
/// should be.
const DEFAULT_TTL_SECONDS: i64 = 900;

/// A proxy token for `sub` in `scope`, signed with `secret` (HS256), valid for
/// `ttlSeconds` (900 when undefined) from `now` (unix seconds; the clock when undefined).
#[wasm_bindgen(js_name = mintToken, skip_typescript)]
pub fn mint_token(
    secret: JsValue,
    sub: JsValue,
    scope: JsValue,
    ttl_seconds: JsValue,
    now: JsValue,
) -> Result<String, JsValue> {
    let text = |value: &JsValue| value.as_string().unwrap_or_default();
    let secret = text(&secret);
    if secret.is_empty() {
        return Err(arguments("secret"));
    }
    let ttl = whole_seconds(&ttl_seconds, "ttlSeconds")?.unwrap_or(DEFAULT_TTL_SECONDS);
    let now = whole_seconds(&now, "now")?.unwrap_or_else(|| (js_sys::Date::now() / 1000.0) as i64);
    let claims =
        Claims::issue(&text(&sub), &text(&scope), now, ttl).map_err(|error| match error {
            TokenError::Claim("exp") => errors::range_error(
                "mintProxyToken: ttlSeconds must be at least 1, and now + ttlSeconds a time",
            ),
            TokenError::Claim(name) => arguments(name),
            other => errors::type_error(&alloc::format!("mintProxyToken: {other}")),
        })?;
    Ok(token::mint(secret.as_bytes(), &claims))
}

/// A whole number of seconds in JavaScript's safe integer range, or `None` when
/// undefined; anything else is a `TypeError`.
fn whole_seconds(value: &JsValue, name: &str) -> Result<Option<i64>, JsValue> {
    if value.is_undefined() {
        return Ok(None);
    }
    const SAFE: f64 = 9_007_199_254_740_991.0;
    match value.as_f64() {
        // In range, the cast is exact for whole numbers only (no `fract` without std).
        Some(n) if (-SAFE..=SAFE).contains(&n) && (n as i64) as f64 == n => Ok(Some(n as i64)),
        _ => Err(errors::type_error(&alloc::format!(
            "mintProxyToken: {name} must be a whole number of seconds"
        ))),
    }
}

fn arguments(name: &str) -> JsValue {
    errors::type_error(&alloc::format!(
        "mintProxyToken takes {{ secret, sub, scope, ttlSeconds }}: {name} must be a non-empty string"
    ))
}
