//! The v2 core event (`GET /v2/core/events/{id}`) and the thin event notification that
//! webhook endpoints receive for it.

use alloc::string::String;

use crate::RawJson;
use crate::model::{
    Decode, DecodeError, Encode, Extra, FieldShape, Fields, Object, ObjectWriter, Path, RawValue,
    Shape, StructShape,
};

/// A v2 event: a small, unversioned record of a change, naming the object that changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Authentication context needed to fetch the event or related object.
    pub context: Option<String>,
    /// Time at which the object was created, in RFC 3339 (`2024-09-26T17:46:22.134Z`).
    pub created: String,
    /// Additional data about the event; its shape depends on `type`.
    pub data: Option<RawValue>,
    /// Unique identifier for the event.
    pub id: String,
    /// Whether the event happened in live mode.
    pub livemode: bool,
    /// Reason for the event.
    pub reason: Option<EventReason>,
    /// The API resource the event is about.
    pub related_object: Option<RelatedObject>,
    /// The type of the event, such as `v1.billing.meter.error_report_triggered`.
    pub type_: String,
    /// Members this model does not know, kept so that re-encoding loses nothing.
    pub extra: Extra,
}

/// A thin event as delivered to a webhook endpoint: the event without its `data`,
/// which is fetched with the event id.
#[derive(Clone, Debug, PartialEq)]
pub struct EventNotification {
    /// Authentication context needed to fetch the event or related object; absent
    /// (`None`) or `null` (`Some(None)`) when there is none.
    pub context: Option<Option<String>>,
    /// Time at which the event was created, in RFC 3339.
    pub created: String,
    /// Unique identifier for the event.
    pub id: String,
    /// Whether the event happened in live mode.
    pub livemode: bool,
    /// Reason for the event, when Stripe gives one.
    pub reason: Option<Option<EventReason>>,
    /// The API resource the event is about, when there is one.
    pub related_object: Option<Option<RelatedObject>>,
    /// The type of the event.
    pub type_: String,
    /// Members this model does not know (`data`, when present, is kept here).
    pub extra: Extra,
}

/// Why an event happened.
#[derive(Clone, Debug, PartialEq)]
pub struct EventReason {
    /// The kind of reason, such as `request`.
    pub type_: Option<String>,
    /// The API request that caused the event, when one did.
    pub request: Option<EventReasonRequest>,
    /// Members this model does not know.
    pub extra: Extra,
}

/// The API request that caused an event.
#[derive(Clone, Debug, PartialEq)]
pub struct EventReasonRequest {
    /// The request's id.
    pub id: Option<String>,
    /// The idempotency key the request was sent with.
    pub idempotency_key: Option<String>,
    /// Members this model does not know.
    pub extra: Extra,
}

/// A reference to the API resource an event is about.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedObject {
    /// The object's id.
    pub id: String,
    /// The object's type, such as `billing.meter`.
    pub type_: String,
    /// The API path to fetch the object from.
    pub url: String,
    /// Members this model does not know.
    pub extra: Extra,
}

const OBJECT: &str = "v2.core.event";

/// The shape of [`Event`].
pub(crate) static EVENT: StructShape = StructShape {
    tag: Some(OBJECT),
    fields: &[
        FieldShape::required("context", &Shape::Str).or_null(),
        FieldShape::required("created", &Shape::Str),
        FieldShape::required("data", &Shape::Any).or_null(),
        FieldShape::required("id", &Shape::Str),
        FieldShape::required("livemode", &Shape::Bool),
        FieldShape::required("object", &Shape::Str),
        FieldShape::required("reason", &Shape::Struct(&EVENT_REASON)).or_null(),
        FieldShape::required("related_object", &Shape::Struct(&RELATED_OBJECT)).or_null(),
        FieldShape::required("type", &Shape::Str),
    ],
};

