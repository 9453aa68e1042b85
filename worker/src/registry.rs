//! The registry: one SQLite-backed Durable Object that holds the pipeline's dead letters
//! (deliveries given up: attempts spent, or parked while their destination is disabled),
//! the destinations disabled by a 410 Gone, and a journal of the recent delivery
//! attempts across events. The queue consumers write here; the admin routes read it.
//! Dead letters and attempts are kept as long as the ledger keeps their events (and the
//! journal at most its newest [`MAX_JOURNAL`] attempts).

use serde::de::DeserializeOwned;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use stripe_edge::error::HttpError;
use worker::{DurableObject, Env, Request, Response, SqlStorage, State, durable_object};

use crate::ledger::now_ms;
use crate::respond::{self, internal};
use crate::{config, stub};

/// The Durable Object binding of the registry.
pub const BINDING: &str = "REGISTRY";

/// The registry object's name (there is one).
const NAME: &str = "registry";

/// The most entries one listing answers (dead letters, or journal attempts).
pub const MAX_LIST: u32 = 1_000;

/// The most attempts the journal keeps: the newest.
pub const MAX_JOURNAL: i64 = 10_000;

/// How a delivery attempt ended, as the journal shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The destination took the event (a 2xx).
    Delivered,
    /// It did not (another status, or no answer); the delivery is tried again.
    Failed,
    /// It answered 410 Gone: the destination is disabled.
    Gone,
    /// It did not, and the attempts are spent: the delivery goes to the dead letters.
    DeadLetter,
}

impl Outcome {
    /// Its name, as stored and as answered.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Gone => "gone",
            Self::DeadLetter => "dead_letter",
        }
    }
}

/// One delivery attempt, for the journal of recent deliveries.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Attempted {
    /// The event id.
    pub event: String,
    /// The event type.
    #[serde(rename = "type")]
    pub type_: String,
    /// The destination's name.
    pub destination: String,
    /// The attempt's number for this destination (1 for the first; a replay counts anew).
    pub attempt: u32,
    /// How it ended.
    pub outcome: Outcome,
    /// The destination's status, if it answered.
    pub status: Option<u16>,
    /// What happened, in words.
    pub reason: String,
    /// When, in unix milliseconds.
    pub at: i64,
}

/// Which recent attempts to list.
#[derive(Serialize, Deserialize)]
pub struct Recent {
    /// At most this many (up to [`MAX_LIST`]).
    pub limit: u32,
    /// Only this event's.
    pub event: Option<String>,
    /// Only this destination's.
    pub destination: Option<String>,
}

/// Recent attempts, newest first.
#[derive(Serialize, Deserialize)]
pub struct Journal {
    /// The attempts.
    pub data: Vec<Attempted>,
}

/// A delivery given up.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DeadLetter {
    /// The event id.
    pub event: String,
    /// The event type.
    #[serde(rename = "type")]
    pub type_: String,
    /// The destination's name.
    pub destination: String,
    /// The attempts made.
    pub attempts: u32,
    /// Why it was given up.
    pub reason: String,
    /// When, in unix milliseconds.
    pub at: i64,
}

/// A listing of dead letters, newest first.
#[derive(Serialize, Deserialize)]
pub struct Listing {
    /// The dead letters.
    pub data: Vec<DeadLetter>,
}

/// A destination, named.
#[derive(Serialize, Deserialize)]
pub struct Named {
    /// The destination's name.
    pub destination: String,
}

/// The names of the disabled destinations.
#[derive(Serialize, Deserialize)]
pub struct Disabled {
    /// Their names.
    pub destinations: Vec<String>,
}

/// Records a dead letter (again: the newest reason wins).
pub async fn record(env: &Env, letter: &DeadLetter) -> Result<(), HttpError> {
    tell(env, "/record", letter).await
}

/// Adds an attempt to the journal of recent deliveries.
pub async fn attempted(env: &Env, attempt: &Attempted) -> Result<(), HttpError> {
    tell(env, "/attempted", attempt).await
}

/// The recent attempts that `recent` asks for, newest first.
pub async fn recent(env: &Env, recent: &Recent) -> Result<Journal, HttpError> {
    ask(env, "/recent", recent).await
}

