//! The ledger: one SQLite-backed Durable Object per event id, the record of what is
//! owed. It keeps the event's payload and, per destination, the delivery's state,
//! attempts and when its last queue message was sent; it sends the queue messages
//! itself, and its alarm sends another for a delivery still pending after a while (a
//! lost message delays a delivery, never loses it) and removes the event once its
//! retention ends. Every decision is the core's (`stripe_edge::pipeline::ledger`).

use std::cell::Cell;

use serde::{Deserialize, Serialize};
use stripe_edge::error::HttpError;
use stripe_edge::pipeline::attempt::{Outcome, Verdict};
use stripe_edge::pipeline::ledger::{
    Acceptance, Delivery, Settings, State as DeliveryState, superseded,
};
use worker::{DurableObject, Env, Request, Response, SqlStorage, State, durable_object};

use crate::respond::{self, internal};
use crate::{config, stub};

/// The Durable Object binding of the ledger.
pub const BINDING: &str = "LEDGER";

/// The queue binding the deliveries are sent to.
pub const QUEUE: &str = "DELIVERIES";

/// The most messages sent to a queue at once (Cloudflare's batch limit).
const QUEUE_BATCH: usize = 100;

/// A queue message: one event owed to one destination, with why it was given up when
/// it goes to the dead letters.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Ticket {
    /// The event id (the ledger object's name).
    pub event: String,
    /// The destination's name in the routes.
    pub destination: String,
    /// The delivery's round when the message was sent: a message of an older round was
    /// superseded by a newer one (`stripe_edge::pipeline::ledger::superseded`).
    #[serde(default)]
    pub round: u32,
    /// Why it was given up (dead letters only; none when the queue gave up on it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_up: Option<GiveUp>,
}

/// Why a delivery was given up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GiveUp {
    /// Its attempts are spent (the ledger's count, or the queue's retries).
    AttemptsSpent,
    /// Its destination is disabled (it answered 410 Gone): the delivery waits.
    DestinationDisabled,
    /// The routes no longer name its destination.
    DestinationRemoved,
}

impl GiveUp {
    /// The delivery's state once given up.
    pub fn state(self) -> DeliveryState {
        match self {
            Self::AttemptsSpent | Self::DestinationRemoved => DeliveryState::Dead,
            Self::DestinationDisabled => DeliveryState::Disabled,
        }
    }

    /// Why, in words.
    pub fn reason(self) -> &'static str {
        match self {
            Self::AttemptsSpent => "its attempts are spent",
            Self::DestinationDisabled => "the destination is disabled (it answered 410 Gone)",
            Self::DestinationRemoved => "the routes no longer name the destination",
        }
    }
}

/// A verified event to record and enqueue for the destinations that want it.
#[derive(Serialize, Deserialize)]
pub struct Accept {
    /// The event id.
    pub id: String,
    /// The event type.
    #[serde(rename = "type")]
    pub type_: String,
    /// The event as Stripe sent it.
    pub payload: String,
    /// The destinations that want it.
    pub destinations: Vec<String>,
}

/// The ledger's answer to [`Accept`].
#[derive(Serialize, Deserialize)]
pub struct Accepted {
    /// The id had been accepted before: nothing was enqueued.
    pub duplicate: bool,
}

/// What the ledger holds for one destination's delivery of an event.
#[derive(Serialize, Deserialize)]
pub struct Owed {
    /// Whether it is still owed (the event is kept and the delivery pending).
    pub owed: bool,
    /// The event type.
    #[serde(rename = "type")]
    pub type_: String,
    /// The event as Stripe sent it (empty when not owed).
    pub payload: String,
    /// The attempts made so far.
    pub attempts: u32,
}

/// An attempt's outcome: the destination's status, or none (no answer).
#[derive(Serialize, Deserialize)]
pub struct Attempt {
    /// The destination.
    pub destination: String,
    /// The round of the message that made it.
    pub round: u32,
    /// Its answer's status code, if it answered.
    pub status: Option<u16>,
}

/// What the queue consumer does with a message after an attempt the ledger recorded.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "next", rename_all = "snake_case")]
pub enum Next {
    /// Delivered: acknowledge it.
    Delivered,
    /// Retry it after `delay_seconds`.
    Retry {
        /// The backoff.
        delay_seconds: u32,
    },
    /// Its attempts are spent: send it to the dead letters.
    Dead,
    /// The destination answered 410 Gone: disable it, the delivery waits.
    Disable,
    /// No longer owed (settled before, or the event expired): acknowledge it.
    Settled,
}

