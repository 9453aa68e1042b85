//! Parsing of the `Stripe-Signature` header: `t=<unix>,v1=<hex>[,v1=<hex>][,v0=<hex>]`.

use alloc::vec::Vec;

use super::WebhookError;
use super::signature::Signature;

/// The scheme Stripe signs with today; every other scheme is ignored.
pub const EXPECTED_SCHEME: &str = "v1";

/// A parsed `Stripe-Signature` header: the signing time and every `v1` signature in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureHeader {
    /// When Stripe signed the payload, in unix seconds.
    pub timestamp: i64,
    /// Every well-formed `v1` signature, in header order.
    pub signatures: Vec<Signature>,
}

impl SignatureHeader {
    /// Parses a header value, keeping every `v1` that is 64 hex digits and ignoring
    /// other schemes, unknown keys and malformed `v1` values, as the official libraries do.
    pub fn parse(header: &str) -> Result<Self, WebhookError> {
        if header.is_empty() {
            return Err(WebhookError::MissingHeader);
        }
        let mut timestamp = None;
        let mut signatures = Vec::new();
        for (key, value) in header.split(',').filter_map(|item| item.split_once('=')) {
            match key {
                // A later `t` replaces an earlier one, as in stripe-node and stripe-go.
                "t" => timestamp = Some(parse_unix_seconds(value)?),
                EXPECTED_SCHEME => signatures.extend(Signature::from_hex(value)),
                _ => {}
            }
        }
        let timestamp = timestamp.ok_or(WebhookError::MalformedHeader)?;
        if signatures.is_empty() {
            return Err(WebhookError::NoV1Signature);
        }
        Ok(Self {
            timestamp,
            signatures,
        })
    }
}

/// Reads a non-negative decimal integer with no sign, spaces or fraction.
fn parse_unix_seconds(value: &str) -> Result<i64, WebhookError> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WebhookError::MalformedHeader);
    }
    value.parse().map_err(|_| WebhookError::MalformedHeader)
}
