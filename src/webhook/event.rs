//! The two envelopes Stripe delivers to webhook endpoints: v1 snapshot events and v2
//! thin event notifications.

use alloc::borrow::Cow;

use super::WebhookError;
use crate::json::{Document, RawJson};

/// Which of Stripe's two event envelopes a payload is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// A v1 snapshot event, `"object": "event"`, carrying a copy of the object.
    Snapshot,
    /// A v2 thin event notification, `"object": "v2.core.event"`, carrying a reference.
    Notification,
}

impl EventKind {
    /// The value of the `object` field for this kind.
    pub fn object(self) -> &'static str {
        match self {
            Self::Snapshot => "event",
            Self::Notification => "v2.core.event",
        }
    }

    /// The function that handles this kind, in JavaScript and in Rust.
    pub fn function(self) -> &'static str {
        match self {
            Self::Snapshot => "constructEvent (Rust: webhook::construct_event)",
            Self::Notification => {
                "parseEventNotification (Rust: webhook::parse_event_notification)"
            }
        }
    }

    /// A few words naming this kind, for messages.
    pub fn description(self) -> &'static str {
        match self {
            Self::Snapshot => "a v1 snapshot event",
            Self::Notification => "a v2 thin event notification",
        }
    }
}

/// A v1 snapshot event (`"object": "event"`), borrowing from the payload.
///
/// `data.object` stays raw JSON: decode it into the resource type you expect.
///
/// Stripe always sends `type`, `created`, `livemode` and `data`; they are `None` only
/// for payloads made by hand, such as the `{ id: 'evt_test_webhook', object: 'event' }`
/// that stripe-node's own tests (and the test suites copied from them) sign with
/// `generateTestHeaderString`. When present, each must have its type.
#[derive(Debug)]
pub struct Event<'a> {
    /// Unique identifier, `evt_...`.
    pub id: Cow<'a, str>,
    /// What happened, such as `invoice.paid`.
    pub type_: Option<Cow<'a, str>>,
    /// When the event was created, in unix seconds.
    pub created: Option<i64>,
    /// Whether the event happened in live mode.
    pub livemode: Option<bool>,
    /// The API version `data.object` is rendered in.
    pub api_version: Option<Cow<'a, str>>,
    /// How many webhook deliveries were still pending when this one was sent.
    pub pending_webhooks: Option<i64>,
    /// The API request that caused the event, if one did.
    pub request: Option<EventRequest<'a>>,
    /// The connected account the event happened on, for Connect webhooks.
    pub account: Option<Cow<'a, str>>,
    /// The object the event is about.
    pub data: Option<EventData<'a>>,
}

/// The object of a v1 event and, for `*.updated` events, what changed.
#[derive(Debug)]
pub struct EventData<'a> {
    /// The object as it was when the event happened, as raw JSON.
    pub object: RawJson<'a>,
    /// The previous values of the fields that changed, as raw JSON.
    pub previous_attributes: Option<RawJson<'a>>,
}

/// The API request behind an event.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EventRequest<'a> {
    /// The request's id, `req_...`; absent for automatic actions.
    pub id: Option<Cow<'a, str>>,
    /// The idempotency key the request carried.
    pub idempotency_key: Option<Cow<'a, str>>,
}

/// A v2 thin event notification (`"object": "v2.core.event"`), borrowing from the payload.
#[derive(Debug)]
pub struct EventNotification<'a> {
    /// Unique identifier, `evt_...`.
    pub id: Cow<'a, str>,
    /// What happened, such as `v1.billing.meter.error_report_triggered`.
    pub type_: Cow<'a, str>,
    /// When the event was created, as an RFC 3339 timestamp.
    pub created: Cow<'a, str>,
    /// Whether the event happened in live mode.
    pub livemode: bool,
    /// The account context to send as `Stripe-Context` when fetching the event.
    pub context: Option<Cow<'a, str>>,
    /// Why the event happened, as raw JSON.
    pub reason: Option<RawJson<'a>>,
    /// The object the event is about, to fetch separately.
    pub related_object: Option<RelatedObject<'a>>,
    /// Event-specific data, as raw JSON.
    pub data: Option<RawJson<'a>>,
}