/// Ends a delivery that will not be attempted again.
#[derive(Serialize, Deserialize)]
pub struct Settle {
    /// The destination.
    pub destination: String,
    /// Why.
    pub given_up: GiveUp,
}

/// Records a verified event in its ledger object, which enqueues it; a duplicate of an
/// accepted id enqueues nothing.
pub async fn accept(env: &Env, accept: &Accept) -> Result<Accepted, HttpError> {
    stub::call(&stub::named(env, BINDING, &accept.id)?, "/accept", accept).await
}

/// What the ledger holds for `ticket`.
pub async fn owed(env: &Env, ticket: &Ticket) -> Result<Owed, HttpError> {
    stub::call(&stub::named(env, BINDING, &ticket.event)?, "/owed", ticket).await
}

/// Records an attempt at delivering `event`; the answer says what to do next.
pub async fn record(env: &Env, event: &str, attempt: &Attempt) -> Result<Next, HttpError> {
    stub::call(&stub::named(env, BINDING, event)?, "/attempt", attempt).await
}

/// Ends a delivery that will not be attempted again; the answer is what was owed.
pub async fn settle(env: &Env, event: &str, settle: &Settle) -> Result<Owed, HttpError> {
    stub::call(&stub::named(env, BINDING, event)?, "/settle", settle).await
}

/// Makes a delivery given up owed again, with its attempts anew, and enqueues it; the
/// answer says whether the ledger still kept it to revive.
pub async fn revive(env: &Env, event: &str, destination: &str) -> Result<Revived, HttpError> {
    let ticket = Ticket {
        event: event.into(),
        destination: destination.into(),
        round: 0,
        given_up: None,
    };
    stub::call(&stub::named(env, BINDING, event)?, "/revive", &ticket).await
}

/// What the ledger holds for an event, without its payload; `None` when it holds
/// nothing (never accepted, or expired).
pub async fn show(env: &Env, event: &str) -> Result<Option<Shown>, HttpError> {
    stub::call(&stub::named(env, BINDING, event)?, "/show", &()).await
}

/// An event in the ledger, as the admin routes show it.
#[derive(Serialize, Deserialize)]
pub struct Shown {
    /// The event id.
    pub id: String,
    /// The event type.
    #[serde(rename = "type")]
    pub type_: String,
    /// When it was accepted, in unix milliseconds.
    pub accepted_at: i64,
    /// When the ledger lets it go, in unix milliseconds.
    pub expires_at: i64,
    /// Its delivery to each destination.
    pub deliveries: Vec<ShownDelivery>,
}

/// One destination's delivery, as the admin routes show it.
#[derive(Serialize, Deserialize)]
pub struct ShownDelivery {
    /// The destination.
    pub destination: String,
    /// `pending`, `delivered`, `dead` or `disabled`.
    pub state: String,
    /// The attempts made.
    pub attempts: i64,
    /// The last attempt's status, if the destination answered.
    pub last_status: Option<i64>,
    /// When the delivery last changed, in unix milliseconds.
    pub updated_at: i64,
}

/// The ledger's answer to a revival.
#[derive(Serialize, Deserialize)]
pub struct Revived {
    /// Whether the delivery is owed again (false: the event expired, or it was delivered).
    pub revived: bool,
}

/// Sends one queue message per (destination, round) in `deliveries` for `event`.
async fn enqueue(env: &Env, event: &str, deliveries: &[(String, u32)]) -> Result<(), HttpError> {
    let queue = env.queue(QUEUE).map_err(internal)?;
    for chunk in deliveries.chunks(QUEUE_BATCH) {
        let tickets = chunk.iter().map(|(destination, round)| Ticket {
            event: event.into(),
            destination: destination.clone(),
            round: *round,
            given_up: None,
        });
        queue
            .send_batch(tickets)
            .await
            .map_err(|error| stub::unavailable(&format!("the queue refused the event: {error}")))?;
    }
    Ok(())
}

/// The event row.
#[derive(Deserialize)]
struct EventRow {
    event_type: String,
    payload: String,
    accepted_at: i64,
    confirmed: i64,
}

/// A delivery row.
#[derive(Deserialize)]
struct DeliveryRow {
    destination: String,
    state: String,
    attempts: i64,
    round: i64,
}

impl DeliveryRow {
    fn round(&self) -> u32 {
        u32::try_from(self.round).unwrap_or_default()
    }
}