/// The dead letters, newest first, at most `limit`.
pub async fn list(env: &Env, limit: u32) -> Result<Listing, HttpError> {
    ask(env, "/list", &limit).await
}

/// Disables a destination.
pub async fn disable(env: &Env, destination: &str) -> Result<(), HttpError> {
    tell(env, "/disable", &named(destination)).await
}

/// Enables a destination again (its parked deliveries wait for a replay).
pub async fn enable(env: &Env, destination: &str) -> Result<(), HttpError> {
    tell(env, "/enable", &named(destination)).await
}

/// Removes a dead letter once its delivery is owed again.
pub async fn forget(env: &Env, letter: &DeadLetter) -> Result<(), HttpError> {
    tell(env, "/forget", letter).await
}

/// The disabled destinations.
pub async fn disabled(env: &Env) -> Result<Disabled, HttpError> {
    ask(env, "/disabled", &()).await
}

/// Sends the registry object `command` at `path` and reads its answer.
async fn ask<T: DeserializeOwned>(
    env: &Env,
    path: &str,
    command: &impl Serialize,
) -> Result<T, HttpError> {
    stub::call(&stub::named(env, BINDING, NAME)?, path, command).await
}

/// Sends the registry object a command whose answer is only that it was done.
async fn tell(env: &Env, path: &str, command: &impl Serialize) -> Result<(), HttpError> {
    ask::<IgnoredAny>(env, path, command).await.map(drop)
}

fn named(destination: &str) -> Named {
    Named {
        destination: destination.into(),
    }
}

/// The registry object.
#[durable_object]
pub struct Registry {
    state: State,
    env: Env,
}

impl DurableObject for Registry {
    fn new(state: State, env: Env) -> Self {
        Self { state, env }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        respond::answer(self.serve(req).await)
    }
}

impl Registry {
    async fn serve(&self, req: Request) -> respond::Answer {
        let path = req.path();
        let body = match path.as_str() {
            "/record" => {
                self.record(stub::command(req).await?)?;
                Ok("{}".into())
            }
            "/list" => self.list(stub::command(req).await?),
            "/attempted" => {
                self.attempted(stub::command(req).await?)?;
                Ok("{}".into())
            }
            "/recent" => self.recent(stub::command(req).await?),
            "/disable" => {
                let named: Named = stub::command(req).await?;
                self.sql()?
                    .exec(
                        "INSERT OR REPLACE INTO disabled (destination, at) VALUES (?, ?)",
                        vec![named.destination.as_str().into(), now_ms().into()],
                    )
                    .map_err(internal)?;
                self.disabled()
            }
            "/enable" => {
                let named: Named = stub::command(req).await?;
                self.sql()?
                    .exec(
                        "DELETE FROM disabled WHERE destination = ?",
                        vec![named.destination.as_str().into()],
                    )
                    .map_err(internal)?;
                self.disabled()
            }
            "/disabled" => self.disabled(),
            "/forget" => {
                let letter: DeadLetter = stub::command(req).await?;
                self.sql()?
                    .exec(
                        "DELETE FROM dead_letter WHERE event = ? AND destination = ?",
                        vec![
                            letter.event.as_str().into(),
                            letter.destination.as_str().into(),
                        ],
                    )
                    .map_err(internal)?;
                Ok("{}".into())
            }
            _ => return Err(respond::not_found(&path)),
        }?;
        respond::json(200, body)
    }

    fn sql(&self) -> Result<SqlStorage, HttpError> {
        let sql = self.state.storage().sql();
        sql.exec(
            "CREATE TABLE IF NOT EXISTS dead_letter (event TEXT NOT NULL, \
             destination TEXT NOT NULL, event_type TEXT NOT NULL, attempts INTEGER NOT NULL, \
             reason TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (event, destination))",
            None,
        )
        .map_err(internal)?;
        sql.exec(
            "CREATE TABLE IF NOT EXISTS disabled (destination TEXT PRIMARY KEY, at INTEGER NOT NULL)",
            None,
        )
        .map_err(internal)?;
        sql.exec(
            "CREATE TABLE IF NOT EXISTS attempt (seq INTEGER PRIMARY KEY, event TEXT NOT NULL, \
             event_type TEXT NOT NULL, destination TEXT NOT NULL, attempt INTEGER NOT NULL, \
             outcome TEXT NOT NULL, status INTEGER, reason TEXT NOT NULL, at INTEGER NOT NULL)",
            None,
        )
        .map_err(internal)?;
        Ok(sql)
    }

