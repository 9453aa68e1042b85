//! `/v2/core/events`: the thin events, listed by the object they concern (`object_id`,
//! `limit`, `page`, `next_page_url`) and retrieved by id.

use serde_json::{Value, json};
use stripe_edge::error::HttpError;

use crate::errors;
use crate::params::Params;
use crate::store::Store;

/// `GET /v2/core/events/:id`
pub fn retrieve(store: &Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    params.finish()?;
    store
        .v2_events
        .get(id)
        .cloned()
        .ok_or_else(|| errors::missing("event", id, "id"))
}

/// `GET /v2/core/events?object_id=...`: newest first; `page` is the cursor from
/// `next_page_url`.
pub fn list(store: &Store, params: &Params) -> Result<Value, HttpError> {
    let object_id = params.required_text("object_id")?;
    let limit = match params.integer("limit")? {
        None => 20,
        Some(limit @ 1..=100) => limit as usize,
        Some(_) => return Err(errors::bad_value("limit", "integer from 1 to 100")),
    };
    let offset = match params.text("page")? {
        None => 0,
        Some(page) => page
            .parse::<usize>()
            .map_err(|_| errors::bad_value("page", "page token"))?,
    };
    params.finish()?;
    let events: Vec<&Value> = store
        .v2_events
        .newest_first()
        .filter(|event| event["related_object"]["id"] == object_id.as_str())
        .collect();
    let data: Vec<Value> = events
        .iter()
        .skip(offset)
        .take(limit)
        .map(|event| (*event).clone())
        .collect();
    let next = offset + data.len();
    let url = |at: usize| format!("/v2/core/events?object_id={object_id}&limit={limit}&page={at}");
    Ok(json!({
        "data": data,
        "next_page_url": if next < events.len() { json!(url(next)) } else { Value::Null },
        "previous_page_url": if offset > 0 { json!(url(offset.saturating_sub(limit))) } else { Value::Null },
    }))
}
