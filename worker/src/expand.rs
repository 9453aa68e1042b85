//! Thin notifications expanded for destinations that want snapshots: the calls the core
//! plans (`stripe_edge::pipeline::expand`), made with the core's call machines through
//! the Worker's driver, with `STRIPE_SECRET_KEY`.

use stripe_edge::api::call::{Call, Output, Settings};
use stripe_edge::api::{Method, V2_EVENT_RETRIEVE};
use stripe_edge::form::FormValue;
use stripe_edge::pipeline::expand::{self, Fetch};
use worker::Env;

use crate::config;
use crate::upstream::{drive, entropy};

/// How long one call to Stripe may take, in milliseconds.
const TIMEOUT_MS: u64 = 10_000;

/// The payload `fetch` plans, or why it could not be made.
pub async fn expanded(env: &Env, fetch: &Fetch) -> Result<String, String> {
    let settings = Settings {
        stripe_context: fetch.context.clone(),
        timeout_ms: TIMEOUT_MS,
        ..config::api_settings(env).map_err(|error| error.message)?
    };
    let mut call = Call::new(
        &V2_EVENT_RETRIEVE,
        Some(&fetch.event_id),
        &FormValue::Map(Vec::new()),
        &settings,
        entropy().map_err(|error| error.to_string())?,
    )
    .map_err(|error| error.to_string())?;
    let event = body(drive(&mut call, |_| {}).await)?;
    let related = match &fetch.related_object_url {
        None => None,
        Some(url) => {
            let mut call = Call::raw(
                Method::Get,
                url,
                &settings,
                entropy().map_err(|error| error.to_string())?,
            )
            .map_err(|error| error.to_string())?;
            Some(body(drive(&mut call, |_| {}).await)?)
        }
    };
    expand::compose(&event, related.as_deref()).map_err(|error| error.to_string())
}

/// The text of a call's answer.
fn body(end: Result<Output, stripe_edge::api::call::CallError>) -> Result<String, String> {
    match end.map_err(|error| format!("Stripe: {error}"))? {
        Output::Answer(bytes) => String::from_utf8(bytes).map_err(|_| "Stripe: not UTF-8".into()),
        _ => Err("Stripe: no answer".into()),
    }
}
