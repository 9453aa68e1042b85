//! Events and their delivery: each change makes a v1 snapshot event (`object: "event"`)
//! and a v2 thin event (`object: "v2.core.event"`); enabled webhook endpoints that
//! subscribe get them, signed with the core's signer in Stripe's `Stripe-Signature`
//! scheme, and failed deliveries are retried with backoff. Each attempt prints one line
//! (event id, type, where it went, the verdict and a refusal's `code`), and a 2xx
//! lowers the v1 event's `pending_webhooks`.

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
    /// The v1 event whose `pending_webhooks` counts this delivery.
    pub counts_for: String,
    /// The id of the event sent (the v1 event, or its thin event).
    pub id: String,
    /// The type of the event sent.
    pub type_: String,
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
        queue(store, endpoint, &id, payload);
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

fn queue(store: &mut Store, endpoint: &Value, counts_for: &str, payload: &Value) {
    let text = |value: &Value| value.as_str().unwrap_or_default().to_string();
    store.outbox.pending.push(Delivery {
        counts_for: counts_for.to_string(),
        id: text(&payload["id"]),
        type_: text(&payload["type"]),
        endpoint: text(&endpoint["id"]),
        url: text(&endpoint["url"]),
        secret: text(&endpoint["secret"]),
        payload: payload.to_string(),
        attempts: 0,
        due_ms: 0,
    });
}

/// The wait before retry `attempt` (1-based): 0.5 s doubling, at most 30 s.
pub fn backoff_ms(attempt: u32) -> i64 {
    (500i64 << attempt.saturating_sub(1).min(6)).min(30_000)
}

/// Sends the deliveries due now, printing one line for each; those that fail are queued
/// again with backoff until [`MAX_ATTEMPTS`].
pub fn deliver_due(store: &Mutex<Store>, agent: &ureq::Agent) {
    let due = crate::store::lock(store).outbox.take_due(now_ms());
    for mut delivery in due {
        delivery.attempts += 1;
        let outcome = send(agent, &delivery);
        let mut store = crate::store::lock(store);
        let retry_in = match outcome {
            Outcome::Accepted(_) => {
                if let Some(event) = store.events.get_mut(&delivery.counts_for) {
                    let pending = event["pending_webhooks"].as_u64().unwrap_or_default();
                    event["pending_webhooks"] = json!(pending.saturating_sub(1));
                }
                None
            }
            _ if delivery.attempts < MAX_ATTEMPTS => Some(backoff_ms(delivery.attempts)),
            _ => None,
        };
        println!("{}", log_line(&delivery, &outcome, retry_in));
        if let Some(wait) = retry_in {
            delivery.due_ms = now_ms() + wait;
            store.outbox.pending.push(delivery);
        }
    }
}

/// How one attempt ended.
#[derive(Debug)]
enum Outcome {
    /// A 2xx, with its status.
    Accepted(u16),
    /// Another status, with the `error.code` of a Stripe-shaped answer when it has one.
    Refused(u16, Option<String>),
    /// No answer: the connection failed or timed out.
    Failed(String),
}

fn send(agent: &ureq::Agent, delivery: &Delivery) -> Outcome {
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
    match sent {
        Err(error) => Outcome::Failed(error.to_string()),
        Ok(response) if response.status().is_success() => {
            Outcome::Accepted(response.status().as_u16())
        }
        Ok(mut response) => {
            let status = response.status().as_u16();
            let code = response
                .body_mut()
                .with_config()
                .limit(64 * 1024)
                .read_to_string()
                .ok()
                .and_then(|text| serde_json::from_str::<Value>(&text).ok())
                .and_then(|body| body["error"]["code"].as_str().map(String::from));
            Outcome::Refused(status, code)
        }
    }
}

/// The line printed for one attempt, such as
/// `webhook evt_1 customer.created to http://127.0.0.1:8787/webhooks/stripe: refused (400 no_valid_signature); attempt 1 of 6, next in 0.5 s`.
fn log_line(delivery: &Delivery, outcome: &Outcome, retry_in_ms: Option<i64>) -> String {
    let verdict = match outcome {
        Outcome::Accepted(status) => format!("accepted ({status})"),
        Outcome::Refused(status, Some(code)) => format!("refused ({status} {code})"),
        Outcome::Refused(status, None) => format!("refused ({status})"),
        Outcome::Failed(reason) => format!("failed ({reason})"),
    };
    let next = match (outcome, retry_in_ms) {
        (Outcome::Accepted(_), _) => String::new(),
        (_, Some(wait)) => format!(
            "; attempt {} of {MAX_ATTEMPTS}, next in {:.1} s",
            delivery.attempts,
            wait as f64 / 1000.0
        ),
        (_, None) => format!("; attempt {0} of {0}, given up", delivery.attempts),
    };
    format!(
        "webhook {} {} to {}: {verdict}{next}",
        delivery.id, delivery.type_, delivery.url
    )
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
