//! The queue consumer. On the deliveries queue it posts each owed event to its
//! destination, re-signed with the destination's own secret (Stripe's original
//! signature is never passed on), records the attempt in the ledger and does what the
//! ledger answers: acknowledge, retry after the backoff, or give up to the dead-letter
//! queue (attempts spent, or the destination disabled by a 410); each attempt also goes
//! into the registry's journal of recent deliveries. On the dead-letter queue it
//! settles the delivery in the ledger and records it in the registry.

use futures_util::future::join_all;
use stripe_edge::error::HttpError;
use stripe_edge::pipeline::attempt::Outcome;
use stripe_edge::pipeline::expand::{self, Plan};
use stripe_edge::pipeline::{Destination, sign};
use worker::{Env, Message, MessageBatch, MessageExt, QueueRetryOptionsBuilder};

use crate::ledger::{self, Attempt, GiveUp, Next, Settle, Ticket, now_ms};
use crate::registry::{self, Attempted, DeadLetter};
use crate::respond::internal;
use crate::upstream::{self, Body};
use crate::{config, destinations};

/// The queue binding the dead letters are sent to.
pub const DEAD_LETTER_QUEUE: &str = "DEAD_LETTER_QUEUE";

/// The dead-letter queue's name (as in wrangler.toml): its batches are recorded, not
/// delivered.
pub const DEAD_LETTER_QUEUE_NAME: &str = "stripe-edge-dead-letters";

/// Handles a batch of either queue.
pub async fn consume(batch: MessageBatch<Ticket>, env: Env) -> worker::Result<()> {
    let messages = batch.messages()?;
    if batch.queue() == DEAD_LETTER_QUEUE_NAME {
        join_all(messages.iter().map(|message| bury(message, &env))).await;
        return Ok(());
    }
    let disabled = match registry::disabled(&env).await {
        Ok(disabled) => disabled.destinations,
        Err(error) => {
            worker::console_error!("deliveries: the registry failed: {}", error.message);
            batch.retry_all();
            return Ok(());
        }
    };
    join_all(
        messages
            .iter()
            .map(|message| deliver(message, &env, &disabled)),
    )
    .await;
    Ok(())
}

/// Delivers one message's event to its destination, unless it is no longer owed.
async fn deliver(message: &Message<Ticket>, env: &Env, disabled: &[String]) {
    let ticket = message.body();
    let routes = match destinations::routes(env) {
        Ok(routes) => routes,
        Err(error) => return retry(message, &error),
    };
    let Some(destination) = routes.named(&ticket.destination) else {
        return give_up(message, env, GiveUp::DestinationRemoved).await;
    };
    match attempt(ticket, destination, env, disabled).await {
        Ok(Next::Delivered | Next::Settled) => message.ack(),
        Ok(Next::Retry { delay_seconds }) => message.retry_with_options(
            &QueueRetryOptionsBuilder::new()
                .with_delay_seconds(delay_seconds)
                .build(),
        ),
        Ok(Next::Dead) => give_up(message, env, GiveUp::AttemptsSpent).await,
        Ok(Next::Disable) => {
            let disabled = registry::disable(env, &ticket.destination).await;
            match disabled {
                Ok(()) => give_up(message, env, GiveUp::DestinationDisabled).await,
                Err(error) => retry(message, &error),
            }
        }
        Err(error) => retry(message, &error),
    }
}

