//! `POST /webhooks/stripe`: verify a Stripe webhook delivery (v1 event or v2 thin
//! event notification).

use stripe_edge::webhook::{self, VerifyOptions};
use worker::{Date, Env, Request};

use crate::respond::{self, Answer};
use crate::{body, config};

/// Verifies the delivery and acknowledges it with its id and type.
pub async fn receive(req: Request, env: &Env) -> Answer {
    let secrets = config::webhook_secrets(env)?;
    let options = VerifyOptions::default();
    let payload = body::read_capped(&req, options.payload_limit()).await?;
    let header = req
        .headers()
        .get("stripe-signature")
        .ok()
        .flatten()
        .unwrap_or_default();
    let now = (Date::now().as_millis() / 1000) as i64;
    let delivery = webhook::construct_delivery(&payload, &header, &secrets, now, &options)
        .map_err(|error| error.to_http())?;
    respond::json(
        200,
        serde_json::json!({ "received": true, "id": delivery.id(), "type": delivery.type_() })
            .to_string(),
    )
}
