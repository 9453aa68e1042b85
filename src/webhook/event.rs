//! The two envelopes Stripe delivers to webhook endpoints: v1 snapshot events and v2
//! thin event notifications.

use alloc::borrow::Cow;

use super::WebhookError;
use super::envelope::{check_rules, kind_of};
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
        let text = super::payload_text(payload)?;
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
        check_rules(&self.document, EventKind::Snapshot)?;
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
        check_rules(&self.document, EventKind::Notification)?;
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
/// A string field's text; `None` when absent, `null` or not a string.
fn text<'a>(raw: Option<RawJson<'a>>) -> Option<Cow<'a, str>> {
    raw.and_then(RawJson::as_str)
}