/// The ledger object of one event id.
#[durable_object]
pub struct Ledger {
    state: State,
    env: Env,
    /// Whether this instance created its tables (again after the event expired).
    ready: Cell<bool>,
}

impl DurableObject for Ledger {
    fn new(state: State, env: Env) -> Self {
        Self {
            state,
            env,
            ready: Cell::new(false),
        }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        respond::answer(self.serve(req).await)
    }

    async fn alarm(&self) -> worker::Result<Response> {
        match self.wake().await {
            Ok(()) => Response::ok("ok"),
            Err(error) => {
                worker::console_error!("ledger alarm failed: {}", error.message);
                Err(worker::Error::RustError(error.message))
            }
        }
    }
}

impl Ledger {
    async fn serve(&self, req: Request) -> respond::Answer {
        let path = req.path();
        let body = match path.as_str() {
            "/accept" => json(&self.accept(stub::command(req).await?).await?)?,
            "/owed" => {
                let ticket: Ticket = stub::command(req).await?;
                json(&self.owed(&ticket.destination, Some(ticket.round))?)?
            }
            "/attempt" => json(&self.attempt(stub::command(req).await?).await?)?,
            "/settle" => json(&self.settle(stub::command(req).await?).await?)?,
            "/show" => json(&self.show()?)?,
            "/revive" => json(&self.revive(stub::command(req).await?).await?)?,
            _ => return Err(respond::not_found(&path)),
        };
        respond::json(200, body)
    }

    fn sql(&self) -> Result<SqlStorage, HttpError> {
        let sql = self.state.storage().sql();
        if !self.ready.get() {
            sql.exec(
                "CREATE TABLE IF NOT EXISTS event (id TEXT NOT NULL, event_type TEXT NOT NULL, \
                 payload TEXT NOT NULL, accepted_at INTEGER NOT NULL, confirmed INTEGER NOT NULL)",
                None,
            )
            .map_err(internal)?;
            sql.exec(
                "CREATE TABLE IF NOT EXISTS delivery (destination TEXT PRIMARY KEY, \
                 state TEXT NOT NULL, attempts INTEGER NOT NULL, round INTEGER NOT NULL, \
                 sent_at INTEGER NOT NULL, last_status INTEGER, updated_at INTEGER NOT NULL)",
                None,
            )
            .map_err(internal)?;
            self.ready.set(true);
        }
        Ok(sql)
    }

    fn event(&self) -> Result<Option<EventRow>, HttpError> {
        let rows: Vec<EventRow> = self
            .sql()?
            .exec(
                "SELECT event_type, payload, accepted_at, confirmed FROM event LIMIT 1",
                None,
            )
            .and_then(|cursor| cursor.to_array())
            .map_err(internal)?;
        Ok(rows.into_iter().next())
    }

    fn delivery(&self, destination: &str) -> Result<Option<DeliveryRow>, HttpError> {
        let rows: Vec<DeliveryRow> = self
            .sql()?
            .exec(
                "SELECT destination, state, attempts, round FROM delivery WHERE destination = ?",
                vec![destination.into()],
            )
            .and_then(|cursor| cursor.to_array())
            .map_err(internal)?;
        Ok(rows.into_iter().next())
    }

    /// Sends another message, of a new round, for every pending delivery last sent at
    /// or before `sent_by`; the alarm is set first, so a failed send is tried again.
    async fn resend(
        &self,
        event: &str,
        sent_by: i64,
        only: Option<&str>,
    ) -> Result<Vec<String>, HttpError> {
        let settings = config::ledger_settings(&self.env)?;
        let sql = self.sql()?;
        let rows: Vec<DeliveryRow> = sql
            .exec(
                "SELECT destination, state, attempts, round FROM delivery \
                 WHERE state = 'pending' AND sent_at <= ?1 AND (?2 IS NULL OR destination = ?2)",
                vec![sent_by.into(), only.into()],
            )
            .and_then(|cursor| cursor.to_array())
            .map_err(internal)?;
        let now = now_ms();
        let mut due = Vec::with_capacity(rows.len());
        for row in rows {
            let round = row.round().wrapping_add(1);
            sql.exec(
                "UPDATE delivery SET round = ?, sent_at = ? WHERE destination = ?",
                vec![
                    i64::from(round).into(),
                    now.into(),
                    row.destination.as_str().into(),
                ],
            )
            .map_err(internal)?;
            due.push((row.destination, round));
        }
        self.schedule(&settings).await?;
        enqueue(&self.env, event, &due).await?;
        Ok(due
            .into_iter()
            .map(|(destination, _)| destination)
            .collect())
    }

