//! The signatures a delivery carries, made with its destination's own secret (the
//! original Stripe signature is never passed on): `Stripe-Signature`, so a service can
//! keep stripe-node's `constructEvent` with that secret, and the Standard Webhooks
//! headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`), so it can use any
//! Standard Webhooks library. A destination secret is `whsec_` and base64, as Standard
//! Webhooks secrets are: Stripe's scheme keys its HMAC with the whole string, Standard
//! Webhooks with the decoded bytes.

use alloc::string::String;
use alloc::vec::Vec;

use base64ct::{Base64, Encoding};

use crate::webhook::{self, HmacSha256, RustCrypto};

/// Why a destination secret cannot sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecretError;

impl core::fmt::Display for SecretError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a destination secret is `whsec_` followed by base64 of at least 24 bytes")
    }
}

impl core::error::Error for SecretError {}

/// The Standard Webhooks key in `secret` (`whsec_` + base64), checked.
pub fn key(secret: &str) -> Result<Vec<u8>, SecretError> {
    let encoded = secret.strip_prefix("whsec_").ok_or(SecretError)?;
    Base64::decode_vec(encoded)
        .ok()
        .filter(|key| key.len() >= 24)
        .ok_or(SecretError)
}

/// The headers of a delivery of `payload` (event `id`) at `timestamp` (unix seconds),
/// signed with `secret`.
pub fn headers(
    id: &str,
    payload: &[u8],
    secret: &str,
    timestamp: i64,
) -> Result<Vec<(&'static str, String)>, SecretError> {
    let key = key(secret)?;
    let mut digits = itoa::Buffer::new();
    let timestamp_text = digits.format(timestamp);
    // The core's one HMAC-SHA256, as the webhook signatures use.
    let mac = RustCrypto.hmac_sha256(
        &key,
        &[
            id.as_bytes(),
            b".",
            timestamp_text.as_bytes(),
            b".",
            payload,
        ],
    );
    let signature = Base64::encode_string(&mac);
    Ok(alloc::vec![
        (
            "Stripe-Signature",
            webhook::generate_test_header(payload, &[secret], timestamp)
        ),
        ("webhook-id", id.into()),
        ("webhook-timestamp", timestamp_text.into()),
        ("webhook-signature", alloc::format!("v1,{signature}")),
    ])
}
