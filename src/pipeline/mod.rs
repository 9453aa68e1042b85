//! The Worker's webhook pipeline, without the I/O: where each verified event goes (the
//! [`routes`]), how each delivery is signed for its destination ([`sign`]), what an
//! attempt's outcome means for the event ([`attempt`]), how the ledger keeps what is
//! owed ([`ledger`]), what a destination that wants snapshots is sent for a thin
//! notification ([`expand`]), and which events Stripe could not deliver are fed in again
//! ([`reconcile`]). The Worker keeps the ledger in Durable Objects and moves events
//! through Cloudflare Queues; every decision is here.

pub mod attempt;
pub mod expand;
pub mod ledger;
pub mod reconcile;
pub mod routes;
pub mod sign;

pub use routes::{Destination, Payload, Routes, RoutesError};
