//! Events and their delivery: each change makes a v1 snapshot event (`object: "event"`)
//! and a v2 thin event (`object: "v2.core.event"`); enabled webhook endpoints that
//! subscribe get them, signed with the core's signer in Stripe's `Stripe-Signature`
//! scheme, and failed deliveries are retried with backoff.

use std::sync::Mutex;
use std::time::Duration;

use serde_json::{Value, json};

use crate::store::{Store, now_ms};

/// The API version stamped on events and sent as `Stripe-Version`.
pub const API_VERSION: &str = "2025-03-31.basil";

/// How many times a delivery is tried before it is given up.
pub const MAX_ATTEMPTS: u32 = 6;

/// Webhook deliveries waiting to be sent.
#[derive(Default)]
pub struct Outbox {
    pending: Vec<Delivery>,
}

/// One event on its way to one endpoint.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// The endpoint's id.
    pub endpoint: String,
    /// Where it goes.
    pub url: String,
    /// The endpoint's signing secret.
    pub secret: String,
    /// The event's JSON.
    pub payload: String,
    /// Tries so far.
    pub attempts: u32,
    /// When to try next, in unix milliseconds.
    pub due_ms: i64,
}

impl Outbox {
    /// The deliveries due at `now_ms`, taken out.
    fn take_due(&mut self, now_ms: i64) -> Vec<Delivery> {
        let (due, later) = self.pending.drain(..).partition(|d| d.due_ms <= now_ms);
        self.pending = later;
        due
    }
}

/// Records a v1 event of `type_` about `object` (and its v2 thin event) and queues
/// them for the endpoints that want them.
pub fn emit(store: &mut Store, type_: &str, object: &Value) {
    let now = store.now();
    let id = store.id("evt");
    let event = json!({
        "id": id,
        "object": "event",
        "api_version": API_VERSION,
        "created": now,
        "data": { "object": object },
        "livemode": false,
        "pending_webhooks": 0,
        "request": { "id": null, "idempotency_key": null },
        "type": type_,
    });
    let thin = thin_event(store, type_, object);
    let mut queued = 0;
    let endpoints: Vec<Value> = store.webhook_endpoints.newest_first().cloned().collect();
    for endpoint in endpoints.iter().filter(|e| wants(e, type_)) {
        let payload = if endpoint["event_payload"] == "thin" {
            &thin
        } else {
            &event
        };
        queue(store, endpoint, payload.to_string());
        queued += 1;
    }
    let mut event = event;
    event["pending_webhooks"] = json!(queued);
    store.events.insert(event);
    store.v2_events.insert(thin);
}

fn thin_event(store: &mut Store, type_: &str, object: &Value) -> Value {
    let id = store.id("evt");
    let object_id = object["id"].as_str().unwrap_or_default();
    let kind = object["object"].as_str().unwrap_or_default();
    let path = match kind {
        "reporting.report_run" => "reporting/report_runs",
        "invoice" => "invoices",
        "customer" => "customers",
        "webhook_endpoint" => "webhook_endpoints",
        _ => kind,
    };
    json!({
        "id": id,
        "object": "v2.core.event",
        "type": format!("v1.{type_}"),
        "created": rfc3339(now_ms()),
        "livemode": false,
        "context": null,
        "data": null,
        "reason": null,
        "related_object": { "id": object_id, "type": kind, "url": format!("/v1/{path}/{object_id}") },
    })
}

fn wants(endpoint: &Value, type_: &str) -> bool {
    endpoint["status"] == "enabled"
        && endpoint["enabled_events"]
            .as_array()
            .is_some_and(|events| events.iter().any(|e| e == "*" || e == type_))
}

fn queue(store: &mut Store, endpoint: &Value, payload: String) {
    let text = |key: &str| endpoint[key].as_str().unwrap_or_default().to_string();
    store.outbox.pending.push(Delivery {
        endpoint: text("id"),
        url: text("url"),
        secret: text("secret"),
        payload,
        attempts: 0,
        due_ms: 0,
    });
}

/// The wait before retry `attempt` (1-based): 0.5 s doubling, at most 30 s.
pub fn backoff_ms(attempt: u32) -> i64 {
    (500i64 << attempt.saturating_sub(1).min(6)).min(30_000)
}

/// Sends the deliveries due now; those that fail are queued again with backoff until
/// [`MAX_ATTEMPTS`].
pub fn deliver_due(store: &Mutex<Store>, agent: &ureq::Agent) {
    let due = crate::store::lock(store).outbox.take_due(now_ms());
    for mut delivery in due {
        delivery.attempts += 1;
        let header = stripe_edge::webhook::generate_test_header(
            delivery.payload.as_bytes(),
            &[&delivery.secret],
            now_ms() / 1000,
        );
        let sent = agent
            .post(&delivery.url)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Stripe-Signature", &header)
            .header(
                "User-Agent",
                "Stripe/1.0 (+https://stripe.com/docs/webhooks) stripe-emulator",
            )
            .send(delivery.payload.as_str());
        let ok = sent.is_ok_and(|response| response.status().is_success());
        if !ok && delivery.attempts < MAX_ATTEMPTS {
            delivery.due_ms = now_ms() + backoff_ms(delivery.attempts);
            crate::store::lock(store).outbox.pending.push(delivery);
        }
    }
}

/// An HTTP client for deliveries: 10 s per request, any status is an answer.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// `ms` (unix milliseconds) as `2024-01-02T03:04:05.678Z`.
pub fn rfc3339(ms: i64) -> String {
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (year, month, day) = civil_from_days(days);
    let seconds = ms_of_day / 1000;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60,
        ms_of_day % 1000
    )
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
