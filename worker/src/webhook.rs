//! `POST /webhooks/stripe`: verify a Stripe webhook delivery (v1 event or v2 thin
//! event notification).

use stripe_edge::webhook::{self, VerifyOptions};
use worker::{Date, Env, Request, Response, Result};

use crate::{body, config, respond};

/// Verifies the delivery and acknowledges it with its id and type.
pub async fn receive(req: Request, env: &Env) -> Result<Response> {
    let secrets = match config::webhook_secrets(env) {
        Ok(secrets) => secrets,
        Err(error) => return respond::error(&error),
    };
    let options = VerifyOptions::default();
    let payload = match body::read_capped(&req, options.payload_limit()).await {
        Ok(payload) => payload,
        Err(error) => return respond::error(&error),
    };
    let header = req
        .headers()
        .get("stripe-signature")
        .ok()
        .flatten()
        .unwrap_or_default();
    let now = (Date::now().as_millis() / 1000) as i64;
    match webhook::construct_delivery(&payload, &header, &secrets, now, &options) {
        Ok(delivery) => respond::json(
            200,
            serde_json::json!({ "received": true, "id": delivery.id(), "type": delivery.type_() })
                .to_string(),
        ),
        Err(error) => respond::error(&error.to_http()),
    }
}
