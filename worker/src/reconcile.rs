//! Reconciliation: the events Stripe lists as not delivered in the last
//! `PIPELINE_RECONCILE_HOURS` (72 by default), read page by page as the core's
//! [`Reconcile`] asks, with the core's call machines and `STRIPE_SECRET_KEY`, and fed
//! into the ledger like any delivery (an id it holds is a duplicate and enqueues
//! nothing). The cron trigger runs it; so does `POST /_admin/reconcile`.

use serde::Serialize;
use stripe_edge::api::Method;
use stripe_edge::api::call::{Call, Output, Settings};
use stripe_edge::error::HttpError;
use stripe_edge::pipeline::reconcile::{MAX_LOOKBACK_HOURS, Reconcile};
use worker::Env;

use crate::ledger::{self, Accept, now_ms};
use crate::upstream::{drive, entropy};
use crate::{config, destinations};

/// How long one call to Stripe may take, in milliseconds.
const TIMEOUT_MS: u64 = 20_000;

/// What a run found.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Events Stripe lists as not delivered.
    pub listed: u32,
    /// Of those, the ones the ledger did not hold: accepted now.
    pub accepted: u32,
}

/// Runs one reconciliation.
pub async fn run(env: &Env) -> Result<Summary, HttpError> {
    let hours = match config::value(env, "PIPELINE_RECONCILE_HOURS") {
        None => 72,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|hours| (1..=MAX_LOOKBACK_HOURS).contains(hours))
            .ok_or_else(|| {
                config::misconfigured(
                    "config_invalid",
                    format!("PIPELINE_RECONCILE_HOURS {text:?} is not 1 to {MAX_LOOKBACK_HOURS}"),
                )
            })?,
    };
    let settings = Settings {
        timeout_ms: TIMEOUT_MS,
        ..config::api_settings(env)?
    };
    let routes = destinations::routes(env)?;
    let mut reconcile = Reconcile::new(now_ms() / 1000, hours);
    let mut summary = Summary::default();
    while let Some(path) = reconcile.next_path() {
        let page = fetch(&path, &settings).await?;
        let missed = reconcile
            .read_page(&page)
            .map_err(|error| failed(&error.to_string()))?;
        for event in missed {
            summary.listed = summary.listed.saturating_add(1);
            let accept = Accept {
                destinations: routes
                    .wanting(&event.type_)
                    .map(|destination| destination.name.clone())
                    .collect(),
                id: event.id,
                type_: event.type_,
                payload: event.payload,
            };
            if !ledger::accept(env, &accept).await?.duplicate {
                summary.accepted = summary.accepted.saturating_add(1);
            }
        }
    }
    worker::console_log!(
        "reconcile: {} undelivered events listed, {} accepted",
        summary.listed,
        summary.accepted
    );
    Ok(summary)
}

/// The text of the page at `path`.
async fn fetch(path: &str, settings: &Settings) -> Result<String, HttpError> {
    let mut call = Call::raw(
        Method::Get,
        path,
        settings,
        entropy().map_err(crate::respond::internal)?,
    )
    .map_err(|error| failed(&error.to_string()))?;
    match drive(&mut call, |_| {}).await {
        Ok(Output::Answer(body)) => {
            String::from_utf8(body).map_err(|_| failed("the events list is not UTF-8"))
        }
        Ok(_) => Err(failed("the events list had no answer")),
        Err(error) => Err(failed(&error.to_string())),
    }
}

fn failed(reason: &str) -> HttpError {
    HttpError {
        status: 502,
        type_: stripe_edge::error::ErrorType::ApiError,
        code: "reconcile_failed",
        message: format!("Listing Stripe's undelivered events failed: {reason}"),
        param: None,
    }
}
