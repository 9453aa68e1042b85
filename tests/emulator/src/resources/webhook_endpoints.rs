//! `/v1/webhook_endpoints`: create (the only answer that shows the `whsec_` secret),
//! retrieve, update, list, delete. `event_payload: "thin"` (the name Stripe's v2 event
//! destinations use) makes an endpoint receive v2 thin events instead of snapshots.

use serde_json::{Value, json};
use stripe_edge::error::HttpError;

use crate::errors;
use crate::list;
use crate::params::{Params, apply_metadata};
use crate::store::Store;

/// `POST /_emulator/webhook_endpoints` (JSON `{"url", "secret", "enabled_events"?,
/// "event_payload"?}`): an endpoint with a secret of the caller's choosing, so that a
/// receiver started with its own secret (the run command's Worker) gets deliveries.
pub fn plant(store: &mut Store, body: &Value) -> Result<Value, HttpError> {
    let text = |key: &str| body[key].as_str().map(String::from);
    let url = checked_url(text("url").ok_or_else(|| errors::required("url"))?)?;
    let secret = text("secret")
        .filter(|s| s.starts_with("whsec_"))
        .ok_or_else(|| {
            errors::invalid(
                "parameter_invalid",
                Some("secret"),
                "secret must start with whsec_".into(),
            )
        })?;
    let events = match body["enabled_events"].as_array() {
        None => vec!["*".to_string()],
        Some(events) => checked_events(
            events
                .iter()
                .map(|event| event.as_str().unwrap_or_default().to_string())
                .collect(),
        )?,
    };
    let endpoint = NewEndpoint {
        url,
        events,
        payload: text("event_payload"),
        secret,
        description: Some("planted through /_emulator/webhook_endpoints".into()),
        api_version: None,
        metadata: None,
    };
    Ok(without_secret(&insert(store, endpoint)))
}

/// `POST /v1/webhook_endpoints`
pub fn create(store: &mut Store, params: &Params) -> Result<Value, HttpError> {
    let url = checked_url(params.required_text("url")?)?;
    let events = enabled_events(params)?.ok_or_else(|| errors::required("enabled_events"))?;
    let description = params.text("description")?;
    let api_version = params.text("api_version")?;
    let payload = params.choice("event_payload", &["snapshot", "thin"])?;
    params.boolean("connect")?;
    let metadata = params.metadata()?;
    params.finish()?;
    let secret = format!("whsec_{}{}", &store.id("s")[2..], &store.id("s")[2..]);
    let endpoint = NewEndpoint {
        url,
        events,
        payload,
        secret,
        description,
        api_version,
        metadata,
    };
    Ok(insert(store, endpoint))
}

/// What a new endpoint is made of.
struct NewEndpoint {
    url: String,
    events: Vec<String>,
    payload: Option<String>,
    secret: String,
    description: Option<String>,
    api_version: Option<String>,
    metadata: Option<Vec<(String, String)>>,
}

fn insert(store: &mut Store, new: NewEndpoint) -> Value {
    let id = store.id("we");
    let mut endpoint = json!({
        "id": id,
        "object": "webhook_endpoint",
        "api_version": new.api_version,
        "application": null,
        "created": store.now(),
        "description": new.description,
        "enabled_events": new.events,
        "event_payload": new.payload.unwrap_or_else(|| "snapshot".into()),
        "livemode": false,
        "metadata": {},
        "secret": new.secret,
        "status": "enabled",
        "url": new.url,
    });
    apply_metadata(&mut endpoint, new.metadata);
    store.webhook_endpoints.insert(endpoint)
}

/// `GET /v1/webhook_endpoints/:id`
pub fn retrieve(store: &Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    params.expand()?;
    params.finish()?;
    find(store, id).map(without_secret)
}

/// `POST /v1/webhook_endpoints/:id`
pub fn update(store: &mut Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    let url = params.text("url")?.map(checked_url).transpose()?;
    let events = enabled_events(params)?;
    let description = params.text("description")?;
    let disabled = params.boolean("disabled")?;
    let metadata = params.metadata()?;
    params.finish()?;
    find(store, id)?;
    let endpoint = store
        .webhook_endpoints
        .get_mut(id)
        .ok_or_else(|| errors::missing("webhook_endpoint", id, "id"))?;
    if let Some(url) = url {
        endpoint["url"] = json!(url);
    }
    if let Some(events) = events {
        endpoint["enabled_events"] = json!(events);
    }
    if let Some(description) = description {
        endpoint["description"] = json!(description);
    }
    if let Some(disabled) = disabled {
        endpoint["status"] = json!(if disabled { "disabled" } else { "enabled" });
    }
    apply_metadata(endpoint, metadata);
    Ok(without_secret(endpoint))
}

/// `GET /v1/webhook_endpoints`
pub fn list(store: &Store, params: &Params) -> Result<Value, HttpError> {
    let endpoints: Vec<Value> = store
        .webhook_endpoints
        .newest_first()
        .map(without_secret)
        .collect();
    let page = list::page(params, "/v1/webhook_endpoints", endpoints.iter(), store)?;
    params.finish()?;
    Ok(page)
}

/// `DELETE /v1/webhook_endpoints/:id`
pub fn delete(store: &mut Store, params: &Params, id: &str) -> Result<Value, HttpError> {
    params.finish()?;
    store
        .webhook_endpoints
        .remove(id)
        .ok_or_else(|| errors::missing("webhook_endpoint", id, "id"))?;
    Ok(json!({ "id": id, "object": "webhook_endpoint", "deleted": true }))
}

fn find<'a>(store: &'a Store, id: &str) -> Result<&'a Value, HttpError> {
    store
        .webhook_endpoints
        .get(id)
        .ok_or_else(|| errors::missing("webhook_endpoint", id, "id"))
}

fn without_secret(endpoint: &Value) -> Value {
    let mut endpoint = endpoint.clone();
    if let Some(object) = endpoint.as_object_mut() {
        object.remove("secret");
    }
    endpoint
}

fn checked_url(url: String) -> Result<String, HttpError> {
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if scheme_ok && url.len() > "https://".len() && !url.contains(char::is_whitespace) {
        Ok(url)
    } else {
        Err(errors::invalid(
            "url_invalid",
            Some("url"),
            format!("Invalid URL: {url}"),
        ))
    }
}

/// `enabled_events[]`: `*` or event types such as `invoice.paid`.
fn enabled_events(params: &Params) -> Result<Option<Vec<String>>, HttpError> {
    let events = params.texts("enabled_events")?;
    if events.is_empty() {
        return Ok(None);
    }
    checked_events(events).map(Some)
}

fn checked_events(events: Vec<String>) -> Result<Vec<String>, HttpError> {
    let shaped = |event: &str| {
        event == "*"
            || event.contains('.')
                && event
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
    };
    match events.iter().find(|event| !shaped(event)) {
        Some(bad) => Err(errors::invalid(
            "parameter_invalid",
            Some("enabled_events"),
            format!("Invalid event type: {bad}"),
        )),
        None => Ok(events),
    }
}