    fn record(&self, letter: DeadLetter) -> Result<(), HttpError> {
        let settings = config::ledger_settings(&self.env)?;
        let now = now_ms();
        let sql = self.sql()?;
        // Letters whose events the ledger no longer keeps cannot be replayed: drop them.
        sql.exec(
            "DELETE FROM dead_letter WHERE at < ?",
            vec![settings.retention_cutoff(now).into()],
        )
        .map_err(internal)?;
        sql.exec(
            "INSERT OR REPLACE INTO dead_letter \
             (event, destination, event_type, attempts, reason, at) VALUES (?, ?, ?, ?, ?, ?)",
            vec![
                letter.event.as_str().into(),
                letter.destination.as_str().into(),
                letter.type_.as_str().into(),
                i64::from(letter.attempts).into(),
                letter.reason.as_str().into(),
                now.into(),
            ],
        )
        .map_err(internal)?;
        Ok(())
    }

    fn attempted(&self, attempt: Attempted) -> Result<(), HttpError> {
        let settings = config::ledger_settings(&self.env)?;
        let sql = self.sql()?;
        sql.exec(
            "INSERT INTO attempt (event, event_type, destination, attempt, outcome, status, \
             reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            vec![
                attempt.event.as_str().into(),
                attempt.type_.as_str().into(),
                attempt.destination.as_str().into(),
                i64::from(attempt.attempt).into(),
                attempt.outcome.as_str().into(),
                attempt.status.map(i64::from).into(),
                attempt.reason.as_str().into(),
                attempt.at.into(),
            ],
        )
        .map_err(internal)?;
        sql.exec(
            "DELETE FROM attempt WHERE at < ? OR seq <= (SELECT MAX(seq) FROM attempt) - ?",
            vec![
                settings.retention_cutoff(now_ms()).into(),
                MAX_JOURNAL.into(),
            ],
        )
        .map_err(internal)?;
        Ok(())
    }

    fn recent(&self, recent: Recent) -> Result<String, HttpError> {
        let data: Vec<Attempted> = self
            .sql()?
            .exec(
                "SELECT event, event_type AS type, destination, attempt, outcome, status, \
                 reason, at FROM attempt \
                 WHERE (?1 IS NULL OR event = ?1) AND (?2 IS NULL OR destination = ?2) \
                 ORDER BY seq DESC LIMIT ?3",
                vec![
                    recent.event.as_deref().into(),
                    recent.destination.as_deref().into(),
                    i64::from(recent.limit.min(MAX_LIST)).into(),
                ],
            )
            .and_then(|cursor| cursor.to_array())
            .map_err(internal)?;
        serde_json::to_string(&Journal { data })
            .map_err(|error| stub::unavailable(&error.to_string()))
    }

    fn list(&self, limit: u32) -> Result<String, HttpError> {
        let data: Vec<DeadLetter> = self
            .sql()?
            .exec(
                "SELECT event, event_type AS type, destination, attempts, reason, at \
                 FROM dead_letter ORDER BY at DESC LIMIT ?",
                vec![i64::from(limit.min(MAX_LIST)).into()],
            )
            .and_then(|cursor| cursor.to_array())
            .map_err(internal)?;
        serde_json::to_string(&Listing { data })
            .map_err(|error| stub::unavailable(&error.to_string()))
    }

    fn disabled(&self) -> Result<String, HttpError> {
        let rows: Vec<Named> = self
            .sql()?
            .exec(
                "SELECT destination FROM disabled ORDER BY destination",
                None,
            )
            .and_then(|cursor| cursor.to_array())
            .map_err(internal)?;
        let destinations = rows.into_iter().map(|row| row.destination).collect();
        serde_json::to_string(&Disabled { destinations })
            .map_err(|error| stub::unavailable(&error.to_string()))
    }
}
