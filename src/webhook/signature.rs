//! HMAC-SHA256 signatures over `"{timestamp}.{payload}"`, keyed with the whole secret.

use core::fmt;

use subtle::ConstantTimeEq;

use super::mac::{HmacSha256, RustCrypto};

/// One `v1` signature: the 32 bytes of an HMAC-SHA256.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature([u8; 32]);

impl Signature {
    /// Decodes 64 lower-case hex digits, as Stripe writes them; anything else is not
    /// a signature. (A candidate from the header is no secret: it is read in plain
    /// code; only the comparison with the expected MAC must take constant time.)
    pub fn from_hex(hex: &str) -> Option<Self> {
        let hex = hex.as_bytes();
        if hex.len() != 64 {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(hex.chunks_exact(2)) {
            let &[high, low] = pair else { return None };
            *byte = (lower_hex_value(high)? << 4) | lower_hex_value(low)?;
        }
        Some(Self(bytes))
    }

    /// Compares in constant time, so a forger learns nothing from how long it takes.
    pub fn ct_eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }

    /// The 64 lower-case hex digits Stripe writes, in `buffer`.
    pub fn to_hex<'b>(&self, buffer: &'b mut [u8; 64]) -> &'b str {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        for (pair, byte) in buffer.chunks_exact_mut(2).zip(self.0) {
            if let [high, low] = pair {
                *high = DIGITS[usize::from(byte >> 4)];
                *low = DIGITS[usize::from(byte & 0xf)];
            }
        }
        // Hex digits are ASCII, so this never fails.
        core::str::from_utf8(buffer).unwrap_or_default()
    }
}

/// The value of one lower-case hex digit.
fn lower_hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        _ => None,
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.to_hex(&mut [0; 64]))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({self})")
    }
}

/// Computes the `v1` signature Stripe sends for `payload` signed at `timestamp`.
pub fn compute_signature(payload: &[u8], secret: &str, timestamp: i64) -> Signature {
    compute_signature_with(&RustCrypto, payload, secret, timestamp)
}

/// [`compute_signature`] with the MAC computed by `provider`.
pub fn compute_signature_with(
    provider: &dyn HmacSha256,
    payload: &[u8],
    secret: &str,
    timestamp: i64,
) -> Signature {
    let mut digits = itoa::Buffer::new();
    let signed = [digits.format(timestamp).as_bytes(), b".", payload];
    Signature(provider.hmac_sha256(secret.as_bytes(), &signed))
}

/// HMAC-SHA256 of `message` keyed with `secret`: the primitive under every signature,
/// like stripe-node's `CryptoProvider.computeHMACSignature`.
pub fn compute_hmac_signature(message: &[u8], secret: &str) -> Signature {
    Signature(RustCrypto.hmac_sha256(secret.as_bytes(), &[message]))
}
