//! JavaScript bindings of the stripe-edge core, built with wasm-bindgen into the npm
//! package `stripe-edge`: one wasm per capability, each built from this crate with one
//! feature (`webhooks`, `testing`, `decode`, `search`, `client`; all five by default, as the tests
//! use it), so that a consumer loads only the part of the core it imports.
//!
//! - `webhooks`: verification with stripe-node's names (`constructEvent`, ...), the MAC
//!   computed by the host's native HMAC where it has one (`host_mac`), the event parsed
//!   by the host and its envelope checked on the parsed value (`parsed`).
//! - `testing`: what tests and debugging tools need and a receiver does not
//!   (`generateTestHeaderString`, `explainSignature`).
//! - `decode`: reads a resource with its model.
//! - `search`: the search query language.
//! - `client`: the API client's call machines, which `js/client.js` drives, and the
//!   proxy's tokens (`mintProxyToken`).
//!
//! The bindings only convert arguments and results; every decision is the core's.
//! They read the clock (`Date.now()`) when the caller gives no `now`.
//!
//! The shipped modules are `no_std`: a panic traps instead of formatting a message
//! (none is expected: every input has an error path), and a smaller allocator replaces
//! dlmalloc (talc; in the webhook wasm, lol_alloc's free list). Both keep the modules
//! small.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

#[cfg(feature = "client")]
mod api;
#[cfg(feature = "decode")]
mod decode;
#[cfg(any(feature = "webhooks", feature = "testing"))]
mod delivery;
mod errors;
#[cfg(any(feature = "webhooks", feature = "testing"))]
mod host_mac;
mod js;
#[cfg(any(feature = "decode", feature = "search"))]
mod json_text;
#[cfg(feature = "webhooks")]
mod parsed;
#[cfg(feature = "client")]
mod proxy_token;
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
mod runtime;
#[cfg(feature = "search")]
mod search;
#[cfg(feature = "testing")]
mod testing;
#[cfg(feature = "webhooks")]
mod webhooks;

#[cfg(feature = "client")]
pub use api::{Client, Machine, StepKind, api_endpoints};
#[cfg(feature = "decode")]
pub use decode::decode;
#[cfg(feature = "client")]
pub use proxy_token::mint_token;
#[cfg(feature = "search")]
pub use search::{
    build_search_query, matches_search_query, parse_search_query, restrict_search_query,
};
#[cfg(feature = "testing")]
pub use testing::{explain_signature, generate_test_header_string};
#[cfg(feature = "webhooks")]
pub use webhooks::{construct_event, parse_event_notification, verify_header};