    async fn accept(&self, accept: Accept) -> Result<Accepted, HttpError> {
        let now = now_ms();
        let sql = self.sql()?;
        let acceptance = Acceptance::of(self.event()?.map(|event| event.confirmed != 0));
        match acceptance {
            Acceptance::Duplicate => return Ok(Accepted { duplicate: true }),
            Acceptance::Unconfirmed => {}
            Acceptance::New => {
                sql.exec(
                    "INSERT INTO event (id, event_type, payload, accepted_at, confirmed) \
                     VALUES (?, ?, ?, ?, 0)",
                    vec![
                        accept.id.as_str().into(),
                        accept.type_.as_str().into(),
                        accept.payload.as_str().into(),
                        now.into(),
                    ],
                )
                .map_err(internal)?;
                for destination in &accept.destinations {
                    sql.exec(
                        "INSERT OR IGNORE INTO delivery \
                         (destination, state, attempts, round, sent_at, updated_at) \
                         VALUES (?, 'pending', 0, 0, ?, ?)",
                        vec![destination.as_str().into(), now.into(), now.into()],
                    )
                    .map_err(internal)?;
                }
            }
        }
        self.resend(&accept.id, now, None).await?;
        sql.exec("UPDATE event SET confirmed = 1", None)
            .map_err(internal)?;
        Ok(Accepted { duplicate: false })
    }

    /// What is owed to `destination` (nothing to a message of a superseded `round`).
    fn owed(&self, destination: &str, round: Option<u32>) -> Result<Owed, HttpError> {
        let (Some(event), Some(row)) = (self.event()?, self.delivery(destination)?) else {
            return Ok(Owed {
                owed: false,
                type_: String::new(),
                payload: String::new(),
                attempts: 0,
            });
        };
        let delivery = parse(&row)?;
        let owed = delivery.owed() && round.is_none_or(|round| !superseded(round, row.round()));
        Ok(Owed {
            owed,
            type_: event.event_type,
            payload: if owed { event.payload } else { String::new() },
            attempts: delivery.attempts,
        })
    }

    async fn attempt(&self, attempt: Attempt) -> Result<Next, HttpError> {
        let settings = config::ledger_settings(&self.env)?;
        let Some(row) = self.delivery(&attempt.destination)? else {
            return Ok(Next::Settled);
        };
        let delivery = parse(&row)?;
        if !delivery.owed() {
            return Ok(Next::Settled);
        }
        let outcome = attempt.status.map_or(Outcome::Failed, Outcome::Status);
        let (after, verdict) = delivery.after(outcome, &settings);
        let now = now_ms();
        let (next, due) = match verdict {
            Verdict::Delivered => (Next::Delivered, now),
            // A newer message carries the delivery on.
            Verdict::Retry { .. } if superseded(attempt.round, row.round()) => (Next::Settled, now),
            Verdict::Retry { delay_seconds } => (
                Next::Retry { delay_seconds },
                now.saturating_add(i64::from(delay_seconds).saturating_mul(1000)),
            ),
            Verdict::Dead => (Next::Dead, now),
            Verdict::Disable => (Next::Disable, now),
        };
        self.sql()?
            .exec(
                "UPDATE delivery SET state = ?, attempts = ?, sent_at = ?, last_status = ?, \
                 updated_at = ? WHERE destination = ?",
                vec![
                    after.state.as_str().into(),
                    i64::from(after.attempts).into(),
                    due.into(),
                    attempt.status.map(i64::from).into(),
                    now.into(),
                    attempt.destination.as_str().into(),
                ],
            )
            .map_err(internal)?;
        self.schedule(&settings).await?;
        Ok(next)
    }

    async fn settle(&self, settle: Settle) -> Result<Owed, HttpError> {
        let settings = config::ledger_settings(&self.env)?;
        let state = settle.given_up.state();
        let owed = self.owed(&settle.destination, None)?;
        self.sql()?
            .exec(
                "UPDATE delivery SET state = ?, updated_at = ? \
                 WHERE destination = ? AND state = 'pending'",
                vec![
                    state.as_str().into(),
                    now_ms().into(),
                    settle.destination.as_str().into(),
                ],
            )
            .map_err(internal)?;
        if self.event()?.is_some() {
            self.schedule(&settings).await?;
        }
        Ok(owed)
    }

