//! JavaScript bindings of the stripe-edge core, built with wasm-bindgen into the npm
//! package `stripe-edge`: one wasm per capability, each built from this crate with one
//! feature (`testing`, `decode`, `search`, `client`; all four by default, as the tests
//! use it), so that a consumer loads only the part of the core it imports. The webhook
//! functions are the one capability not here: their wasm (`wasm-webhooks/`) has a
//! calling convention of its own, written by hand, for size.
//!
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
//! dlmalloc (talc). Both keep the modules small.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

#[cfg(feature = "client")]
mod api;
#[cfg(feature = "decode")]
mod decode;
mod errors;
#[cfg(any(feature = "decode", feature = "search"))]
mod json_text;
#[cfg(feature = "client")]
mod proxy_token;
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
mod runtime;
#[cfg(feature = "search")]
mod search;
#[cfg(feature = "testing")]
mod testing;

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