/// One attempt at the delivery `ticket` names, recorded in the ledger.
async fn attempt(
    ticket: &Ticket,
    destination: &Destination,
    env: &Env,
    disabled: &[String],
) -> Result<Next, HttpError> {
    if disabled.contains(&destination.name) {
        return Ok(Next::Disable);
    }
    let owed = ledger::owed(env, ticket).await?;
    if !owed.owed {
        return Ok(Next::Settled);
    }
    let payload = match expand::plan(&owed.payload, destination) {
        Plan::AsSent => Ok(owed.payload),
        Plan::Fetch(fetch) => crate::expand::expanded(env, &fetch).await,
    };
    let sent = match payload {
        Ok(payload) => post(env, destination, &ticket.event, &payload).await,
        Err(reason) => Err(format!("expanding the thin event failed: {reason}")),
    };
    let number = owed.attempts.saturating_add(1);
    let (status, reason) = match sent {
        Ok(status) => (Some(status), format!("answered {status}")),
        Err(reason) => {
            worker::console_log!(
                "deliveries: {} to {}: attempt {number} failed: {reason}",
                ticket.event,
                destination.name,
            );
            (None, reason)
        }
    };
    let attempt = Attempt {
        destination: destination.name.clone(),
        round: ticket.round,
        status,
    };
    let next = ledger::record(env, &ticket.event, &attempt).await?;
    let attempted = Attempted {
        event: ticket.event.clone(),
        type_: owed.type_,
        destination: destination.name.clone(),
        attempt: number,
        outcome: outcome(status, &next),
        status,
        reason: match next {
            Next::Retry { delay_seconds } => format!("{reason}; again in {delay_seconds} s"),
            Next::Dead => format!("{reason}; its attempts are spent"),
            Next::Disable => format!("{reason}; the destination is disabled"),
            Next::Delivered | Next::Settled => reason,
        },
        at: now_ms(),
    };
    // The journal is for people: the ledger already holds the delivery's state.
    if let Err(error) = registry::attempted(env, &attempted).await {
        worker::console_error!("deliveries: the journal failed: {}", error.message);
    }
    Ok(next)
}

/// How the attempt that got `status` ended, given what the ledger made of it.
fn outcome(status: Option<u16>, next: &Next) -> registry::Outcome {
    let delivered = status.is_some_and(|status| Outcome::Status(status).delivered());
    match next {
        Next::Dead => registry::Outcome::DeadLetter,
        Next::Disable => registry::Outcome::Gone,
        _ if delivered => registry::Outcome::Delivered,
        _ => registry::Outcome::Failed,
    }
}

/// Posts `payload` (event `id`) to `destination`, signed with its secret: its status,
/// or why there is none.
async fn post(
    env: &Env,
    destination: &Destination,
    id: &str,
    payload: &str,
) -> Result<u16, String> {
    let secret = config::value(env, &destination.secret)
        .ok_or_else(|| format!("the Worker has no secret {}", destination.secret))?;
    let timestamp = now_ms() / 1000;
    let signed = sign::headers(id, payload.as_bytes(), &secret, timestamp)
        .map_err(|error| format!("{}: {error}", destination.secret))?;
    let mut headers = vec![
        (
            "content-type",
            String::from("application/json; charset=utf-8"),
        ),
        ("user-agent", String::from("stripe-edge-webhooks")),
    ];
    headers.extend(signed);
    let init = upstream::init("POST", &headers, Some(payload))?;
    let timeout_ms = config::delivery_timeout_ms(env).map_err(|error| error.message)?;
    upstream::exchange(&destination.url, &init, timeout_ms, Body::Skip)
        .await
        .map(|answer| answer.status)
}

/// Sends a delivery given up to the dead-letter queue, then acknowledges it.
async fn give_up(message: &Message<Ticket>, env: &Env, why: GiveUp) {
    let ticket = Ticket {
        given_up: Some(why),
        ..message.body().clone()
    };
    let sent = match env.queue(DEAD_LETTER_QUEUE) {
        Ok(queue) => queue.send(ticket).await,
        Err(error) => Err(error),
    };
    match sent {
        Ok(()) => message.ack(),
        Err(error) => retry(message, &internal(error)),
    }
}

/// Records a dead letter: settles the delivery in the ledger and lists it in the
/// registry.
async fn bury(message: &Message<Ticket>, env: &Env) {
    let ticket = message.body();
    let settle = Settle {
        destination: ticket.destination.clone(),
        given_up: ticket.given_up.unwrap_or(GiveUp::AttemptsSpent),
    };
    let recorded = async {
        let owed = ledger::settle(env, &ticket.event, &settle).await?;
        registry::record(
            env,
            &DeadLetter {
                event: ticket.event.clone(),
                type_: owed.type_,
                destination: ticket.destination.clone(),
                attempts: owed.attempts,
                reason: settle.given_up.reason().into(),
                at: now_ms(),
            },
        )
        .await
    };
    match recorded.await {
        Ok(()) => message.ack(),
        Err(error) => retry(message, &error),
    }
}

/// Leaves a message to the queue's own retry, logging why.
fn retry(message: &Message<Ticket>, error: &HttpError) {
    worker::console_error!(
        "deliveries: {} to {}: {}",
        message.body().event,
        message.body().destination,
        error.message
    );
    message.retry();
}
