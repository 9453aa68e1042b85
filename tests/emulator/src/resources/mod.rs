//! The endpoints, one module per resource.

pub mod customers;
pub mod invoices;
pub mod webhook_endpoints;
