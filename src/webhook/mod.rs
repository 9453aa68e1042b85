//! Stripe webhook signatures: verify, sign, and decode the event envelopes.
//!
//! Stripe signs each delivery with `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>]`,
//! where each `v1` is an HMAC-SHA256 of `"{t}.{raw body}"` keyed with the endpoint's
//! whole secret (`whsec_...`). A delivery is genuine when any `v1` matches under any of
//! the secrets given (several during a secret rotation) and `t` is within the
//! tolerance of `now`. Unlike stripe-node, a `t` too far in the *future* is refused too,
//! unless [`VerifyOptions::future_tolerance`] says otherwise.
//!
//! The same check serves both envelopes Stripe delivers: v1 snapshot events
//! ([`construct_event`]) and v2 thin event notifications ([`parse_event_notification`]);
//! an endpoint that takes both uses [`construct_delivery`]. [`check_event`] makes the
//! same checks without decoding, for a caller that reads the payload with another
//! parser; it is [`verify_header`] then [`check_envelope`], for a caller that checks
//! the signature alone too. A caller whose host parses the payload (the npm package
//! hands it to `JSON.parse`) checks the parsed value with [`check_parsed_envelope`].
//!
//! The MAC itself comes from a provider ([`HmacSha256`]): the core's own RustCrypto one
//! unless [`VerifyOptions::hmac`] names a host's native one; everything else is checked
//! here, whichever computes it.

mod envelope;
mod error;
mod event;
mod header;
mod mac;
mod options;
mod signature;

pub use envelope::{ParsedPayload, Shape};
pub use error::WebhookError;
pub use event::{Event, EventData, EventKind, EventNotification, EventRequest, RelatedObject};
pub use header::{EXPECTED_SCHEME, SignatureHeader, header_text};
pub use mac::{HmacSha256, RustCrypto};
pub use options::{DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_TOLERANCE, VerifyOptions};
pub use signature::{Signature, compute_hmac_signature, compute_signature, compute_signature_with};

use alloc::string::String;
use alloc::vec::Vec;

use event::Envelope;

/// Checks that `header` signs `payload` under one of `secrets` at a time close enough to
/// `now` (unix seconds); returns the signing time.
pub fn verify_header<S: AsRef<str>>(
    payload: &[u8],
    header: &str,
    secrets: &[S],
    now: i64,
    options: &VerifyOptions,
) -> Result<i64, WebhookError> {
    let (header, secret_has_whitespace) = read(payload, header, secrets, options)?;
    let matched = secrets.iter().fold(false, |matched, secret| {
        let expected = compute_signature_with(
            options.hmac_provider(),
            payload,
            secret.as_ref(),
            header.timestamp,
        );
        header
            .signatures
            .iter()
            .fold(matched, |matched, candidate| {
                matched | expected.ct_eq(candidate)
            })
    });
    if !matched {
        return Err(WebhookError::NoMatchingSignature {
            secret_has_whitespace,
        });
    }
    options.check_time(header.timestamp, now)?;
    Ok(header.timestamp)
}

/// What a delivery's signature says, for debugging tools: when it was signed, and which
/// secret each `v1` matches. It reads the delivery as [`verify_header`] does (the same
/// refusals before any comparison) but does not judge the time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The signing time the header states (`t`), in unix seconds.
    pub timestamp: i64,
    /// For each `v1` of the header, in its order: the index of the first secret whose
    /// signature it is, or `None`.
    pub matches: Vec<Option<usize>>,
}

/// Explains `header`'s signatures of `payload` against `secrets` (see [`Explanation`]).
pub fn explain_signature<S: AsRef<str>>(
    payload: &[u8],
    header: &str,
    secrets: &[S],
    options: &VerifyOptions,
) -> Result<Explanation, WebhookError> {
    let (header, _) = read(payload, header, secrets, options)?;
    let expected: Vec<Signature> = secrets
        .iter()
        .map(|secret| {
            compute_signature_with(
                options.hmac_provider(),
                payload,
                secret.as_ref(),
                header.timestamp,
            )
        })
        .collect();
    let matches = header
        .signatures
        .iter()
        .map(|candidate| {
            expected
                .iter()
                .position(|signature| signature.ct_eq(candidate))
        })
        .collect();
    Ok(Explanation {
        timestamp: header.timestamp,
        matches,
    })
}

/// The checks before any signature is compared: a payload within the limit, a header
/// that reads, and secrets none of which is blank; with whether any secret has
/// whitespace (the mismatch note says so).
fn read<S: AsRef<str>>(
    payload: &[u8],
    header: &str,
    secrets: &[S],
    options: &VerifyOptions,
) -> Result<(SignatureHeader, bool), WebhookError> {
    if payload.is_empty() {
        return Err(WebhookError::MissingPayload);
    }
    options.check_payload_size(payload.len())?;
    let header = SignatureHeader::parse(header)?;
    // A blank secret is all whitespace (`trim().is_empty()`). One pass over each secret
    // tells that and whether it has any whitespace.
    let mut secret_has_whitespace = false;
    for secret in secrets {
        let (chars, spaces) = secret
            .as_ref()
            .chars()
            .fold((0usize, 0usize), |(chars, spaces), c| {
                (chars + 1, spaces + usize::from(c.is_whitespace()))
            });
        if chars == spaces {
            return Err(WebhookError::EmptySecret);
        }
        secret_has_whitespace |= spaces > 0;
    }
    if secrets.is_empty() {
        return Err(WebhookError::EmptySecret);
    }
    Ok((header, secret_has_whitespace))
}

