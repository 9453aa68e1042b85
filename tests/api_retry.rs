//! The retry policy against the rules of stripe-node's `RequestSender._shouldRetry` and
//! stripe-python's `_should_retry` / `_sleep_time_seconds`; every expected delay below
//! is worked out by hand from `max(500, floor(min(500 · 2^(n−1), 5000) · 0.5 · (1 + j)))`
//! and `Retry-After` (when ≤ 60 s).
// Property tests: native only (their random source has no wasm32 build).
#![cfg(not(target_family = "wasm"))]

use proptest::prelude::*;
use stripe_edge::api::retry::{Outcome, RetryPolicy};

fn status(status: u16) -> Outcome {
    Outcome::Response {
        status,
        should_retry: None,
        retry_after_seconds: None,
    }
}

fn told(status: u16, should_retry: bool) -> Outcome {
    Outcome::Response {
        status,
        should_retry: Some(should_retry),
        retry_after_seconds: None,
    }
}

fn after(status: u16, should_retry: Option<bool>, seconds: u64) -> Outcome {
    Outcome::Response {
        status,
        should_retry,
        retry_after_seconds: Some(seconds),
    }
}

const ALMOST_ONE: f64 = 0.999_999;

#[test]
fn default_policy_allows_two_retries() {
    assert_eq!(RetryPolicy::default(), RetryPolicy { max_retries: 2 });
}

