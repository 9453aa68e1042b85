//! When to retry a request and how long to wait first, as Stripe's official SDKs decide
//! it (stripe-node `RequestSender._shouldRetry` and `_getSleepTimeInMS`, stripe-python
//! `HTTPClient._should_retry` and `_sleep_time_seconds`). Nothing here sleeps or draws
//! random numbers: the caller passes the jitter and waits the delay it gets back.
//!
//! Not modelled: stripe-node retries a closed keep-alive connection once even with no
//! retries left; a transport that wants that can call [`RetryPolicy::delay_ms`] with a
//! policy of one retry for that case.
//!
//! ```
//! use stripe_edge::api::retry::{Outcome, RetryPolicy};
//!
//! let policy = RetryPolicy::default();
//! let conflict = Outcome::Response { status: 409, should_retry: None, retry_after_seconds: None };
//! assert_eq!(policy.delay_ms(0, &conflict, 0.0), Some(500));
//! assert_eq!(policy.delay_ms(1, &conflict, 0.5), Some(750));
//! assert_eq!(policy.delay_ms(2, &conflict, 0.5), None); // two retries spent
//! ```

/// The base delay of the first retry: `INITIAL_DELAY = 0.5` s in stripe-python,
/// `INITIAL_NETWORK_RETRY_DELAY_SEC = 0.5` in stripe-node; also the shortest wait.
const INITIAL_DELAY_MS: u64 = 500;

/// The longest backoff: `MAX_DELAY = 5` s in stripe-python,
/// `MAX_NETWORK_RETRY_DELAY_SEC = 5` in stripe-node.
const MAX_DELAY_MS: u64 = 5_000;

/// The longest `Retry-After` honoured: stripe-node's `MAX_RETRY_AFTER_WAIT` (60 s, in
/// the versions that read the header); a longer ask is ignored, not obeyed.
const MAX_RETRY_AFTER_SECONDS: u64 = 60;

/// How many times a failed request may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 never retries.
    pub max_retries: u32,
}

impl Default for RetryPolicy {
    /// Two retries: the default `maxNetworkRetries` of stripe-node on Node and of
    /// stripe-python's `max_network_retries`.
    fn default() -> Self {
        Self { max_retries: 2 }
    }
}

/// How an attempt ended, as far as the retry decision needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No response: the connection failed or timed out.
    ConnectionError,
    /// A response arrived.
    Response {
        /// The HTTP status.
        status: u16,
        /// The `Stripe-Should-Retry` header: `Some(true)` for `true`, `Some(false)`
        /// for `false`, `None` when absent or anything else.
        should_retry: Option<bool>,
        /// The `Retry-After` header, when it is a whole number of seconds.
        retry_after_seconds: Option<u64>,
    },
}

impl Outcome {
    /// A response from its status and raw `Stripe-Should-Retry` and `Retry-After`
    /// header values, read as the SDKs read them.
    ///
    /// `Stripe-Should-Retry` counts only as exactly `true` or `false` (both SDKs compare
    /// the strings). `Retry-After` counts only as delay-seconds (digits, surrounding
    /// whitespace allowed); the HTTP-date form is ignored, as stripe-node's
    /// `Number.isInteger` check ignored it.
    pub fn from_headers(
        status: u16,
        stripe_should_retry: Option<&str>,
        retry_after: Option<&str>,
    ) -> Self {
        let should_retry = match stripe_should_retry {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        };
        let retry_after_seconds = retry_after
            .map(str::trim)
            .filter(|value| !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|value| value.parse().ok());
        Self::Response {
            status,
            should_retry,
            retry_after_seconds,
        }
    }
}

impl RetryPolicy {
    /// Milliseconds to wait before retrying after `outcome`, or `None` not to retry.
    ///
    /// `retries_so_far` counts the retries already made (0 after the first attempt).
    /// `jitter` is a uniform random number in `[0, 1)`, such as `Math.random()`; NaN and
    /// negative numbers count as 0 and numbers above 1 as 1.
    ///
    /// Whether to retry, in the SDKs' order:
    /// 1. Not when `retries_so_far >= max_retries` (both SDKs check the budget first).
    /// 2. Yes after a connection error (stripe-node retries every one; stripe-python
    ///    every one its HTTP client marks retryable, which is timeouts and failed
    ///    connections).
    /// 3. `Stripe-Should-Retry: false` never retries and `true` always does: the API
    ///    knows when a retry would be a no-op or when a lock timed out.
    /// 4. Yes on 409 Conflict (an idempotency or lock conflict).
    /// 5. Yes on 500 and above ("500, 503, and other internal errors"; both SDKs test
    ///    `status >= 500`).
    /// 6. Otherwise not: 2xx, and 4xx including 429, which retries only when the API
    ///    says `Stripe-Should-Retry: true`.
    ///
    /// The wait before retry number `n = retries_so_far + 1` (stripe-python's count;
    /// stripe-node passes the 0-based count, so its waits run one step behind):
    /// - backoff `min(0.5 s · 2^(n−1), 5 s)`: 0.5, 1, 2, 4, then 5 s;
    /// - times the jitter factor `0.5 · (1 + jitter)`, in `[0.5, 1]`, so the wait lies
    ///   between half and all of the backoff; rounded down to whole milliseconds;
    /// - never below 0.5 s;
    /// - and, when `Retry-After` asks for at most 60 s, never below that (older
    ///   stripe-node's `MAX_RETRY_AFTER_WAIT`; current SDKs no longer read it).
    pub fn delay_ms(&self, retries_so_far: u32, outcome: &Outcome, jitter: f64) -> Option<u64> {
        if !self.should_retry(retries_so_far, outcome) {
            return None;
        }
        let exponent = retries_so_far.min(4);
        let backoff_ms = (INITIAL_DELAY_MS << exponent).min(MAX_DELAY_MS);
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        let jittered_ms = (backoff_ms as f64 * (0.5 * (1.0 + jitter))) as u64;
        let delay_ms = jittered_ms.max(INITIAL_DELAY_MS);
        let asked_ms = match outcome {
            Outcome::Response {
                retry_after_seconds: Some(seconds),
                ..
            } if *seconds <= MAX_RETRY_AFTER_SECONDS => seconds * 1_000,
            _ => 0,
        };
        Some(delay_ms.max(asked_ms))
    }

    /// Whether `outcome` is worth retrying with `retries_so_far` retries spent.
    fn should_retry(&self, retries_so_far: u32, outcome: &Outcome) -> bool {
        if retries_so_far >= self.max_retries {
            return false;
        }
        match *outcome {
            Outcome::ConnectionError => true,
            Outcome::Response {
                should_retry: Some(told),
                ..
            } => told,
            Outcome::Response { status, .. } => status == 409 || status >= 500,
        }
    }
}