/// A reference to the object a thin event is about.
#[derive(Debug, PartialEq, Eq)]
pub struct RelatedObject<'a> {
    /// The object's id.
    pub id: Cow<'a, str>,
    /// The object's type, such as `billing.meter`.
    pub type_: Cow<'a, str>,
    /// The API path to retrieve it from.
    pub url: Cow<'a, str>,
}

/// What a value of an event envelope is, as far as the envelope's rules tell values
/// apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The field is not there.
    Absent,
    /// `null`.
    Null,
    /// A string.
    Text,
    /// A whole number that fits an `i64`.
    Integer,
    /// `true` or `false`.
    Bool,
    /// A JSON object (not an array).
    Object,
    /// Anything else: an array, or a number that is not a whole `i64`.
    Other,
}

/// An event payload read by some JSON parser, as the envelope rules see it: the core's
/// own ([`check_envelope`](super::check_envelope)) or a host's, whose parsed value the
/// caller wraps in this trait ([`check_parsed_envelope`](super::check_parsed_envelope)),
/// so that the payload is parsed once and the rules stay the core's.
pub trait ParsedPayload {
    /// What the value at `path` is: the root for `[]`, a field for `[key]`, a field of
    /// a field for `[key, nested]`.
    fn shape(&self, path: &[&'static str]) -> Shape;

    /// Whether the value at `path` is the string `text`.
    fn is_text(&self, path: &[&'static str], text: &str) -> bool;
}

impl ParsedPayload for Document<'_> {
    fn shape(&self, path: &[&'static str]) -> Shape {
        match value_at(self, path) {
            None => Shape::Absent,
            Some(raw) if raw.is_null() => Shape::Null,
            Some(raw) if raw.is_str() => Shape::Text,
            Some(raw) if raw.as_i64().is_some() => Shape::Integer,
            Some(raw) if raw.as_bool().is_some() => Shape::Bool,
            Some(raw) if raw.get().starts_with('{') => Shape::Object,
            Some(_) => Shape::Other,
        }
    }

    fn is_text(&self, path: &[&'static str], text: &str) -> bool {
        value_at(self, path).is_some_and(|raw| raw.is_str_of(text))
    }
}

/// The value at `path` of a document (see [`ParsedPayload::shape`]).
fn value_at<'a>(doc: &Document<'a>, path: &[&str]) -> Option<RawJson<'a>> {
    match path {
        [] => Some(doc.root()),
        [key] => doc.field(key),
        [key, nested, ..] => doc.nested(key, nested),
    }
}

/// Which kind of event `payload` is (an object whose `object` names one), refused when
/// it is not the `expected` kind (when there is one).
pub(crate) fn kind_of(
    payload: &impl ParsedPayload,
    expected: Option<EventKind>,
) -> Result<EventKind, WebhookError> {
    if payload.shape(&[]) != Shape::Object {
        return Err(invalid("(payload)", "a JSON object"));
    }
    let is = |kind: EventKind| payload.is_text(&["object"], kind.object());
    let found = if is(EventKind::Snapshot) {
        EventKind::Snapshot
    } else if is(EventKind::Notification) {
        EventKind::Notification
    } else {
        return Err(invalid("object", "\"event\" or \"v2.core.event\""));
    };
    match expected {
        Some(expected) if expected != found => {
            Err(WebhookError::WrongEventKind { expected, found })
        }
        _ => Ok(found),
    }
}

/// Checks the envelope rules of `kind`, in the order its fields are reported.
pub(crate) fn check_rules(
    payload: &impl ParsedPayload,
    kind: EventKind,
) -> Result<(), WebhookError> {
    match kind {
        EventKind::Snapshot => check_event(payload),
        EventKind::Notification => check_notification(payload),
    }
}

/// The v1 snapshot envelope's rules.
fn check_event(payload: &impl ParsedPayload) -> Result<(), WebhookError> {
    match payload.shape(&["request"]) {
        Shape::Absent | Shape::Null | Shape::Text => {}
        Shape::Object => {
            for (key, field) in [
                ("id", "request.id"),
                ("idempotency_key", "request.idempotency_key"),
            ] {
                Rule::OptionalText.check(payload.shape(&["request", key]), field)?;
            }
        }
        _ => return Err(invalid("request", "an object or a string")),
    }
    match payload.shape(&["data"]) {
        Shape::Absent => {}
        Shape::Object => {
            if let Shape::Absent | Shape::Null = payload.shape(&["data", "object"]) {
                return Err(invalid("data.object", "a JSON value"));
            }
        }
        _ => return Err(invalid("data", "an object")),
    }
    check_fields(payload, &EVENT_FIELDS)
}

/// The v2 thin event notification envelope's rules.
fn check_notification(payload: &impl ParsedPayload) -> Result<(), WebhookError> {
    match payload.shape(&["related_object"]) {
        Shape::Absent | Shape::Null => {}
        Shape::Object => {
            for (key, field) in [
                ("id", "related_object.id"),
                ("type", "related_object.type"),
                ("url", "related_object.url"),
            ] {
                Rule::Text.check(payload.shape(&["related_object", key]), field)?;
            }
        }
        _ => return Err(invalid("related_object", "an object or null")),
    }
    check_fields(payload, &NOTIFICATION_FIELDS)
}

/// A validated payload whose `object` says it is an event.
pub(crate) struct Envelope<'a> {
    document: Document<'a>,
    kind: EventKind,
}

impl<'a> Envelope<'a> {
    /// Validates the payload as JSON and checks that it is an event of the expected
    /// kind, or of either kind when `expected` is `None`.
    pub(crate) fn read(
        payload: &'a [u8],
        expected: Option<EventKind>,
    ) -> Result<Self, WebhookError> {
        let text = core::str::from_utf8(payload).map_err(|error| WebhookError::InvalidJson {
            offset: error.valid_up_to(),
            expected: "UTF-8 text",
        })?;
        let document = Document::parse(text).map_err(|error| WebhookError::InvalidJson {
            offset: error.offset,
            expected: error.expected,
        })?;
        let kind = kind_of(&document, expected)?;
        Ok(Self { document, kind })
    }

    /// Which kind of event the payload is.
    pub(crate) fn kind(&self) -> EventKind {
        self.kind
    }

    /// Checks the envelope of its kind, as [`event`](Self::event) or
    /// [`notification`](Self::notification) would, without decoding it.
    pub(crate) fn check(&self) -> Result<(), WebhookError> {
        check_rules(&self.document, self.kind)
    }

    /// Reads the v1 snapshot envelope.
    pub(crate) fn event(&self) -> Result<Event<'a>, WebhookError> {
        check_event(&self.document)?;
        // Checked: every read below finds what the rules promise.
        let doc = &self.document;
        let request = match doc.field("request") {
            None => None,
            Some(raw) if raw.is_null() => None,
            Some(raw) if raw.get().starts_with('{') => Some(EventRequest {
                id: text(doc.nested("request", "id")),
                idempotency_key: text(doc.nested("request", "idempotency_key")),
            }),
            // API versions before 2017-05-25 sent the request id as a string.
            Some(raw) => Some(EventRequest {
                id: raw.as_str(),
                idempotency_key: None,
            }),
        };
        let data = doc
            .field("data")
            .and(doc.nested("data", "object"))
            .map(|object| EventData {
                object,
                previous_attributes: doc
                    .nested("data", "previous_attributes")
                    .filter(|raw| !raw.is_null()),
            });
        Ok(Event {
            id: text(doc.field("id")).unwrap_or_default(),
            type_: text(doc.field("type")),
            created: doc.field("created").and_then(RawJson::as_i64),
            livemode: doc.field("livemode").and_then(RawJson::as_bool),
            api_version: text(doc.field("api_version")),
            pending_webhooks: doc.field("pending_webhooks").and_then(RawJson::as_i64),
            request,
            account: text(doc.field("account")),
            data,
        })
    }

    /// Reads the v2 thin event notification envelope.
    pub(crate) fn notification(&self) -> Result<EventNotification<'a>, WebhookError> {
        check_notification(&self.document)?;
        // Checked: every read below finds what the rules promise.
        let doc = &self.document;
        let related_object = doc
            .field("related_object")
            .filter(|raw| !raw.is_null())
            .map(|_| RelatedObject {
                id: text(doc.nested("related_object", "id")).unwrap_or_default(),
                type_: text(doc.nested("related_object", "type")).unwrap_or_default(),
                url: text(doc.nested("related_object", "url")).unwrap_or_default(),
            });
        Ok(EventNotification {
            id: text(doc.field("id")).unwrap_or_default(),
            type_: text(doc.field("type")).unwrap_or_default(),
            created: text(doc.field("created")).unwrap_or_default(),
            livemode: doc
                .field("livemode")
                .and_then(RawJson::as_bool)
                .unwrap_or_default(),
            context: text(doc.field("context")),
            reason: doc.field("reason").filter(|raw| !raw.is_null()),
            related_object,
            data: doc.field("data").filter(|raw| !raw.is_null()),
        })
    }
}

