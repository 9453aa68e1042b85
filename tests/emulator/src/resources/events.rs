//! `/v1/events`: the snapshot events, listed as Stripe documents it (the last 30 days,
//! newest first; `type` with `*` wildcards or `types[]`, `created`, `delivery_success`,
//! paging) and retrieved by id. An event's `pending_webhooks` counts the deliveries not
//! yet answered with a 2xx: `delivery_success=false` lists the events that still have
//! some (pending, or given up after every attempt).

use serde_json::Value;
use stripe_edge::error::HttpError;

use crate::errors;
use crate::list;
use crate::params::Params;
use crate::store::Store;

/// How far back events are listed and retrieved, as on Stripe.
const KEPT_SECONDS: i64 = 30 * 86_400;

/// The most `types[]` Stripe takes in one list.
const MAX_TYPES: usize = 20;

/// `GET /v1/events/:id`
pub fn retrieve(store: &Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    let expand = params.expand()?;
    params.finish()?;
    let oldest = store.now() - KEPT_SECONDS;
    let event = store
        .events
        .get(id)
        .filter(|event| created(event) >= oldest)
        .cloned()
        .ok_or_else(|| errors::missing("event", id, "id"))?;
    list::expanded(store, event, &expand, "")
}

/// `GET /v1/events`
pub fn list(store: &Store, params: &Params) -> Result<Value, HttpError> {
    let in_range = list::created_filter(params)?;
    let wanted = TypeFilter::of(params)?;
    let delivered = params.boolean("delivery_success")?;
    let oldest = store.now() - KEPT_SECONDS;
    let items = store.events.newest_first().filter(|event| {
        created(event) >= oldest
            && in_range(event)
            && wanted.matches(event["type"].as_str().unwrap_or_default())
            && delivered.is_none_or(|delivered| delivered == all_delivered(event))
    });
    let page = list::page(params, "/v1/events", items, store)?;
    params.finish()?;
    Ok(page)
}

fn created(event: &Value) -> i64 {
    event["created"].as_i64().unwrap_or_default()
}

/// Whether every delivery of `event` was answered with a 2xx (true when it had none).
fn all_delivered(event: &Value) -> bool {
    event["pending_webhooks"].as_u64().unwrap_or_default() == 0
}

/// `type` (one name, `*` matching any run of characters) or `types[]` (exact names).
enum TypeFilter {
    Any,
    Pattern(String),
    Names(Vec<String>),
}

impl TypeFilter {
    fn of(params: &Params) -> Result<Self, HttpError> {
        let pattern = params.text("type")?;
        let names = params.texts("types")?;
        match (pattern, names.is_empty()) {
            (Some(_), false) => Err(errors::invalid(
                "parameter_invalid",
                Some("types"),
                "You may pass either type or types, but not both.".into(),
            )),
            (Some(pattern), true) => Ok(Self::Pattern(pattern)),
            (None, false) if names.len() > MAX_TYPES => Err(errors::invalid(
                "parameter_invalid",
                Some("types"),
                format!("types takes at most {MAX_TYPES} event types."),
            )),
            (None, false) => Ok(Self::Names(names)),
            (None, true) => Ok(Self::Any),
        }
    }

    fn matches(&self, type_: &str) -> bool {
        match self {
            Self::Any => true,
            Self::Pattern(pattern) => wildcard_match(pattern, type_),
            Self::Names(names) => names.iter().any(|name| name == type_),
        }
    }
}

/// Whether `text` matches `pattern`, where each `*` stands for any run of characters.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let mut parts: Vec<&str> = parts.collect();
    let Some(last) = parts.pop() else {
        // No `*`: the whole name must match.
        return rest.is_empty();
    };
    for part in parts {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    #[test]
    fn wildcards_match_any_run_of_characters() {
        for (pattern, text, expected) in [
            ("invoice.paid", "invoice.paid", true),
            ("invoice.paid", "invoice.paid.x", false),
            ("invoice.*", "invoice.paid", true),
            ("invoice.*", "invoiceitem.created", false),
            ("*.created", "customer.created", true),
            ("*.created", "customer.updated", false),
            ("*", "anything", true),
            ("customer.*.updated", "customer.subscription.updated", true),
            ("customer.*.updated", "customer.updated", false),
            ("a*a", "a", false),
            ("a*a", "aa", true),
        ] {
            assert_eq!(
                wildcard_match(pattern, text),
                expected,
                "{pattern} ~ {text}"
            );
        }
    }
}
