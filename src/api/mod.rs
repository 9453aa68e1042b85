//! Stripe's HTTP API without the HTTP: requests as values, responses decoded into
//! models or a typed [`ApiError`], retry decisions, pagination cursors and result files,
//! so that every transport (the npm package's `fetch`, the Worker, a native client in
//! tests) is a thin loop around this module.

pub mod call;
pub mod csv;
mod endpoint;
mod error;
pub mod pagination;
pub mod params;
mod request;
mod response;
pub mod retry;
mod schema;
mod table;

pub use endpoint::*;
pub use error::{ApiError, RequestError};
pub use request::{Host, Method, Request, RequestOptions, uuid_v4};
pub use response::{Failure, check, decode, is_success};
pub use schema::{Member, Schema};
pub use table::*;