/// The top-level fields of a v1 snapshot event with a rule, in the order checked.
const EVENT_FIELDS: [(&str, Rule); 7] = [
    ("id", Rule::Text),
    ("type", Rule::PresentText),
    ("created", Rule::PresentInteger),
    ("livemode", Rule::PresentBool),
    ("api_version", Rule::OptionalText),
    ("pending_webhooks", Rule::OptionalInteger),
    ("account", Rule::OptionalText),
];

/// The top-level fields of a v2 thin event notification with a rule, in the order
/// checked.
const NOTIFICATION_FIELDS: [(&str, Rule); 5] = [
    ("id", Rule::Text),
    ("type", Rule::Text),
    ("created", Rule::Text),
    ("livemode", Rule::Bool),
    ("context", Rule::OptionalText),
];

/// What an envelope field must be, and whether it may be absent or `null`.
#[derive(Clone, Copy)]
enum Rule {
    /// A string, always there.
    Text,
    /// `true` or `false`, always there.
    Bool,
    /// A string when present (`null` is not one): Stripe always sends it, but
    /// hand-made payloads may leave it out.
    PresentText,
    /// An integer when present.
    PresentInteger,
    /// `true` or `false` when present.
    PresentBool,
    /// A string, `null` or absent.
    OptionalText,
    /// An integer, `null` or absent.
    OptionalInteger,
}

