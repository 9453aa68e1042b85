//! Parsing of the `Stripe-Signature` header: `t=<unix>,v1=<hex>[,v1=<hex>][,v0=<hex>]`.
//!
//! The header is read the one way Stripe writes it. Items are split on `,` and each at
//! its first `=`; nothing is trimmed. Items without `=`, unknown keys and other schemes
//! (`v0`) are ignored, as stripe-node and stripe-go ignore them. The rest is strict,
//! where stripe-node 23 is lenient (it splits each item on every `=` and reads `t` with
//! `parseInt`, keeping the last one); each of these differences is on purpose and
//! listed in the README and in the interop suite (`tests/package/interop.test.mjs`):
//!
//! | Header shape | stripe-node | stripe-edge |
//! | --- | --- | --- |
//! | `t` twice (`t=abc,t=N` or `t=1,t=N`) | the last `t` counts | refused (`malformed_header`): which `t` was signed is ambiguous |
//! | `t= N`, `t=+N`, `t=N.5`, `t=N=x` | read as `N` by `parseInt` | refused (`malformed_header`): `t` is decimal digits only |
//! | `v1=<sig>=junk` | read as `<sig>` (text after a second `=` dropped) | not a signature: a `v1` is exactly its 64 hex digits |
//! | `v1=<SIG>` in upper case | never matches (compared as text with lower-case hex) | never matches either: only lower-case hex is read |
//!
//! Every shape refused here is one Stripe never sends; a refused header never verifies,
//! so the strictness costs nothing but ambiguity.

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
    /// Parses a header value: exactly one `t` of decimal digits, and every `v1` that is
    /// 64 lower-case hex digits; other schemes, unknown keys and malformed `v1` values
    /// are ignored, as the official libraries do (see the module docs for where this
    /// is stricter than stripe-node).
    pub fn parse(header: &str) -> Result<Self, WebhookError> {
        if header.is_empty() {
            return Err(WebhookError::MissingHeader);
        }
        let mut timestamp = None;
        let mut signatures = Vec::new();
        let mut rest = Some(header);
        while let Some(items) = rest {
            let (item, after) = match split_at_byte(items, b',') {
                Some((item, after)) => (item, Some(after)),
                None => (items, None),
            };
            rest = after;
            let Some((key, value)) = split_at_byte(item, b'=') else {
                continue;
            };
            match key {
                "t" if timestamp.is_some() => return Err(WebhookError::MalformedHeader),
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

/// A header value received as bytes, as text: bytes that are not UTF-8 are no header
/// Stripe writes (`MalformedHeader`).
pub fn header_text(header: &[u8]) -> Result<&str, WebhookError> {
    core::str::from_utf8(header).map_err(|_| WebhookError::MalformedHeader)
}

/// `text` before and after its first `byte`, an ASCII byte (so both are whole text):
/// `split_once` for one byte, without the general pattern search.
fn split_at_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// Reads a non-negative decimal integer with no sign, spaces or fraction.
fn parse_unix_seconds(value: &str) -> Result<i64, WebhookError> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WebhookError::MalformedHeader);
    }
    crate::json::parse_i64(value).ok_or(WebhookError::MalformedHeader)
}
