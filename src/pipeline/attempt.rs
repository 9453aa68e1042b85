//! What one delivery attempt's outcome means: delivered, retried after a backoff, dead
//! (its retries spent: it goes to the dead letters), or the destination disabled (it
//! answered 410 Gone, as Stripe disables an endpoint that does).

/// How an attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The destination answered with this status.
    Status(u16),
    /// No answer: the connection failed or timed out.
    Failed,
}

impl Outcome {
    /// Whether the destination took the event (a 2xx).
    pub fn delivered(self) -> bool {
        matches!(self, Self::Status(200..=299))
    }
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A 2xx: done.
    Delivered,
    /// Try again after this many seconds.
    Retry {
        /// The backoff.
        delay_seconds: u32,
    },
    /// The retries are spent: record it as a dead letter.
    Dead,
    /// 410 Gone: disable the destination; the event waits until it is enabled again.
    Disable,
}

/// The verdict on attempt number `attempt` (1 for the first) of at most
/// `max_attempts`.
pub fn judge(outcome: Outcome, attempt: u32, max_attempts: u32) -> Verdict {
    match outcome {
        _ if outcome.delivered() => Verdict::Delivered,
        Outcome::Status(410) => Verdict::Disable,
        _ if attempt >= max_attempts => Verdict::Dead,
        _ => Verdict::Retry {
            delay_seconds: backoff_seconds(attempt),
        },
    }
}

/// The wait after failed attempt number `attempt`: 5 s, doubling, at most 10 minutes.
pub fn backoff_seconds(attempt: u32) -> u32 {
    5u32.saturating_mul(1 << attempt.saturating_sub(1).min(7))
        .min(600)
}
