//! How strict verification is: the time window and the payload size cap.

use super::WebhookError;

/// Stripe's default tolerance: a signature may be at most this many seconds old.
pub const DEFAULT_TOLERANCE: u64 = 300;

/// The default cap on a payload's size: 1 MiB, far above any event Stripe sends.
pub const DEFAULT_MAX_PAYLOAD_BYTES: usize = 1 << 20;

/// Options for verifying a signature; `VerifyOptions::default()` suits most receivers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifyOptions {
    window: Option<Window>,
    max_payload_bytes: usize,
}

/// The accepted distance between the signing time and now, in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    past: u64,
    future: Future,
}

/// How far in the future a signing time may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Future {
    /// As far as the past tolerance: the default, stricter than stripe-node on purpose.
    SameAsPast,
    /// At most this many seconds.
    Limit(u64),
    /// Any distance, as stripe-node allows.
    Unlimited,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            window: Some(Window {
                past: DEFAULT_TOLERANCE,
                future: Future::SameAsPast,
            }),
            max_payload_bytes: DEFAULT_MAX_PAYLOAD_BYTES,
        }
    }
}

impl VerifyOptions {
    /// Accepts signatures at most `seconds` old (and, unless set apart, at most
    /// `seconds` in the future).
    pub fn tolerance(mut self, seconds: u64) -> Self {
        let future = self.window.map_or(Future::SameAsPast, |w| w.future);
        self.window = Some(Window {
            past: seconds,
            future,
        });
        self
    }

    /// Sets how far in the future a signature may be dated; `None` allows any
    /// distance, as stripe-node does.
    pub fn future_tolerance(mut self, seconds: Option<u64>) -> Self {
        let past = self.window.map_or(DEFAULT_TOLERANCE, |w| w.past);
        self.window = Some(Window {
            past,
            future: seconds.map_or(Future::Unlimited, Future::Limit),
        });
        self
    }

    /// Turns the time check off: for replaying stored events, never for live receipt.
    pub fn ignore_tolerance(mut self) -> Self {
        self.window = None;
        self
    }

    /// Rejects payloads larger than `bytes` before any work is done on them.
    pub fn max_payload_bytes(mut self, bytes: usize) -> Self {
        self.max_payload_bytes = bytes;
        self
    }

    /// The payload size cap in bytes.
    pub fn payload_limit(&self) -> usize {
        self.max_payload_bytes
    }

    /// Checks a signing time against `now`.
    pub(crate) fn check_time(&self, timestamp: i64, now: i64) -> Result<(), WebhookError> {
        let Some(window) = self.window else {
            return Ok(());
        };
        let age = now.saturating_sub(timestamp);
        let outside = |tolerance| WebhookError::TimestampOutsideTolerance { age, tolerance };
        if age > 0 && age.unsigned_abs() > window.past {
            return Err(outside(window.past));
        }
        let future = match window.future {
            Future::SameAsPast => Some(window.past),
            Future::Limit(seconds) => Some(seconds),
            Future::Unlimited => None,
        };
        match future {
            Some(limit) if age < 0 && age.unsigned_abs() > limit => Err(outside(limit)),
            _ => Ok(()),
        }
    }
}
