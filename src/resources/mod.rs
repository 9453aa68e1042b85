//! Stripe's resources as typed models, generated from Stripe's OpenAPI spec, with the
//! building blocks they share.
//!
//! Every model decodes from JSON and encodes back to an equal JSON value: members a
//! model does not know are kept in its `extra`, enum values it does not know in an
//! `Unknown` variant, so a newer API version decodes and loses nothing. Fields keep
//! Stripe's distinctions: a required field is `T`, a nullable one `Option<T>`, an
//! optional one `Option<T>` that is `None` when absent, and an optional nullable one
//! `Option<Option<T>>`.
//!
//! ```
//! use stripe_edge::resources::{self, ReportRun};
//!
//! let json = r#"{"id":"frr_1","object":"reporting.report_run","created":1680203749,
//!     "error":null,"livemode":false,"parameters":{},"report_type":"balance.summary.1",
//!     "result":null,"status":"pending","succeeded_at":null,"new_field":[1,2]}"#;
//! let run: ReportRun = resources::decode(json)?;
//! assert_eq!(run.report_type, "balance.summary.1");
//! assert_eq!(run.extra.get("new_field").map(|v| v.get()), Some("[1,2]"));
//! # Ok::<(), resources::DecodeError>(())
//! ```
//!
//! Models are grouped behind cargo features by product area; ids and the building
//! blocks are always there.

mod generated;

pub use crate::json::{Elements, Kind as JsonKind, Members};
pub use crate::model::{
    Currency, Decode, DecodeError, Encode, Expandable, Expanded, Extra, Fields, IdError, List,
    Number, Object, ObjectId, ObjectWriter, Path, Problem, RawValue, SearchResult, Timestamp,
    V2Page, decode, encode,
};
pub use generated::*;
