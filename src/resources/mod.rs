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
#[cfg(feature = "events")]
pub mod v2;

pub use crate::json::{Elements, Kind as JsonKind, Members};
pub use crate::model::{
    Currency, Decode, DecodeError, Encode, Expandable, Expanded, Extra, FieldShape, Fields,
    IdError, List, MAX_MEMBERS, Number, Object, ObjectId, ObjectWriter, Path, Problem, RawValue,
    Reencoder, SearchResult, Shape, StructShape, Timestamp, V2Page, Variant, decode, encode,
    object_tag, reencode_as, type_name, validate, validate_as,
};
pub use generated::*;

use alloc::string::String;

/// Decodes `json` as the resource `name` and encodes it again, for tools that choose
/// the model at run time. Names are those of Stripe's fixtures (`invoice`,
/// `reporting.report_run`, `deleted_customer`) and `v2.core.event` and
/// `v2.core.event_notification`; `None` when no model of that name is compiled.
pub fn reencode(name: &str, json: &str) -> Option<Result<String, DecodeError>> {
    let reencode: Reencoder = match name {
        #[cfg(feature = "events")]
        "v2.core.event" => reencode_as::<v2::Event>,
        #[cfg(feature = "events")]
        "v2.core.event_notification" => reencode_as::<v2::EventNotification>,
        _ => generated::reencoder(name)?,
    };
    Some(reencode(json))
}

/// The shape of the resource `name` (the names [`reencode`] takes), for checking
/// values without their typed model; `None` when no model of that name is compiled.
pub fn shape(name: &str) -> Option<Shape> {
    match name {
        #[cfg(feature = "events")]
        "v2.core.event" => Some(Shape::Struct(&v2::EVENT)),
        #[cfg(feature = "events")]
        "v2.core.event_notification" => Some(Shape::Struct(&v2::EVENT_NOTIFICATION)),
        _ => generated::shape(name),
    }
}

/// Checks `json` against the model of the resource `name` without building it: the
/// verdict and first error of decoding it, from a small interpreter of the model's
/// [`Shape`] rather than a decoder per type, which is what the npm package uses;
/// `None` when no model of that name is compiled.
pub fn validate_resource(name: &str, json: &str) -> Option<Result<(), DecodeError>> {
    Some(validate_as(&shape(name)?, json))
}
