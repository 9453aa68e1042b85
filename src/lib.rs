//! # stripe-edge
//!
//! A `no_std` core for working with Stripe at the edge and in the browser: it verifies
//! and signs `Stripe-Signature` headers, decodes the webhook event envelopes, and
//! models Stripe's resources as typed values that decode and re-encode without loss,
//! the same way in a Cloudflare Worker, a browser, Node or native Rust.
//!
//! - [`webhook`]: signatures and event envelopes.
//! - [`search`]: Stripe's search query language: parse, check, print, build, match.
//! - [`form`]: Stripe's form encoding of nested parameters, decoded into a tree.
//! - [`currency`]: amounts between minor units and the decimals of report files.
//! - [`api`]: Stripe's HTTP API as values: requests built and checked, answers decoded
//!   into models or typed errors, retry decisions, pagination cursors, result files.
//! - [`pipeline`]: the Worker's webhook pipeline as values: where events go, how each
//!   delivery is signed for its destination, what an attempt's outcome means.
//! - [`proxy`]: the Worker's policy proxy as values: tokens, routes, policies, plans,
//!   and the call machine that carries a plan out.
//! - [`resources`]: the resource models, generated from Stripe's OpenAPI spec, as
//!   typed structs that decode and encode and as data (shapes) that check values.
//!
//! The crate does no I/O and reads no clock: the current time is an argument, so the
//! same inputs always give the same answer.
//!
//! ```
//! use stripe_edge::webhook::{self, VerifyOptions};
//!
//! let secret = "whsec_test_secret";
//! let payload = br#"{"id":"evt_1","object":"event","type":"invoice.paid",
//!     "created":1700000000,"livemode":false,"data":{"object":{"id":"in_1"}}}"#;
//! let header = webhook::generate_test_header(payload, &[secret], 1_700_000_000);
//!
//! let event = webhook::construct_event(
//!     payload,
//!     &header,
//!     &[secret],
//!     1_700_000_010, // now, in unix seconds
//!     &VerifyOptions::default(),
//! )?;
//! assert_eq!(event.type_.as_deref(), Some("invoice.paid"));
//! # Ok::<(), stripe_edge::webhook::WebhookError>(())
//! ```
//!
//! ## Crate features
//! - Resource models by product area. Default: `events`, `files`,
//!   `webhook_endpoints`, `reporting`, `sigma`, `invoices`. Others: `billing`,
//!   `payments`, `checkout`, `connect`, `radar`, `issuing`, `treasury`, `terminal`,
//!   `tax`, `identity`, `financial_connections`, `climate`, `entitlements`; `full`
//!   turns on every one. Ids and references to resources of other areas work with
//!   any set.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

pub mod api;
pub mod currency;
pub mod error;
pub mod form;
mod json;
mod model;
pub mod pipeline;
pub mod proxy;
pub mod resources;
pub mod search;
pub mod webhook;

pub use json::{JsonError, RawJson};
