//! The two envelopes Stripe delivers to webhook endpoints: v1 snapshot events and v2
//! thin event notifications.

use alloc::borrow::Cow;
use alloc::string::ToString;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::WebhookError;

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
#[derive(Debug, serde::Deserialize)]
pub struct Event<'a> {
    /// Unique identifier, `evt_...`.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// What happened, such as `invoice.paid`.
    #[serde(rename = "type", borrow)]
    pub type_: Cow<'a, str>,
    /// When the event was created, in unix seconds.
    pub created: i64,
    /// Whether the event happened in live mode.
    pub livemode: bool,
    /// The API version `data.object` is rendered in.
    #[serde(default, borrow)]
    pub api_version: Option<Cow<'a, str>>,
    /// How many webhook deliveries were still pending when this one was sent.
    #[serde(default)]
    pub pending_webhooks: Option<u64>,
    /// The API request that caused the event, if one did.
    #[serde(default, borrow)]
    pub request: Option<EventRequest<'a>>,
    /// The connected account the event happened on, for Connect webhooks.
    #[serde(default, borrow)]
    pub account: Option<Cow<'a, str>>,
    /// The object the event is about.
    #[serde(borrow)]
    pub data: EventData<'a>,
}

/// The object of a v1 event and, for `*.updated` events, what changed.
#[derive(Debug, serde::Deserialize)]
pub struct EventData<'a> {
    /// The object as it was when the event happened, as raw JSON.
    #[serde(borrow)]
    pub object: &'a RawValue,
    /// The previous values of the fields that changed, as raw JSON.
    #[serde(default, borrow)]
    pub previous_attributes: Option<&'a RawValue>,
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
#[derive(Debug, serde::Deserialize)]
pub struct EventNotification<'a> {
    /// Unique identifier, `evt_...`.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// What happened, such as `v1.billing.meter.error_report_triggered`.
    #[serde(rename = "type", borrow)]
    pub type_: Cow<'a, str>,
    /// When the event was created, as an RFC 3339 timestamp.
    #[serde(borrow)]
    pub created: Cow<'a, str>,
    /// Whether the event happened in live mode.
    pub livemode: bool,
    /// The account context to send as `Stripe-Context` when fetching the event.
    #[serde(default, borrow)]
    pub context: Option<Cow<'a, str>>,
    /// Why the event happened, as raw JSON.
    #[serde(default, borrow)]
    pub reason: Option<&'a RawValue>,
    /// The object the event is about, to fetch separately.
    #[serde(default, borrow)]
    pub related_object: Option<RelatedObject<'a>>,
    /// Event-specific data, as raw JSON.
    #[serde(default, borrow)]
    pub data: Option<&'a RawValue>,
}

/// A reference to the object a thin event is about.
#[derive(Debug, serde::Deserialize, PartialEq, Eq)]
pub struct RelatedObject<'a> {
    /// The object's id.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// The object's type, such as `billing.meter`.
    #[serde(rename = "type", borrow)]
    pub type_: Cow<'a, str>,
    /// The API path to retrieve it from.
    #[serde(borrow)]
    pub url: Cow<'a, str>,
}

/// The `object` field of a payload, read without decoding the rest.
#[derive(serde::Deserialize)]
struct ObjectField<'a> {
    #[serde(default, borrow)]
    object: Option<Cow<'a, str>>,
}

/// Decodes a verified payload as the envelope of `expected` kind.
pub(crate) fn decode<'a, T: Deserialize<'a>>(
    payload: &'a [u8],
    expected: EventKind,
) -> Result<T, WebhookError> {
    // serde_json skips unknown fields without checking their UTF-8, so check it all here.
    let payload = core::str::from_utf8(payload).map_err(|error| WebhookError::InvalidJson {
        detail: alloc::format!(
            "it is not UTF-8 (invalid byte at offset {})",
            error.valid_up_to()
        ),
    })?;
    let probe: ObjectField<'a> = serde_json::from_str(payload).map_err(json_error)?;
    let found = match probe.object.as_deref() {
        Some(object) if object == EventKind::Snapshot.object() => EventKind::Snapshot,
        Some(object) if object == EventKind::Notification.object() => EventKind::Notification,
        Some(other) => {
            return Err(WebhookError::InvalidEvent {
                detail: alloc::format!("its object is \"{other}\", not an event"),
            });
        }
        None => {
            return Err(WebhookError::InvalidEvent {
                detail: "it has no \"object\" field".to_string(),
            });
        }
    };
    if found != expected {
        return Err(WebhookError::WrongEventKind { expected, found });
    }
    serde_json::from_str(payload).map_err(json_error)
}

fn json_error(error: serde_json::Error) -> WebhookError {
    let detail = error.to_string();
    match error.classify() {
        serde_json::error::Category::Data => WebhookError::InvalidEvent { detail },
        _ => WebhookError::InvalidJson { detail },
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for EventRequest<'a> {
    /// Reads both the current `{id, idempotency_key}` form and the string id that API
    /// versions before 2017-05-25 sent.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RequestVisitor;

        impl<'de> Visitor<'de> for RequestVisitor {
            type Value = EventRequest<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a request object or a request id")
            }

            fn visit_borrowed_str<E: de::Error>(self, id: &'de str) -> Result<Self::Value, E> {
                Ok(EventRequest {
                    id: Some(Cow::Borrowed(id)),
                    idempotency_key: None,
                })
            }

            fn visit_str<E: de::Error>(self, id: &str) -> Result<Self::Value, E> {
                Ok(EventRequest {
                    id: Some(Cow::Owned(id.to_string())),
                    idempotency_key: None,
                })
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                #[derive(serde::Deserialize)]
                #[serde(field_identifier, rename_all = "snake_case")]
                enum Field {
                    Id,
                    IdempotencyKey,
                    #[serde(other)]
                    Other,
                }
                #[derive(serde::Deserialize)]
                struct Text<'a>(#[serde(borrow)] Option<Cow<'a, str>>);

                let mut request = EventRequest::default();
                while let Some(field) = map.next_key()? {
                    match field {
                        Field::Id => request.id = map.next_value::<Text<'de>>()?.0,
                        Field::IdempotencyKey => {
                            request.idempotency_key = map.next_value::<Text<'de>>()?.0
                        }
                        Field::Other => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(request)
            }
        }

        deserializer.deserialize_any(RequestVisitor)
    }
}