#[test]
fn decisions_and_delays_follow_the_sdks() {
    let default = RetryPolicy::default();
    let ten = RetryPolicy { max_retries: 10 };
    let none = RetryPolicy { max_retries: 0 };
    // (policy, retries so far, outcome, jitter, expected delay)
    let cases: Vec<(RetryPolicy, u32, Outcome, f64, Option<u64>)> = vec![
        // Retry 1: backoff 500; 500 · 0.5 = 250 is raised to the 500 floor.
        (default, 0, status(409), 0.0, Some(500)),
        // 500 · 0.9999995 = 499.99975 → 499 → floor 500.
        (default, 0, status(409), ALMOST_ONE, Some(500)),
        // Retry 2: backoff 1000; · 0.5 = 500, · 0.75 = 750, · 0.9999995 = 999.9995 → 999.
        (default, 1, status(409), 0.0, Some(500)),
        (default, 1, status(409), 0.5, Some(750)),
        (default, 1, status(409), ALMOST_ONE, Some(999)),
        // Two retries spent: the budget is checked before anything else.
        (default, 2, status(409), 0.0, None),
        (default, 2, Outcome::ConnectionError, 0.0, None),
        (default, 2, told(500, true), 0.0, None),
        (default, 7, status(500), 0.0, None),
        (none, 0, Outcome::ConnectionError, 0.0, None),
        (none, 0, told(503, true), 0.0, None),
        // Connection errors retry.
        (default, 0, Outcome::ConnectionError, 0.5, Some(500)),
        (default, 1, Outcome::ConnectionError, 0.5, Some(750)),
        // 500 and above retry: "500, 503, and other internal errors" (status >= 500).
        (default, 0, status(500), 0.0, Some(500)),
        (default, 1, status(502), ALMOST_ONE, Some(999)),
        (default, 1, status(503), 0.25, Some(625)),
        (default, 1, status(504), 0.0, Some(500)),
        (default, 1, status(599), 0.0, Some(500)),
        // Other statuses do not, 429 included.
        (default, 0, status(200), 0.0, None),
        (default, 0, status(201), 0.0, None),
        (default, 0, status(302), 0.0, None),
        (default, 0, status(400), 0.0, None),
        (default, 0, status(401), 0.0, None),
        (default, 0, status(402), 0.0, None),
        (default, 0, status(403), 0.0, None),
        (default, 0, status(404), 0.0, None),
        (default, 0, status(408), 0.0, None),
        (default, 0, status(429), 0.0, None),
        (default, 0, status(499), 0.0, None),
        // Stripe-Should-Retry wins over the status, either way.
        (default, 0, told(429, true), 0.0, Some(500)),
        (default, 1, told(429, true), ALMOST_ONE, Some(999)),
        (default, 0, told(400, true), 0.0, Some(500)),
        (default, 0, told(429, false), 0.0, None),
        (default, 0, told(409, false), 0.0, None),
        (default, 0, told(500, false), 0.0, None),
        (default, 0, told(503, false), 0.0, None),
        // Backoff doubles to 5 s and stays there (retry n = retries so far + 1).
        // Retry 3: 2000 · 0.5 = 1000; · 0.9999995 = 1999.999 → 1999.
        (ten, 2, status(500), 0.0, Some(1000)),
        (ten, 2, status(500), ALMOST_ONE, Some(1999)),
        // Retry 4: 4000 · 0.5 = 2000; · 0.9999995 = 3999.998 → 3999.
        (ten, 3, status(500), 0.0, Some(2000)),
        (ten, 3, status(500), ALMOST_ONE, Some(3999)),
        // Retry 5: min(8000, 5000) = 5000 · 0.5 = 2500; · 0.9999995 = 4999.9975 → 4999.
        (ten, 4, status(500), 0.0, Some(2500)),
        (ten, 4, status(500), ALMOST_ONE, Some(4999)),
        (ten, 9, status(500), 0.0, Some(2500)),
        (ten, 9, status(500), ALMOST_ONE, Some(4999)),
        (
            RetryPolicy {
                max_retries: u32::MAX,
            },
            u32::MAX - 1,
            status(500),
            0.0,
            Some(2500),
        ),
        // Jitter outside [0, 1): NaN and negatives count as 0, above 1 as 1.
        (ten, 1, status(500), f64::NAN, Some(500)),
        (ten, 3, status(500), f64::NAN, Some(2000)),
        (ten, 3, status(500), -0.5, Some(2000)),
        (ten, 3, status(500), f64::NEG_INFINITY, Some(2000)),
        (ten, 3, status(500), 1.0, Some(4000)),
        (ten, 3, status(500), 1.5, Some(4000)),
        (ten, 3, status(500), f64::INFINITY, Some(4000)),
        (ten, 9, status(500), 2.0, Some(5000)),
        (default, 0, status(500), -1.0, Some(500)),
        // Retry-After of at most 60 s: never wait less than asked.
        (default, 0, after(429, Some(true), 30), 0.0, Some(30_000)),
        (default, 0, after(503, None, 60), 0.0, Some(60_000)),
        // 999 from the backoff, raised to the 1000 asked for.
        (default, 1, after(503, None, 1), ALMOST_ONE, Some(1_000)),
        (default, 1, after(503, None, 2), 0.0, Some(2_000)),
        (ten, 4, after(500, None, 3), ALMOST_ONE, Some(4999)),
        (ten, 4, after(500, None, 5), ALMOST_ONE, Some(5_000)),
        (default, 0, after(500, None, 0), 0.0, Some(500)),
        // ... and a longer ask is ignored rather than obeyed.
        (default, 0, after(503, None, 61), 0.0, Some(500)),
        (default, 1, after(503, None, 3_600), ALMOST_ONE, Some(999)),
        (default, 0, after(503, None, u64::MAX), 0.0, Some(500)),
        // Retry-After does not make a response retryable, nor stretch the budget.
        (default, 0, after(429, None, 1), 0.0, None),
        (default, 0, after(400, None, 1), 0.0, None),
        (default, 0, after(503, Some(false), 1), 0.0, None),
        (default, 2, after(429, Some(true), 1), 0.0, None),
    ];
    for (policy, retries, outcome, jitter, expected) in cases {
        assert_eq!(
            policy.delay_ms(retries, &outcome, jitter),
            expected,
            "{policy:?}, {retries} retries so far, {outcome:?}, jitter {jitter}"
        );
    }
}

/// `Stripe-Should-Retry` and `Retry-After` as sent, and as read.
type HeaderCase = (
    Option<&'static str>,
    Option<&'static str>,
    Option<bool>,
    Option<u64>,
);