/// Verifies a v1 webhook delivery and decodes its event envelope.
pub fn construct_event<'a, S: AsRef<str>>(
    payload: &'a [u8],
    header: &str,
    secrets: &[S],
    now: i64,
    options: &VerifyOptions,
) -> Result<Event<'a>, WebhookError> {
    verify_header(payload, header, secrets, now, options)?;
    Envelope::read(payload, Some(EventKind::Snapshot))?.event()
}

/// Verifies a v2 thin event notification and decodes it.
pub fn parse_event_notification<'a, S: AsRef<str>>(
    payload: &'a [u8],
    header: &str,
    secrets: &[S],
    now: i64,
    options: &VerifyOptions,
) -> Result<EventNotification<'a>, WebhookError> {
    verify_header(payload, header, secrets, now, options)?;
    Envelope::read(payload, Some(EventKind::Notification))?.notification()
}

/// Verifies a delivery and checks its envelope exactly as [`construct_event`] (for
/// [`EventKind::Snapshot`]) or [`parse_event_notification`] (for
/// [`EventKind::Notification`]) would, without decoding it: for a caller that reads the
/// payload with another parser. Returns the signing time.
pub fn check_event<S: AsRef<str>>(
    payload: &[u8],
    header: &str,
    secrets: &[S],
    now: i64,
    options: &VerifyOptions,
    kind: EventKind,
) -> Result<i64, WebhookError> {
    let timestamp = verify_header(payload, header, secrets, now, options)?;
    check_envelope(payload, kind)?;
    Ok(timestamp)
}

/// The envelope half of [`check_event`], for a caller that has verified the signature
/// with [`verify_header`] already: checks that `payload` is an event of `kind` exactly
/// as [`construct_event`] or [`parse_event_notification`] would read it.
pub fn check_envelope(payload: &[u8], kind: EventKind) -> Result<(), WebhookError> {
    Envelope::read(payload, Some(kind))?.check()
}

/// A verified payload as text, for a host's JSON parser: bytes that are not UTF-8 are
/// refused as the core's own reader ([`check_envelope`]) refuses them.
pub fn payload_text(payload: &[u8]) -> Result<&str, WebhookError> {
    core::str::from_utf8(payload).map_err(|error| WebhookError::InvalidJson {
        offset: error.valid_up_to(),
        expected: "UTF-8 text",
    })
}

/// [`check_envelope`] for a payload the caller's host has parsed already (the npm
/// package hands the verified text to `JSON.parse`): the same rules, read from the
/// parsed value, so that the payload is parsed once. A payload the host could not parse
/// is [`WebhookError::JsonRefused`].
pub fn check_parsed_envelope(
    payload: &impl ParsedPayload,
    kind: EventKind,
) -> Result<(), WebhookError> {
    envelope::kind_of(payload, Some(kind))?;
    envelope::check_rules(payload, kind)
}

/// What an endpoint that takes both kinds received.
#[derive(Debug)]
pub enum Delivery<'a> {
    /// A v1 snapshot event.
    Event(Event<'a>),
    /// A v2 thin event notification.
    Notification(EventNotification<'a>),
}

impl<'a> Delivery<'a> {
    /// The event's id, `evt_...`.
    pub fn id(&self) -> &str {
        match self {
            Self::Event(event) => &event.id,
            Self::Notification(event) => &event.id,
        }
    }

    /// The event's type, such as `invoice.paid`; `None` only for a hand-made v1
    /// payload without one (see [`Event`]).
    pub fn type_(&self) -> Option<&str> {
        match self {
            Self::Event(event) => event.type_.as_deref(),
            Self::Notification(event) => Some(&event.type_),
        }
    }
}

/// Verifies a delivery to an endpoint that receives both v1 events and v2 thin event
/// notifications, and decodes whichever it is.
pub fn construct_delivery<'a, S: AsRef<str>>(
    payload: &'a [u8],
    header: &str,
    secrets: &[S],
    now: i64,
    options: &VerifyOptions,
) -> Result<Delivery<'a>, WebhookError> {
    verify_header(payload, header, secrets, now, options)?;
    let envelope = Envelope::read(payload, None)?;
    match envelope.kind() {
        EventKind::Snapshot => envelope.event().map(Delivery::Event),
        EventKind::Notification => envelope.notification().map(Delivery::Notification),
    }
}

/// Builds a `Stripe-Signature` header for `payload` signed at `timestamp`, with one
/// `v1` per secret: the equivalent of stripe-node's `generateTestHeaderString`.
pub fn generate_test_header<S: AsRef<str>>(
    payload: &[u8],
    secrets: &[S],
    timestamp: i64,
) -> String {
    let mut header = String::from("t=");
    header.push_str(itoa::Buffer::new().format(timestamp));
    for secret in secrets {
        let signature = compute_signature(payload, secret.as_ref(), timestamp);
        for part in [",", EXPECTED_SCHEME, "=", signature.to_hex(&mut [0; 64])] {
            header.push_str(part);
        }
    }
    header
}
