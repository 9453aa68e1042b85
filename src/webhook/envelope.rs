//! The event envelopes' rules (which fields each kind must have, of which type), read
//! through [`ParsedPayload`]: from the core's own JSON reader or from a host's parser, so
//! that the rules are written once whichever parser read the payload.

use super::WebhookError;
use super::event::EventKind;
use crate::json::{Document, RawJson};

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
    /// A whole number that fits an `i64`. The core's reader takes integer literals
    /// only; a host's parser may not tell `1.0` from `1` (`JSON.parse` does not), so
    /// through it such a number is one too.
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