    fn show(&self) -> Result<Option<Shown>, HttpError> {
        let settings = config::ledger_settings(&self.env)?;
        let Some(event) = self.event()? else {
            return Ok(None);
        };
        let deliveries = self
            .sql()?
            .exec(
                "SELECT destination, state, attempts, last_status, updated_at FROM delivery \
                 ORDER BY destination",
                None,
            )
            .and_then(|cursor| cursor.to_array())
            .map_err(internal)?;
        Ok(Some(Shown {
            id: self.id()?,
            type_: event.event_type,
            accepted_at: event.accepted_at,
            expires_at: settings.expires_at(event.accepted_at),
            deliveries,
        }))
    }

    async fn revive(&self, ticket: Ticket) -> Result<Revived, HttpError> {
        let replayed = self
            .delivery(&ticket.destination)?
            .map(|row| parse(&row))
            .transpose()?
            .and_then(Delivery::replayed);
        let (Some(replayed), Some(_)) = (replayed, self.event()?) else {
            return Ok(Revived { revived: false });
        };
        let now = now_ms();
        self.sql()?
            .exec(
                "UPDATE delivery SET state = ?, attempts = ?, sent_at = ?, updated_at = ? \
                 WHERE destination = ?",
                vec![
                    replayed.state.as_str().into(),
                    i64::from(replayed.attempts).into(),
                    now.into(),
                    now.into(),
                    ticket.destination.as_str().into(),
                ],
            )
            .map_err(internal)?;
        self.resend(&ticket.event, now, Some(&ticket.destination))
            .await?;
        Ok(Revived { revived: true })
    }

    /// The alarm: remove an expired event, or send another message for each delivery
    /// still pending after the redelivery delay.
    async fn wake(&self) -> Result<(), HttpError> {
        let settings = config::ledger_settings(&self.env)?;
        let now = now_ms();
        let Some(event) = self.event()? else {
            return Ok(());
        };
        if now >= settings.expires_at(event.accepted_at) {
            self.state.storage().delete_all().await.map_err(internal)?;
            self.ready.set(false);
            return Ok(());
        }
        let id = self.id()?;
        let due = self
            .resend(&id, settings.redelivery_cutoff(now), None)
            .await?;
        if !due.is_empty() {
            worker::console_log!("ledger: {id} owed to {due:?} enqueued again");
        }
        Ok(())
    }

    fn id(&self) -> Result<String, HttpError> {
        #[derive(Deserialize)]
        struct Id {
            id: String,
        }
        let rows: Vec<Id> = self
            .sql()?
            .exec("SELECT id FROM event LIMIT 1", None)
            .and_then(|cursor| cursor.to_array())
            .map_err(internal)?;
        rows.into_iter()
            .next()
            .map(|row| row.id)
            .ok_or_else(|| stub::unavailable("the event is gone"))
    }

    /// Sets the alarm for the oldest pending delivery's redelivery, or the expiry.
    async fn schedule(&self, settings: &Settings) -> Result<(), HttpError> {
        #[derive(Deserialize)]
        struct Oldest {
            oldest: Option<i64>,
        }
        let Some(event) = self.event()? else {
            return Ok(());
        };
        let oldest: Vec<Oldest> = self
            .sql()?
            .exec(
                "SELECT MIN(sent_at) AS oldest FROM delivery WHERE state = 'pending'",
                None,
            )
            .and_then(|cursor| cursor.to_array())
            .map_err(internal)?;
        let oldest = oldest.into_iter().next().and_then(|row| row.oldest);
        let at = settings.next_alarm(event.accepted_at, oldest);
        let offset = at.saturating_sub(now_ms()).max(0);
        self.state
            .storage()
            .set_alarm(offset)
            .await
            .map_err(internal)
    }
}

/// The delivery a row holds.
fn parse(row: &DeliveryRow) -> Result<Delivery, HttpError> {
    Ok(Delivery {
        state: DeliveryState::parse(&row.state)
            .ok_or_else(|| stub::unavailable(&format!("unknown state {:?}", row.state)))?,
        attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
    })
}

fn json(value: &impl Serialize) -> Result<String, HttpError> {
    serde_json::to_string(value).map_err(|error| stub::unavailable(&error.to_string()))
}

/// Now, in unix milliseconds.
pub fn now_ms() -> i64 {
    i64::try_from(worker::Date::now().as_millis()).unwrap_or(i64::MAX)
}
