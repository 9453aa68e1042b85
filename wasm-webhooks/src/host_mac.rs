//! The MAC provider: the host's native HMAC-SHA256 when the JavaScript side found one at
//! load (`node:crypto` in Node and in workerd with `nodejs_compat`, see
//! `js/host-mac.js`), else the core's own. The host hashes the bytes in this module's
//! memory, so both providers sign exactly the same bytes.

use stripe_edge::webhook::{HmacSha256, RustCrypto};

#[link(wasm_import_module = "host")]
unsafe extern "C" {
    /// Starts the host's HMAC keyed with the `len` bytes at `key`: 0 when the host has
    /// none.
    safe fn mac_begin(key: *const u8, len: usize) -> u32;

    /// Adds the `len` bytes at `part` to the MAC begun.
    safe fn mac_update(part: *const u8, len: usize);

    /// Writes the first 32 bytes of the MAC's digest at `out`; answers the digest's
    /// length.
    fn mac_end(out: *mut u8) -> usize;
}

/// The host's HMAC where there is one, the core's own otherwise.
pub struct Host;

/// The provider the webhook functions verify with.
pub static HOST: Host = Host;

impl HmacSha256 for Host {
    fn hmac_sha256(&self, key: &[u8], message: &[&[u8]]) -> [u8; 32] {
        if mac_begin(key.as_ptr(), key.len()) == 0 {
            return RustCrypto.hmac_sha256(key, message);
        }
        for part in message {
            mac_update(part.as_ptr(), part.len());
        }
        let mut digest = [0; 32];
        // SAFETY: `digest` has room for the 32 bytes the host writes.
        let len = unsafe { mac_end(digest.as_mut_ptr()) };
        // A digest of another length would be a broken host: never compare with it.
        if len == digest.len() {
            digest
        } else {
            RustCrypto.hmac_sha256(key, message)
        }
    }
}
