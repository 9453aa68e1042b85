//! The MAC provider of the webhook functions: the host's native HMAC-SHA256 when
//! `js/host-mac.js` found one at load (`node:crypto` in Node and in workerd with
//! `nodejs_compat`), else the core's own. The host hashes the bytes in wasm memory
//! through views, so both providers sign exactly the same bytes.

use alloc::vec::Vec;

use stripe_edge::webhook::{HmacSha256, RustCrypto};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/../js/host-mac.js")]
extern "C" {
    /// A keyed HMAC-SHA256 of the host (`node:crypto`'s `Hmac`).
    type Hmac;

    /// The host's HMAC keyed with `key`, or `None` when the host has none.
    #[wasm_bindgen(js_name = hostHmac)]
    fn host_hmac(key: &[u8]) -> Option<Hmac>;

    #[wasm_bindgen(method)]
    fn update(this: &Hmac, part: &[u8]);

    #[wasm_bindgen(method)]
    fn digest(this: &Hmac) -> Vec<u8>;
}

/// The host's HMAC where there is one, the core's own otherwise.
pub struct Host;

/// The provider the webhook functions verify with.
pub static HOST: Host = Host;

impl HmacSha256 for Host {
    fn hmac_sha256(&self, key: &[u8], message: &[&[u8]]) -> [u8; 32] {
        let Some(mac) = host_hmac(key) else {
            return RustCrypto.hmac_sha256(key, message);
        };
        for part in message {
            mac.update(part);
        }
        // A digest of another length would be a broken host: never compare with it.
        <[u8; 32]>::try_from(mac.digest().as_slice())
            .unwrap_or_else(|_| RustCrypto.hmac_sha256(key, message))
    }
}