/// The shape of [`EventNotification`].
pub(crate) static EVENT_NOTIFICATION: StructShape = StructShape {
    tag: Some(OBJECT),
    fields: &[
        FieldShape::optional("context", &Shape::Str).or_null(),
        FieldShape::required("created", &Shape::Str),
        FieldShape::required("id", &Shape::Str),
        FieldShape::required("livemode", &Shape::Bool),
        FieldShape::required("object", &Shape::Str),
        FieldShape::optional("reason", &Shape::Struct(&EVENT_REASON)).or_null(),
        FieldShape::optional("related_object", &Shape::Struct(&RELATED_OBJECT)).or_null(),
        FieldShape::required("type", &Shape::Str),
    ],
};

static EVENT_REASON: StructShape = StructShape {
    tag: None,
    fields: &[
        FieldShape::optional("request", &Shape::Struct(&EVENT_REASON_REQUEST)),
        FieldShape::optional("type", &Shape::Str),
    ],
};

static EVENT_REASON_REQUEST: StructShape = StructShape {
    tag: None,
    fields: &[
        FieldShape::optional("id", &Shape::Str),
        FieldShape::optional("idempotency_key", &Shape::Str),
    ],
};

static RELATED_OBJECT: StructShape = StructShape {
    tag: None,
    fields: &[
        FieldShape::required("id", &Shape::Str),
        FieldShape::required("type", &Shape::Str),
        FieldShape::required("url", &Shape::Str),
    ],
};

impl Decode for Event {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &EVENT)?;
        Ok(Self {
            context: fields.required(0)?,
            created: fields.required(1)?,
            data: fields.required(2)?,
            id: fields.required(3)?,
            livemode: fields.required(4)?,
            reason: fields.required(6)?,
            related_object: fields.required(7)?,
            type_: fields.required(8)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for Event {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("context", &self.context);
        object.field("created", &self.created);
        object.field("data", &self.data);
        object.field("id", &self.id);
        object.field("livemode", &self.livemode);
        object.tag("object", OBJECT);
        object.field("reason", &self.reason);
        object.field("related_object", &self.related_object);
        object.field("type", &self.type_);
        object.extra(&self.extra);
        object.finish();
    }
}

impl Object for Event {
    const OBJECT: &'static str = OBJECT;
}

impl Decode for EventNotification {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &EVENT_NOTIFICATION)?;
        Ok(Self {
            context: fields.optional(0)?,
            created: fields.required(1)?,
            id: fields.required(2)?,
            livemode: fields.required(3)?,
            reason: fields.optional(5)?,
            related_object: fields.optional(6)?,
            type_: fields.required(7)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for EventNotification {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.optional("context", &self.context);
        object.field("created", &self.created);
        object.field("id", &self.id);
        object.field("livemode", &self.livemode);
        object.tag("object", OBJECT);
        object.optional("reason", &self.reason);
        object.optional("related_object", &self.related_object);
        object.field("type", &self.type_);
        object.extra(&self.extra);
        object.finish();
    }
}

impl Decode for EventReason {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &EVENT_REASON)?;
        Ok(Self {
            request: fields.optional(0)?,
            type_: fields.optional(1)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for EventReason {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.optional("request", &self.request);
        object.optional("type", &self.type_);
        object.extra(&self.extra);
        object.finish();
    }
}

impl Decode for EventReasonRequest {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &EVENT_REASON_REQUEST)?;
        Ok(Self {
            id: fields.optional(0)?,
            idempotency_key: fields.optional(1)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for EventReasonRequest {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.optional("id", &self.id);
        object.optional("idempotency_key", &self.idempotency_key);
        object.extra(&self.extra);
        object.finish();
    }
}

impl Decode for RelatedObject {
    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &RELATED_OBJECT)?;
        Ok(Self {
            id: fields.required(0)?,
            type_: fields.required(1)?,
            url: fields.required(2)?,
            extra: fields.extra(),
        })
    }
}

impl Encode for RelatedObject {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("id", &self.id);
        object.field("type", &self.type_);
        object.field("url", &self.url);
        object.extra(&self.extra);
        object.finish();
    }
}
