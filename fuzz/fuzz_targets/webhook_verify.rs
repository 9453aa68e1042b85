//! Verification on any payload, header, secrets, time and options, against an oracle
//! built from the parts: the header as `SignatureHeader::parse` reads it, the `v1` the
//! secret gives by `compute_signature`, and the time windows as `VerifyOptions`
//! documents them. The verdict and the error must be the oracle's; decoding a verified
//! payload as either kind of event must not panic. Half of the inputs are signed for
//! real (then shifted in time and given extra header items), so acceptance is reached.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stripe_edge::webhook::{self, SignatureHeader, VerifyOptions, WebhookError, compute_signature};

const SECRETS: [&str; 2] = ["whsec_fuzz_one", "whsec_fuzz_two"];
const T: i64 = 1_700_000_000;

fuzz_target!(|data: &[u8]| {
    let [mode, past, future, shift_hi, shift_lo, rest @ ..] = data else {
        return;
    };
    let shift = i64::from(i16::from_be_bytes([*shift_hi, *shift_lo]));
    let (head, payload) = match rest.iter().position(|&b| b == b'\n') {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &[][..]),
    };
    let Ok(head) = core::str::from_utf8(head) else {
        return;
    };
    let secrets: &[&str] = if mode & 1 == 0 {
        &SECRETS[..1]
    } else {
        &SECRETS
    };
    let header = if mode & 2 == 0 {
        head.to_string()
    } else {
        // Signed with the first secret at T, then the input's text appended as items.
        let signed = webhook::generate_test_header(payload, &SECRETS[..1], T);
        if head.is_empty() {
            signed
        } else {
            format!("{signed},{head}")
        }
    };
    let (past_limit, options) = match past % 4 {
        0 => (Some(300), VerifyOptions::default()),
        1 => (
            Some(u64::from(*past)),
            VerifyOptions::default().tolerance(u64::from(*past)),
        ),
        2 => (None, VerifyOptions::default().ignore_tolerance()),
        _ => (Some(0), VerifyOptions::default().tolerance(0)),
    };
    let (future_limit, options) = match future % 3 {
        0 => (past_limit, options),
        1 => (
            Some(u64::from(*future)),
            options.future_tolerance(Some(u64::from(*future))),
        ),
        _ => (None, options.future_tolerance(None)),
    };
    let options = options.max_payload_bytes(if mode & 4 == 0 { 1 << 20 } else { 64 });
    let now = T + shift;

    let verdict = webhook::verify_header(payload, &header, secrets, now, &options);
    let expected = oracle(
        payload,
        &header,
        secrets,
        now,
        &options,
        past_limit,
        future_limit,
    );
    assert_eq!(verdict, expected, "{header:?} at {now}");
    if verdict.is_ok() {
        let _ = webhook::construct_event(payload, &header, secrets, now, &options);
        let _ = webhook::parse_event_notification(payload, &header, secrets, now, &options);
        let _ = webhook::construct_delivery(payload, &header, secrets, now, &options);
    }
});

fn oracle(
    payload: &[u8],
    header: &str,
    secrets: &[&str],
    now: i64,
    options: &VerifyOptions,
    past: Option<u64>,
    future: Option<u64>,
) -> Result<i64, WebhookError> {
    if payload.is_empty() {
        return Err(WebhookError::MissingPayload);
    }
    if payload.len() > options.payload_limit() {
        return Err(WebhookError::PayloadTooLarge {
            size: payload.len(),
            limit: options.payload_limit(),
        });
    }
    let parsed = SignatureHeader::parse(header)?;
    let t = parsed.timestamp;
    let matched = secrets.iter().any(|secret| {
        let expected = compute_signature(payload, secret, t).to_string();
        parsed.signatures.iter().any(|s| s.to_string() == expected)
    });
    if !matched {
        return Err(WebhookError::NoMatchingSignature {
            secret_has_whitespace: false,
        });
    }
    let age = i128::from(now) - i128::from(t);
    let limit = if age >= 0 { past } else { future };
    match limit {
        Some(limit) if age.unsigned_abs() > u128::from(limit) => {
            Err(WebhookError::TimestampOutsideTolerance {
                age: now.saturating_sub(t),
                tolerance: limit,
            })
        }
        _ => Ok(t),
    }
}
