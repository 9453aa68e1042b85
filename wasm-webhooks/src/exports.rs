//! What the JavaScript side calls, in its order (`js/webhooks-core.js`): [`fits`] and
//! [`input`] before it copies a delivery in, [`secret`] after each secret, [`verify`];
//! then, for an event, [`envelope`] once `JSON.parse` has read it, or [`unparsed`] when
//! it refused to. Each check answers null or a refusal ([`answer`](crate::answer)).
//!
//! Numbers come as JavaScript gives them: NaN for an option not given.

use alloc::string::String;

use stripe_edge::webhook::{self, EventKind, VerifyOptions, WebhookError};

use crate::answer::{self, Answer};
use crate::host_mac::HOST;
use crate::input;
use crate::parsed::Parsed;

/// `kind` of [`verify`] and [`envelope`]: the signature alone.
const HEADER: u32 = 0;
/// `kind`: a v1 snapshot event.
const SNAPSHOT: u32 = 1;

/// A number given, or `None` for NaN.
fn given(number: f64) -> Option<f64> {
    (!number.is_nan()).then_some(number)
}

/// The options from the numbers the caller gave: `future` is infinite for `null` (any
/// distance).
fn options(tolerance: f64, future: f64, max: f64) -> VerifyOptions {
    let future = given(future).map(|seconds| seconds.is_finite().then_some(seconds));
    VerifyOptions::from_stripe_node(given(tolerance), future, given(max)).hmac(&HOST)
}

/// Refuses a payload of at least `size` bytes (a string's UTF-16 length is a lower bound
/// of its UTF-8 size) over the limit, before it is copied into the module's memory,
/// which a huge body could exhaust.
#[unsafe(no_mangle)]
pub extern "C" fn fits(size: f64, max: f64) -> Answer {
    // A length from JavaScript is a whole number; past `usize` it saturates, and is over.
    answer::from(options(f64::NAN, f64::NAN, max).check_payload_size(size as usize))
}

/// Room for `len` bytes of arguments: the address to write them at, or null when they
/// do not fit in the module's memory (the caller throws; nothing traps).
#[unsafe(no_mangle)]
pub extern "C" fn input(len: f64) -> *mut u8 {
    input::reserve(len as usize)
}

/// Notes a secret of `len` bytes written after the header and the secrets before it.
#[unsafe(no_mangle)]
pub extern "C" fn secret(len: usize) {
    input::push_secret(len);
}

/// Verifies the delivery written (`payload` bytes, then `header` bytes, then the
/// secrets) at `now` (unix seconds): the signature, and for an event (`kind` not 0)
/// that the payload is UTF-8 text, so that the host can parse it.
#[unsafe(no_mangle)]
pub extern "C" fn verify(
    kind: u32,
    payload: usize,
    header: usize,
    tolerance: f64,
    future: f64,
    max: f64,
    now: f64,
) -> Answer {
    let options = options(tolerance, future, max);
    answer::from(input::with(payload, header, |delivery| {
        let header = webhook::header_text(delivery.header)?;
        webhook::verify_header(
            delivery.payload,
            header,
            &delivery.secrets,
            now as i64,
            &options,
        )?;
        if kind != HEADER {
            webhook::payload_text(delivery.payload)?;
        }
        Ok(())
    }))
}

/// Refuses a verified payload that the host's `JSON.parse` refused, whose reason (its
/// `len` bytes) is written at the start of the arguments.
#[unsafe(no_mangle)]
pub extern "C" fn unparsed(len: usize) -> Answer {
    let reason = input::with(len, 0, |reason| {
        String::from(core::str::from_utf8(reason.payload).unwrap_or_default())
    });
    answer::refused(WebhookError::JsonRefused { reason })
}

/// Checks the envelope of the event the host parsed (and holds) against `kind`.
#[unsafe(no_mangle)]
pub extern "C" fn envelope(kind: u32) -> Answer {
    let kind = if kind == SNAPSHOT {
        EventKind::Snapshot
    } else {
        EventKind::Notification
    };
    answer::from(webhook::check_parsed_envelope(&Parsed, kind))
}