#[test]
fn headers_are_read_as_the_sdks_read_them() {
    let cases: Vec<HeaderCase> = vec![
        (None, None, None, None),
        (Some("true"), None, Some(true), None),
        (Some("false"), None, Some(false), None),
        // The SDKs compare the exact strings.
        (Some("True"), None, None, None),
        (Some(" true"), None, None, None),
        (Some("1"), None, None, None),
        (Some(""), None, None, None),
        (None, Some("30"), None, Some(30)),
        (None, Some(" 30 "), None, Some(30)),
        (None, Some("0"), None, Some(0)),
        (None, Some("120"), None, Some(120)),
        // Only delay-seconds: not dates, signs, fractions or overflowing numbers.
        (None, Some("Wed, 21 Oct 2015 07:28:00 GMT"), None, None),
        (None, Some("+30"), None, None),
        (None, Some("-1"), None, None),
        (None, Some("1.5"), None, None),
        (None, Some(""), None, None),
        (None, Some("99999999999999999999999"), None, None),
        (Some("false"), Some("5"), Some(false), Some(5)),
    ];
    for (should_retry_header, retry_after_header, should_retry, retry_after_seconds) in cases {
        assert_eq!(
            Outcome::from_headers(503, should_retry_header, retry_after_header),
            Outcome::Response {
                status: 503,
                should_retry,
                retry_after_seconds
            },
            "Stripe-Should-Retry {should_retry_header:?}, Retry-After {retry_after_header:?}"
        );
    }
}

fn outcomes() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::ConnectionError),
        (
            any::<u16>(),
            any::<Option<bool>>(),
            prop_oneof![
                Just(None),
                (0u64..=120).prop_map(Some),
                any::<u64>().prop_map(Some),
            ],
        )
            .prop_map(|(status, should_retry, retry_after_seconds)| {
                Outcome::Response {
                    status,
                    should_retry,
                    retry_after_seconds,
                }
            }),
    ]
}

fn jitters() -> impl Strategy<Value = f64> {
    prop_oneof![0.0f64..1.0, any::<f64>(), Just(f64::NAN)]
}

proptest! {
    #[test]
    fn delays_stay_in_bounds_and_within_the_budget(
        max_retries in 0u32..12,
        retries in 0u32..16,
        outcome in outcomes(),
        jitter in jitters(),
        other_jitter in jitters(),
    ) {
        let policy = RetryPolicy { max_retries };
        let delay = policy.delay_ms(retries, &outcome, jitter);
        if retries >= max_retries {
            prop_assert_eq!(delay, None);
        }
        let retryable = match outcome {
            Outcome::ConnectionError => true,
            Outcome::Response { should_retry: Some(told), .. } => told,
            Outcome::Response { status, .. } => status == 409 || status >= 500,
        };
        prop_assert_eq!(delay.is_some(), retryable && retries < max_retries);
        // The decision never depends on the jitter.
        let again = policy.delay_ms(retries, &outcome, other_jitter);
        prop_assert_eq!(again.is_some(), delay.is_some());
        if let Some(delay) = delay {
            prop_assert!(delay >= 500, "{delay} ms");
            match outcome {
                Outcome::Response { retry_after_seconds: Some(seconds), .. } if seconds <= 60 => {
                    prop_assert!(delay <= 60_000, "{delay} ms");
                    prop_assert!(delay >= seconds * 1_000, "{delay} ms");
                    prop_assert!(delay <= 5_000 || delay == seconds * 1_000, "{delay} ms");
                }
                _ => prop_assert!(delay <= 5_000, "{delay} ms"),
            }
        }
    }

    #[test]
    fn more_jitter_never_waits_less(
        retries in 0u32..8,
        a in 0.0f64..1.0,
        b in 0.0f64..1.0,
    ) {
        let policy = RetryPolicy { max_retries: 8 };
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let outcome = Outcome::ConnectionError;
        let shorter = policy.delay_ms(retries, &outcome, low);
        prop_assert!(shorter <= policy.delay_ms(retries, &outcome, high));
    }
}
