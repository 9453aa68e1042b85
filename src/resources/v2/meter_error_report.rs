//! The `data` of the two billing meter error events,
//! `v1.billing.meter.error_report_triggered` and `v1.billing.meter.no_meter_found`:
//! a summary of the asynchronous meter events Stripe refused in a validation window,
//! grouped by error type with samples. Modelled on the seed's example event.

use alloc::string::String;
use alloc::vec::Vec;

use crate::RawJson;
use crate::model::{
    Decode, DecodeError, Encode, Extra, FieldShape, Fields, ObjectWriter, Path, Shape, StructShape,
};

/// What went wrong with a meter's asynchronous usage events in one validation window.
#[derive(Clone, Debug, PartialEq)]
pub struct MeterErrorReport {
    /// A sentence for developers, such as `There is 1 invalid event`.
    pub developer_message_summary: String,
    /// The errors, by type.
    pub reason: MeterErrorReason,
    /// The end of the validation window, in RFC 3339.
    pub validation_end: String,
    /// The start of the validation window, in RFC 3339.
    pub validation_start: String,
    /// Members this model does not know, kept so that re-encoding loses nothing.
    pub extra: Extra,
}

/// The errors of a [`MeterErrorReport`].
#[derive(Clone, Debug, PartialEq)]
pub struct MeterErrorReason {
    /// How many errors the window had.
    pub error_count: i64,
    /// The errors, one entry per type.
    pub error_types: Vec<MeterErrorType>,
    /// Members this model does not know.
    pub extra: Extra,
}

/// One type of error and samples of it.
#[derive(Clone, Debug, PartialEq)]
pub struct MeterErrorType {
    /// The error's code, such as `meter_event_no_customer_defined` (an open set).
    pub code: String,
    /// How many errors of this type the window had.
    pub error_count: i64,
    /// Some of the errors.
    pub sample_errors: Vec<MeterSampleError>,
    /// Members this model does not know.
    pub extra: Extra,
}

/// One meter event Stripe refused.
#[derive(Clone, Debug, PartialEq)]
pub struct MeterSampleError {
    /// Why it was refused.
    pub error_message: String,
    /// The request that sent it.
    pub request: MeterSampleErrorRequest,
    /// Members this model does not know.
    pub extra: Extra,
}

/// The request that sent a refused meter event.
#[derive(Clone, Debug, PartialEq)]
pub struct MeterSampleErrorRequest {
    /// The request's idempotency key.
    pub identifier: String,
    /// Members this model does not know.
    pub extra: Extra,
}

/// The shape of [`MeterErrorReport`].
static METER_ERROR_REPORT: StructShape = StructShape {
    tag: None,
    fields: &[
        FieldShape::required("developer_message_summary", &Shape::Str),
        FieldShape::required("reason", &Shape::Struct(&METER_ERROR_REASON)),
        FieldShape::required("validation_end", &Shape::Str),
        FieldShape::required("validation_start", &Shape::Str),
    ],
};

static METER_ERROR_REASON: StructShape = StructShape {
    tag: None,
    fields: &[
        FieldShape::required("error_count", &Shape::Int),
        FieldShape::required(
            "error_types",
            &Shape::Vec(&Shape::Struct(&METER_ERROR_TYPE)),
        ),
    ],
};

static METER_ERROR_TYPE: StructShape = StructShape {
    tag: None,
    fields: &[
        FieldShape::required("code", &Shape::Str),
        FieldShape::required("error_count", &Shape::Int),
        FieldShape::required(
            "sample_errors",
            &Shape::Vec(&Shape::Struct(&METER_SAMPLE_ERROR)),
        ),
    ],
};

static METER_SAMPLE_ERROR: StructShape = StructShape {
    tag: None,
    fields: &[
        FieldShape::required("error_message", &Shape::Str),
        FieldShape::required("request", &Shape::Struct(&METER_SAMPLE_ERROR_REQUEST)),
    ],
};

static METER_SAMPLE_ERROR_REQUEST: StructShape = StructShape {
    tag: None,
    fields: &[FieldShape::required("identifier", &Shape::Str)],
};

impl Decode for MeterErrorReport {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &METER_ERROR_REPORT)?;
        Ok(Self {
            developer_message_summary: fields.required(0)?,
            reason: fields.required(1)?,
            validation_end: fields.required(2)?,
            validation_start: fields.required(3)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for MeterErrorReport {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("developer_message_summary", &self.developer_message_summary);
        object.field("reason", &self.reason);
        object.field("validation_end", &self.validation_end);
        object.field("validation_start", &self.validation_start);
        object.extra(&self.extra);
        object.finish();
    }
}

impl Decode for MeterErrorReason {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &METER_ERROR_REASON)?;
        Ok(Self {
            error_count: fields.required(0)?,
            error_types: fields.required(1)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for MeterErrorReason {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("error_count", &self.error_count);
        object.field("error_types", &self.error_types);
        object.extra(&self.extra);
        object.finish();
    }
}

impl Decode for MeterErrorType {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &METER_ERROR_TYPE)?;
        Ok(Self {
            code: fields.required(0)?,
            error_count: fields.required(1)?,
            sample_errors: fields.required(2)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for MeterErrorType {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("code", &self.code);
        object.field("error_count", &self.error_count);
        object.field("sample_errors", &self.sample_errors);
        object.extra(&self.extra);
        object.finish();
    }
}

impl Decode for MeterSampleError {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &METER_SAMPLE_ERROR)?;
        Ok(Self {
            error_message: fields.required(0)?,
            request: fields.required(1)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for MeterSampleError {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("error_message", &self.error_message);
        object.field("request", &self.request);
        object.extra(&self.extra);
        object.finish();
    }
}

impl Decode for MeterSampleErrorRequest {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &METER_SAMPLE_ERROR_REQUEST)?;
        Ok(Self {
            identifier: fields.required(0)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for MeterSampleErrorRequest {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("identifier", &self.identifier);
        object.extra(&self.extra);
        object.finish();
    }
}
