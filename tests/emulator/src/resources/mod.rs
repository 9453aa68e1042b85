//! The endpoints, one module per resource.

pub mod customers;
pub mod events;
pub mod files;
pub mod invoices;
pub mod report_runs;
pub mod report_types;
pub mod sigma;
pub mod thin_events;
pub mod webhook_endpoints;
