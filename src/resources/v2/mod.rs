//! v2 resources. Stripe's OpenAPI spec of 2023-08-16 has no v2, so these are written
//! by hand from the API reference (the seed documents in `../shared/seeds/`): the event
//! and its notification, and the typed `data` and related object of the event types
//! the seeds list.

mod event;
mod meter_error_report;
mod typed;

pub(crate) use event::{EVENT, EVENT_NOTIFICATION};
pub use event::{Event, EventNotification, EventReason, EventReasonRequest, RelatedObject};
pub use meter_error_report::{
    MeterErrorReason, MeterErrorReport, MeterErrorType, MeterSampleError, MeterSampleErrorRequest,
};
pub use typed::{EventData, METER_ERROR_REPORT_TRIGGERED, METER_NO_METER_FOUND, RelatedObjectData};
