//! The ledger's decisions: what a delivery of an event id already seen means, how each
//! destination's delivery state and attempt count move after an attempt, when a pending
//! delivery is owed a new queue message (a lost message delays a delivery, never loses
//! it), and when an event leaves the ledger. Times are unix milliseconds, passed in.

use alloc::string::String;

use super::attempt::{self, Outcome, Verdict};

/// The shortest retention: Stripe retries a delivery for up to 3 days, and an id must
/// be remembered as long as it may come again.
pub const MIN_RETENTION_SECONDS: u32 = 3 * 86_400;

/// The longest an event id may be (Stripe's are about 30 characters).
pub const MAX_ID_LEN: usize = 255;

/// The ledger's settings, from the Worker's vars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// How long an event is kept (and its id de-duplicated), in seconds.
    pub retention_seconds: u32,
    /// How long a pending delivery waits for its queue message before the ledger sends
    /// another, in seconds.
    pub redeliver_after_seconds: u32,
    /// Attempts per destination before a delivery is dead.
    pub max_attempts: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            retention_seconds: MIN_RETENTION_SECONDS + 86_400,
            redeliver_after_seconds: 900,
            max_attempts: 8,
        }
    }
}

/// A setting that cannot be used: its name and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    /// The var's name.
    pub name: &'static str,
    /// What is wrong with it.
    pub reason: String,
}

impl core::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.name, self.reason)
    }
}

impl core::error::Error for SettingsError {}

impl Settings {
    /// The settings from the vars' texts (`None`: the default), each checked against its
    /// bounds.
    pub fn from_vars(
        retention_seconds: Option<&str>,
        redeliver_after_seconds: Option<&str>,
        max_attempts: Option<&str>,
    ) -> Result<Self, SettingsError> {
        let defaults = Self::default();
        Ok(Self {
            retention_seconds: bounded(
                "PIPELINE_RETENTION_SECONDS",
                retention_seconds,
                defaults.retention_seconds,
                MIN_RETENTION_SECONDS..=30 * 86_400,
            )?,
            redeliver_after_seconds: bounded(
                "PIPELINE_REDELIVER_AFTER_SECONDS",
                redeliver_after_seconds,
                defaults.redeliver_after_seconds,
                1..=86_400,
            )?,
            max_attempts: bounded(
                "PIPELINE_MAX_ATTEMPTS",
                max_attempts,
                defaults.max_attempts,
                1..=100,
            )?,
        })
    }

    /// When an event accepted at `accepted_at` leaves the ledger.
    pub fn expires_at(&self, accepted_at: i64) -> i64 {
        accepted_at.saturating_add(i64::from(self.retention_seconds).saturating_mul(1000))
    }

    /// At `now`, anything recorded before this time has passed its retention.
    pub fn retention_cutoff(&self, now: i64) -> i64 {
        now.saturating_sub(i64::from(self.retention_seconds).saturating_mul(1000))
    }

    /// When a pending delivery last sent to the queue at `sent_at` is owed another
    /// message.
    pub fn redeliver_at(&self, sent_at: i64) -> i64 {
        sent_at.saturating_add(i64::from(self.redeliver_after_seconds).saturating_mul(1000))
    }

    /// At `now`, a pending delivery last sent at or before this time is owed another
    /// queue message.
    pub fn redelivery_cutoff(&self, now: i64) -> i64 {
        now.saturating_sub(i64::from(self.redeliver_after_seconds).saturating_mul(1000))
    }

    /// When the event's alarm should next fire: when the oldest pending delivery (last
    /// sent at `oldest_pending_sent_at`, if any is pending) is owed a message, or when
    /// the event expires, whichever comes first.
    pub fn next_alarm(&self, accepted_at: i64, oldest_pending_sent_at: Option<i64>) -> i64 {
        let expires = self.expires_at(accepted_at);
        oldest_pending_sent_at.map_or(expires, |sent| self.redeliver_at(sent).min(expires))
    }
}

fn bounded(
    name: &'static str,
    text: Option<&str>,
    default: u32,
    range: core::ops::RangeInclusive<u32>,
) -> Result<u32, SettingsError> {
    let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(default);
    };
    text.parse::<u32>()
        .ok()
        .filter(|value| range.contains(value))
        .ok_or_else(|| SettingsError {
            name,
            reason: alloc::format!(
                "{text:?} is not a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        })
}

/// Where a delivery to one destination stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Owed: a queue message is on its way or will be sent again.
    Pending,
    /// The destination answered 2xx.
    Delivered,
    /// The attempts are spent: a dead letter.
    Dead,
    /// The destination answered 410 Gone: it is disabled, the delivery waits.
    Disabled,
}

impl State {
    /// The state's name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Dead => "dead",
            Self::Disabled => "disabled",
        }
    }

    /// The state named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Pending, Self::Delivered, Self::Dead, Self::Disabled]
            .into_iter()
            .find(|state| state.as_str() == name)
    }
}

/// One destination's delivery of an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// Where it stands.
    pub state: State,
    /// The attempts made so far.
    pub attempts: u32,
}

impl Delivery {
    /// A delivery not yet attempted.
    pub const NEW: Self = Self {
        state: State::Pending,
        attempts: 0,
    };

    /// Whether a queue message for it should be acted on (it is still owed).
    pub fn owed(self) -> bool {
        self.state == State::Pending
    }

    /// The delivery after an attempt that ended with `outcome`, and the verdict.
    pub fn after(self, outcome: Outcome, settings: &Settings) -> (Self, Verdict) {
        let attempts = self.attempts.saturating_add(1);
        let verdict = attempt::judge(outcome, attempts, settings.max_attempts);
        let state = match verdict {
            Verdict::Delivered => State::Delivered,
            Verdict::Retry { .. } => State::Pending,
            Verdict::Dead => State::Dead,
            Verdict::Disable => State::Disabled,
        };
        (Self { state, attempts }, verdict)
    }
}

impl Delivery {
    /// The delivery owed again after a replay, its attempts anew; `None` unless it was
    /// given up (dead, or parked while its destination is disabled).
    pub fn replayed(self) -> Option<Self> {
        matches!(self.state, State::Dead | State::Disabled).then_some(Self::NEW)
    }
}

/// Whether a queue message of round `message` was superseded for a delivery now at
/// round `current`. The ledger raises a delivery's round each time it sends another
/// message for it (the event accepted again after an unconfirmed enqueue, a redelivery,
/// a replay), so at most one message, the newest, drives each delivery; an older one
/// that turns up is acknowledged and dropped instead of delivering a second time.
pub fn superseded(message: u32, current: u32) -> bool {
    message != current
}

/// What a delivery from Stripe of an event is, given what the ledger holds for its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acceptance {
    /// A new id: record it and enqueue its deliveries.
    New,
    /// Recorded before, but its enqueue was never confirmed (Stripe got a 5xx): enqueue
    /// its pending deliveries again.
    Unconfirmed,
    /// Accepted before: answer 200 `duplicate` and enqueue nothing.
    Duplicate,
}

impl Acceptance {
    /// The acceptance of an id the ledger holds with `confirmed` (its enqueue succeeded)
    /// or does not hold (`None`).
    pub fn of(confirmed: Option<bool>) -> Self {
        match confirmed {
            None => Self::New,
            Some(false) => Self::Unconfirmed,
            Some(true) => Self::Duplicate,
        }
    }
}

/// Whether `id` can key the ledger: 1 to [`MAX_ID_LEN`] printable ASCII characters.
pub fn valid_id(id: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic())
}
