//! The destinations verified events are delivered to, read from JSON (the Worker's
//! build turns `worker/routes.toml` into it) and checked: each destination has a name,
//! a URL, the event types it wants (with `*` wildcards), whether it wants the full
//! event (`snapshot`) or a thin notification as it came (`thin`), and the name of the
//! Worker secret that holds its signing secret (never the secret itself).
//!
//! ```json
//! { "destinations": [ { "name": "billing", "url": "https://billing.example/hooks",
//!     "events": ["invoice.*", "v1.billing.meter.*"], "payload": "snapshot",
//!     "secret": "DESTINATION_BILLING_SECRET", "related_object": true } ] }
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::json::{self, Kind, RawJson};

/// The checked destinations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Routes {
    destinations: Vec<Destination>,
}

/// One destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Destination {
    /// Its name: lower-case letters, digits, `-` and `_`.
    pub name: String,
    /// Where deliveries are posted (`http://` or `https://`).
    pub url: String,
    /// The event types it wants; `*` matches any run of characters.
    pub events: Vec<String>,
    /// What it is sent.
    pub payload: Payload,
    /// The name of the Worker secret that holds its signing secret (`whsec_...`).
    pub secret: String,
    /// For a thin event expanded to a snapshot: also fetch the related object.
    pub related_object: bool,
}

/// What a destination is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// The full event: a v1 event as Stripe sent it, or a v2 thin notification's event
    /// fetched through the API.
    Snapshot,
    /// The event as Stripe sent it.
    Thin,
}

/// Routes that cannot be used, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutesError {
    /// Where: `destinations[0].url`.
    pub path: String,
    /// What is wrong there.
    pub reason: String,
}

impl fmt::Display for RoutesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "routes: {}: {}", self.path, self.reason)
    }
}

impl core::error::Error for RoutesError {}

impl Routes {
    /// Reads and checks routes from their JSON text.
    pub fn parse(text: &str) -> Result<Self, RoutesError> {
        let root =
            json::validate(text).map_err(|error| fail("", alloc::format!("not JSON: {error}")))?;
        known(root, "", &["destinations"])?;
        let destinations = match root.member("destinations") {
            None => Vec::new(),
            Some(list) => list
                .elements()
                .ok_or_else(|| fail("destinations", "should be a list of tables".into()))?
                .enumerate()
                .map(|(index, value)| {
                    Destination::parse(&alloc::format!("destinations[{index}]"), value)
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        for (index, destination) in destinations.iter().enumerate() {
            if destinations[..index]
                .iter()
                .any(|other| other.name == destination.name)
            {
                return Err(fail(
                    &alloc::format!("destinations[{index}].name"),
                    alloc::format!("{:?} is named twice", destination.name),
                ));
            }
        }
        Ok(Self { destinations })
    }

    /// Every destination.
    pub fn destinations(&self) -> &[Destination] {
        &self.destinations
    }

    /// The destination named `name`.
    pub fn named(&self, name: &str) -> Option<&Destination> {
        self.destinations
            .iter()
            .find(|destination| destination.name == name)
    }

    /// The destinations that want events of `type_`.
    pub fn wanting<'a>(&'a self, type_: &'a str) -> impl Iterator<Item = &'a Destination> + 'a {
        self.destinations
            .iter()
            .filter(move |destination| destination.wants(type_))
    }
}

impl Destination {
    fn parse(at: &str, value: RawJson<'_>) -> Result<Self, RoutesError> {
        known(
            value,
            at,
            &[
                "name",
                "url",
                "events",
                "payload",
                "secret",
                "related_object",
            ],
        )?;
        let text = |name: &str| {
            value
                .member(name)
                .and_then(RawJson::as_str)
                .map(|text| text.into_owned())
                .ok_or_else(|| {
                    fail(
                        &alloc::format!("{at}.{name}"),
                        "is required, as a string".into(),
                    )
                })
        };
        let name = text("name")?;
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_'))
        {
            return Err(fail(
                &alloc::format!("{at}.name"),
                "is lower-case letters, digits, '-' and '_'".into(),
            ));
        }
        let url = text("url")?;
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.contains(char::is_whitespace)
        {
            return Err(fail(
                &alloc::format!("{at}.url"),
                "is an http:// or https:// URL".into(),
            ));
        }
        let events: Vec<String> = value
            .member("events")
            .and_then(RawJson::elements)
            .ok_or_else(|| {
                fail(
                    &alloc::format!("{at}.events"),
                    "is required, as a list of event types".into(),
                )
            })?
            .map(|event| event.as_str().map(|text| text.into_owned()))
            .collect::<Option<_>>()
            .filter(|events: &Vec<String>| {
                !events.is_empty() && events.iter().all(|event| !event.is_empty())
            })
            .ok_or_else(|| {
                fail(
                    &alloc::format!("{at}.events"),
                    "is a list of event types (`*` matches any part)".into(),
                )
            })?;
        let payload = match value.member("payload").and_then(RawJson::as_str).as_deref() {
            None | Some("snapshot") => Payload::Snapshot,
            Some("thin") => Payload::Thin,
            Some(other) => {
                return Err(fail(
                    &alloc::format!("{at}.payload"),
                    alloc::format!("{other:?} is neither \"snapshot\" nor \"thin\""),
                ));
            }
        };
        let secret = text("secret")?;
        if secret.is_empty()
            || !secret
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(fail(
                &alloc::format!("{at}.secret"),
                "names the Worker secret that holds the signing secret (upper case, digits, '_'), not the secret".into(),
            ));
        }
        let related_object = match value.member("related_object") {
            None => false,
            Some(flag) => flag.as_bool().ok_or_else(|| {
                fail(
                    &alloc::format!("{at}.related_object"),
                    "is true or false".into(),
                )
            })?,
        };
        Ok(Self {
            name,
            url,
            events,
            payload,
            secret,
            related_object,
        })
    }

    /// Whether it wants events of `type_`.
    pub fn wants(&self, type_: &str) -> bool {
        self.events
            .iter()
            .any(|pattern| glob(pattern.as_bytes(), type_.as_bytes()))
    }
}

/// Whether `text` matches `pattern`, where `*` matches any run of bytes (linear time:
/// the last star is the only backtracking point).
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((star_p, star_t)) = star {
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&b| b == b'*')
}

fn fail(path: &str, reason: String) -> RoutesError {
    RoutesError {
        path: path.to_string(),
        reason,
    }
}

fn known(value: RawJson<'_>, at: &str, names: &[&str]) -> Result<(), RoutesError> {
    if value.kind() != Kind::Object {
        return Err(fail(at, "should be a table (object)".into()));
    }
    match value
        .members()
        .into_iter()
        .flatten()
        .find(|(key, _)| !names.contains(&key.as_ref()))
    {
        Some((key, _)) => Err(fail(
            at,
            alloc::format!("unknown setting `{key}` (known: {})", names.join(", ")),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn stars_match_any_run() {
        for (pattern, text, matches) in [
            ("*", "invoice.paid", true),
            ("invoice.*", "invoice.paid", true),
            ("invoice.*", "invoiceitem.created", false),
            ("*.paid", "invoice.paid", true),
            (
                "v1.billing.*.error_*",
                "v1.billing.meter.error_report_triggered",
                true,
            ),
            ("invoice.paid", "invoice.paid", true),
            ("invoice.paid", "invoice.paid.x", false),
            ("a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
        ] {
            assert_eq!(
                glob(pattern.as_bytes(), text.as_bytes()),
                matches,
                "{pattern} ~ {text}"
            );
        }
    }
}