impl Rule {
    /// Checks `shape`, the value of `field`.
    fn check(self, shape: Shape, field: &'static str) -> Result<(), WebhookError> {
        let (required, nullable, expected) = match self {
            Self::Text => (true, false, "a string"),
            Self::Bool => (true, false, "true or false"),
            Self::PresentText => (false, false, "a string"),
            Self::PresentInteger => (false, false, "an integer"),
            Self::PresentBool => (false, false, "true or false"),
            Self::OptionalText => (false, true, "a string or null"),
            Self::OptionalInteger => (false, true, "an integer"),
        };
        let fits = match shape {
            Shape::Absent => !required,
            Shape::Null if nullable => true,
            shape => {
                shape
                    == match self {
                        Self::Text | Self::PresentText | Self::OptionalText => Shape::Text,
                        Self::PresentInteger | Self::OptionalInteger => Shape::Integer,
                        Self::Bool | Self::PresentBool => Shape::Bool,
                    }
            }
        };
        if fits {
            Ok(())
        } else {
            Err(invalid(field, expected))
        }
    }
}

fn check_fields(
    payload: &impl ParsedPayload,
    fields: &[(&'static str, Rule)],
) -> Result<(), WebhookError> {
    fields
        .iter()
        .try_for_each(|&(field, rule)| rule.check(payload.shape(&[field]), field))
}

fn invalid(field: &'static str, expected: &'static str) -> WebhookError {
    WebhookError::InvalidEvent { field, expected }
}

/// A string field's text; `None` when absent, `null` or not a string.
fn text<'a>(raw: Option<RawJson<'a>>) -> Option<Cow<'a, str>> {
    raw.and_then(RawJson::as_str)
}
