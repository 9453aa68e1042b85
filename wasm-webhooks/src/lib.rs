//! The npm package's webhook wasm (`stripe-edge/webhooks`): the core's verification
//! behind a calling convention written by hand, whose other half is the package's
//! `js/webhooks-core.js`.
//!
//! Not wasm-bindgen, which the package's other wasms use: its glue, its table of
//! JavaScript references and its argument conversions put a webhook-only bundle over
//! its 12 KB gzip budget (BENCHMARKS.md has the sizes), for a module that takes bytes
//! and numbers and answers a verdict. Here the JavaScript side reads and type-checks
//! the arguments (`js/delivery.js`), copies the payload, the header and the secrets
//! into this module's memory (`input`), and calls the exports (`exports`); a refusal
//! comes back as the core's code and message (`answer`). An event is parsed by the
//! host's `JSON.parse`, and the core's envelope rules read the parsed value through
//! imports (`parsed`). The MAC is the host's native HMAC where it has one
//! (`host_mac`). Every decision is the core's.
//!
//! The module is `no_std` and built for wasm32 only (elsewhere, and as a test harness,
//! the crate is empty): a panic traps, and a small allocator replaces dlmalloc
//! (`runtime`).
#![cfg(all(target_arch = "wasm32", not(test)))]
#![no_std]

extern crate alloc;

mod answer;
mod exports;
mod host_mac;
mod input;
mod parsed;
mod runtime;
