//! What a destination is sent for an event: the event as Stripe sent it, or, for a
//! destination that wants snapshots when Stripe sent a v2 thin notification, the event
//! fetched through the API (`GET /v2/core/events/{id}`, with the notification's
//! `Stripe-Context`) and, when the route asks, its related object
//! (`related_object.url`), added to the event as `related_object_data`. The driver
//! makes the calls with the core's call machines; what to fetch and what to send is here.

use alloc::string::String;

use super::{Destination, Payload};
use crate::json::{self, Kind, RawJson};

/// What to do before delivering an event to a destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Send the event as Stripe sent it.
    AsSent,
    /// Fetch the full event (and its related object) first.
    Fetch(Fetch),
}

/// The calls that expand a thin notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetch {
    /// The event to retrieve.
    pub event_id: String,
    /// The account context to send as `Stripe-Context`.
    pub context: Option<String>,
    /// The related object's API path, when the destination wants it and there is one.
    pub related_object_url: Option<String>,
}

/// Why an expansion cannot be composed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpandError;

impl core::fmt::Display for ExpandError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the API answered something other than a JSON object")
    }
}

impl core::error::Error for ExpandError {}

/// What `destination` needs for `payload` (a verified event as Stripe sent it).
pub fn plan(payload: &str, destination: &Destination) -> Plan {
    let Ok(root) = json::validate(payload) else {
        return Plan::AsSent;
    };
    let text = |value: Option<RawJson<'_>>| value.and_then(RawJson::as_str).map(|t| t.into_owned());
    let thin = text(root.member("object")).as_deref() == Some("v2.core.event");
    match (destination.payload, thin, text(root.member("id"))) {
        (Payload::Snapshot, true, Some(event_id)) => Plan::Fetch(Fetch {
            event_id,
            context: text(root.member("context")),
            related_object_url: destination
                .related_object
                .then(|| {
                    root.member("related_object")
                        .and_then(|related| text(related.member("url")))
                })
                .flatten(),
        }),
        _ => Plan::AsSent,
    }
}

/// The payload to deliver: the fetched `event`, with the fetched `related_object` added
/// as `related_object_data` when there is one.
pub fn compose(event: &str, related_object: Option<&str>) -> Result<String, ExpandError> {
    let root = object(event)?;
    let Some(related) = related_object else {
        return Ok(event.into());
    };
    object(related)?;
    let body = event.trim_end();
    let open = body.strip_suffix('}').ok_or(ExpandError)?;
    let mut out = String::with_capacity(body.len() + related.len() + 32);
    out.push_str(open);
    if root
        .members()
        .is_some_and(|mut members| members.next().is_some())
    {
        out.push(',');
    }
    out.push_str("\"related_object_data\":");
    out.push_str(related.trim());
    out.push('}');
    Ok(out)
}

/// `text` as a JSON object.
fn object(text: &str) -> Result<RawJson<'_>, ExpandError> {
    json::validate(text)
        .ok()
        .filter(|value| value.kind() == Kind::Object)
        .ok_or(ExpandError)
}
