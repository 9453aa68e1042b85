//! A v2 event's `data` and related object, read with the models its `type` names.
//!
//! The event itself decodes whatever its type ([`Event::data`] stays raw), so an event
//! of a type Stripe adds later still decodes and re-encodes without loss; these read
//! the typed parts on demand, and say by path what does not fit.

use super::event::Event;
use super::meter_error_report::MeterErrorReport;
use crate::model::{Decode, DecodeError, Path, Problem, RawValue};

/// The event type whose `data` is a [`MeterErrorReport`] and whose related object is
/// the meter (`billing.meter`) that refused the events.
pub const METER_ERROR_REPORT_TRIGGERED: &str = "v1.billing.meter.error_report_triggered";

/// The event type whose `data` is a [`MeterErrorReport`] about events that named no
/// meter, or one that does not exist; it has no related object.
pub const METER_NO_METER_FOUND: &str = "v1.billing.meter.no_meter_found";

/// An event's `data`, read with the model its `type` names.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub enum EventData {
    /// [`METER_ERROR_REPORT_TRIGGERED`]: a meter refused asynchronous usage events.
    MeterErrorReportTriggered(MeterErrorReport),
    /// [`METER_NO_METER_FOUND`]: asynchronous usage events named no meter that exists.
    MeterNoMeterFound(MeterErrorReport),
    /// An event of a type this crate has no model for, with its `data` as sent
    /// (`None` when it has none).
    Other(Option<RawValue>),
}

/// The object an event's `related_object` names, read with the model its `type` names.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub enum RelatedObjectData {
    /// The meter of a [`METER_ERROR_REPORT_TRIGGERED`] event (with the `billing`
    /// feature, which holds the `billing.meter` model).
    #[cfg(feature = "billing")]
    Meter(alloc::boxed::Box<crate::resources::Meter>),
    /// The object of an event whose type has no model here, as sent.
    Other(RawValue),
}

impl Event {
    /// The event's `data`, decoded with the model of its `type`; an error names the
    /// path that does not fit (such as `data.reason.error_types[0].code`).
    pub fn typed_data(&self) -> Result<EventData, DecodeError> {
        let report = |data: &Option<RawValue>| {
            let path = Path::ROOT.key("data");
            match data {
                Some(data) => MeterErrorReport::decode(data.json(), &path),
                None => Err(path.error(Problem::Missing)),
            }
        };
        Ok(match self.type_.as_str() {
            METER_ERROR_REPORT_TRIGGERED => {
                EventData::MeterErrorReportTriggered(report(&self.data)?)
            }
            METER_NO_METER_FOUND => EventData::MeterNoMeterFound(report(&self.data)?),
            _ => EventData::Other(self.data.clone()),
        })
    }

    /// Decodes `json`, the body of a GET of `related_object.url`, with the model of
    /// the object this event's `type` relates to.
    pub fn decode_related_object(&self, json: &str) -> Result<RelatedObjectData, DecodeError> {
        #[cfg(feature = "billing")]
        if self.type_ == METER_ERROR_REPORT_TRIGGERED {
            return crate::model::decode(json)
                .map(|meter| RelatedObjectData::Meter(alloc::boxed::Box::new(meter)));
        }
        crate::model::decode(json).map(RelatedObjectData::Other)
    }
}
