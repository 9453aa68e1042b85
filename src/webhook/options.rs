//! How strict verification is (the time window and the payload size cap), and which
//! provider computes the MAC.

use core::fmt;

use super::WebhookError;
use super::mac::{HmacSha256, RustCrypto};

/// Stripe's default tolerance: a signature may be at most this many seconds old.
pub const DEFAULT_TOLERANCE: u64 = 300;

/// The default cap on a payload's size: 1 MiB, far above any event Stripe sends.
pub const DEFAULT_MAX_PAYLOAD_BYTES: usize = 1 << 20;

/// Options for verifying a signature; `VerifyOptions::default()` suits most receivers.
///
/// The past and the future windows are separate settings, each changed by its own
/// setter only (as httparse's `ParserConfig` does it): `tolerance` and
/// `ignore_tolerance` set how old a signature may be, `future_tolerance` how far ahead
/// of `now` it may be dated, which unless set is as far as the past window allows.
/// [`hmac`](Self::hmac) names who computes the MAC; it changes no verdict.
#[derive(Clone, Copy)]
pub struct VerifyOptions {
    /// The oldest a signature may be, in seconds; `None` for any age.
    past: Option<u64>,
    future: Future,
    max_payload_bytes: usize,
    hmac: &'static dyn HmacSha256,
}

/// Options are equal when their windows and caps are, and they name the same provider
/// (the same value, by address).
impl PartialEq for VerifyOptions {
    fn eq(&self, other: &Self) -> bool {
        self.past == other.past
            && self.future == other.future
            && self.max_payload_bytes == other.max_payload_bytes
            && core::ptr::addr_eq(self.hmac, other.hmac)
    }
}

impl Eq for VerifyOptions {}

impl fmt::Debug for VerifyOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyOptions")
            .field("past", &self.past)
            .field("future", &self.future)
            .field("max_payload_bytes", &self.max_payload_bytes)
            .finish_non_exhaustive()
    }
}

/// How far in the future a signing time may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Future {
    /// As far as the past window: the default, stricter than stripe-node on purpose.
    SameAsPast,
    /// At most this many seconds.
    Limit(u64),
    /// Any distance, as stripe-node allows.
    Unlimited,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            past: Some(DEFAULT_TOLERANCE),
            future: Future::SameAsPast,
            max_payload_bytes: DEFAULT_MAX_PAYLOAD_BYTES,
            hmac: &RustCrypto,
        }
    }
}

impl VerifyOptions {
    /// The options as stripe-node's JavaScript API gives them, for the package's
    /// bindings (each `None` keeps the default): a `tolerance` of exactly 0 turns the age
    /// check off (stripe-node's `tolerance > 0` test), any other keeps it on with its
    /// whole part, since ages are whole seconds and stripe-node's `age > tolerance`
    /// refuses exactly the ages above it; `future_tolerance` of `Some(None)` allows any
    /// distance. The numbers are finite and non-negative (the bindings refuse others);
    /// anything else saturates.
    pub fn from_stripe_node(
        tolerance: Option<f64>,
        future_tolerance: Option<Option<f64>>,
        max_payload_bytes: Option<f64>,
    ) -> Self {
        let mut options = Self::default();
        match tolerance {
            None => {}
            Some(0.0) => options = options.ignore_tolerance(),
            Some(seconds) => options = options.tolerance(seconds as u64),
        }
        if let Some(future) = future_tolerance {
            options = options.future_tolerance(future.map(|seconds| seconds as u64));
        }
        if let Some(bytes) = max_payload_bytes {
            options = options.max_payload_bytes(bytes as usize);
        }
        options
    }

    /// Accepts signatures at most `seconds` old (and, unless [`future_tolerance`] says
    /// otherwise, dated at most `seconds` ahead).
    ///
    /// [`future_tolerance`]: Self::future_tolerance
    pub fn tolerance(mut self, seconds: u64) -> Self {
        self.past = Some(seconds);
        self
    }

    /// Sets how far in the future a signature may be dated; `None` allows any
    /// distance, as stripe-node does. The past window is left as it is.
    pub fn future_tolerance(mut self, seconds: Option<u64>) -> Self {
        self.future = seconds.map_or(Future::Unlimited, Future::Limit);
        self
    }

    /// Accepts signatures of any age: for replaying stored events, never for live
    /// receipt. A future window set with [`future_tolerance`] still applies; otherwise
    /// the future is open too.
    ///
    /// [`future_tolerance`]: Self::future_tolerance
    pub fn ignore_tolerance(mut self) -> Self {
        self.past = None;
        self
    }

    /// Rejects payloads larger than `bytes` before any work is done on them.
    pub fn max_payload_bytes(mut self, bytes: usize) -> Self {
        self.max_payload_bytes = bytes;
        self
    }

    /// Computes the MAC with `provider` instead of the core's own [`RustCrypto`]: a
    /// host's native HMAC-SHA256, for speed. Every check stays the core's.
    pub fn hmac(mut self, provider: &'static dyn HmacSha256) -> Self {
        self.hmac = provider;
        self
    }

    /// The provider that computes the MAC.
    pub fn hmac_provider(&self) -> &'static dyn HmacSha256 {
        self.hmac
    }

    /// The payload size cap in bytes.
    pub fn payload_limit(&self) -> usize {
        self.max_payload_bytes
    }

    /// Refuses a payload of `size` bytes over the cap: the first check of every
    /// verification, which a binding can also make before it copies a payload in.
    pub fn check_payload_size(&self, size: usize) -> Result<(), WebhookError> {
        if size > self.max_payload_bytes {
            return Err(WebhookError::PayloadTooLarge {
                size,
                limit: self.max_payload_bytes,
            });
        }
        Ok(())
    }

    /// Checks a signing time against `now`.
    pub(crate) fn check_time(&self, timestamp: i64, now: i64) -> Result<(), WebhookError> {
        let age = now.saturating_sub(timestamp);
        let (limit, distance) = if age >= 0 {
            (self.past, age.unsigned_abs())
        } else {
            let future = match self.future {
                Future::SameAsPast => self.past,
                Future::Limit(seconds) => Some(seconds),
                Future::Unlimited => None,
            };
            (future, age.unsigned_abs())
        };
        match limit {
            Some(tolerance) if distance > tolerance => {
                Err(WebhookError::TimestampOutsideTolerance { age, tolerance })
            }
            _ => Ok(()),
        }
    }
}
