//! Who computes the HMAC-SHA256 under every signature: a provider, as rustls takes its
//! cryptography from a `CryptoProvider`. The core's own, [`RustCrypto`] (the `hmac` and
//! `sha2` crates), is the default; a host with a faster native HMAC (Node's
//! `createHmac`, workerd's with `nodejs_compat`) can give its own through
//! [`VerifyOptions::hmac`](super::VerifyOptions::hmac). Only the MAC moves: the header,
//! the time windows, the constant-time comparison and the envelope stay in the core.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Computes HMAC-SHA256: the one primitive a provider gives.
///
/// A known answer (RFC 4231, test case 2): the key `Jefe` over `what do ya want for
/// nothing?` gives `5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843`.
pub trait HmacSha256 {
    /// The MAC of the concatenation of `message`'s parts, keyed with `key`.
    fn hmac_sha256(&self, key: &[u8], message: &[&[u8]]) -> [u8; 32];
}

/// The core's own HMAC-SHA256 (RustCrypto `hmac` over `sha2`): the default provider,
/// and the only one in hosts without a native synchronous HMAC, such as browsers.
#[derive(Clone, Copy, Debug, Default)]
pub struct RustCrypto;

impl HmacSha256 for RustCrypto {
    fn hmac_sha256(&self, key: &[u8], message: &[&[u8]]) -> [u8; 32] {
        // HMAC accepts keys of any length, so this never fails.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        for part in message {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }
}
