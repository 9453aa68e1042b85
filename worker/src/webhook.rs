//! `POST /webhooks/stripe`: verify a Stripe webhook delivery (v1 event or v2 thin
//! event notification), then record it in the ledger, which enqueues it for the
//! destinations that want it. The answer is 200 only once both succeeded; a failure is
//! a Stripe-shaped 5xx, so Stripe delivers it again.

use stripe_edge::error::{ErrorType, HttpError};
use stripe_edge::pipeline::ledger;
use stripe_edge::webhook::{self, VerifyOptions};
use worker::{Date, Env, Request};

use crate::ledger::{Accept, accept};
use crate::respond::{self, Answer};
use crate::{body, config, destinations};

/// Verifies the delivery, records and enqueues it, and acknowledges it with its id and
/// type (and `"duplicate": true` when the id was accepted before).
pub async fn receive(req: Request, env: &Env) -> Answer {
    let secrets = config::webhook_secrets(env)?;
    let options = VerifyOptions::default();
    let payload = body::read_capped(req.inner(), options.payload_limit()).await?;
    let header = req
        .headers()
        .get("stripe-signature")
        .ok()
        .flatten()
        .unwrap_or_default();
    let now = (Date::now().as_millis() / 1000) as i64;
    let delivery = webhook::construct_delivery(&payload, &header, &secrets, now, &options)
        .map_err(|error| error.to_http())?;
    let (id, type_) = (delivery.id(), delivery.type_());
    if !ledger::valid_id(id) {
        return Err(invalid(
            "The event id is empty, too long or not printable ASCII.",
        ));
    }
    let event_type = type_.unwrap_or_default();
    let routes = destinations::routes(env)?;
    let accepted = accept(
        env,
        &Accept {
            id: id.into(),
            type_: event_type.into(),
            payload: std::str::from_utf8(&payload)
                .map_err(|_| invalid("The event is not UTF-8."))?
                .into(),
            destinations: routes
                .wanting(event_type)
                .map(|destination| destination.name.clone())
                .collect(),
        },
    )
    .await?;
    let mut answer = serde_json::json!({ "received": true, "id": id, "type": type_ });
    if accepted.duplicate {
        answer["duplicate"] = true.into();
    }
    respond::json(200, answer.to_string())
}

fn invalid(message: &str) -> HttpError {
    HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code: "invalid_event",
        message: message.into(),
        param: None,
    }
}
