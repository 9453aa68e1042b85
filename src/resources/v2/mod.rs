//! v2 resources. Stripe's OpenAPI spec of 2023-08-16 has no v2, so these are written
//! by hand from the API reference (the seed documents in `../shared/seeds/`).

mod event;

pub(crate) use event::{EVENT, EVENT_NOTIFICATION};
pub use event::{Event, EventNotification, EventReason, EventReasonRequest, RelatedObject};
