//! One request through the emulator: the origin and host check, CORS, the control
//! endpoints, injected faults, the API key, `Idempotency-Key`, then the endpoint; every
//! answer carries a `Request-Id`.

use std::sync::Mutex;
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};
use stripe_edge::error::{ErrorType, HttpError};

use crate::errors;
use crate::faults::{Fault, Faults};
use crate::http::{Request, Response};
use crate::idempotency::Seen;
use crate::origin;
use crate::params::Params;
use crate::resources::invoices::Action;
use crate::resources::{
    customers, events, files, invoices, report_runs, report_types, sigma, thin_events,
    webhook_endpoints,
};
use crate::store::{self, Store};
use crate::webhooks::API_VERSION;

/// The answer to `request`, or `None` to drop the connection (an injected fault).
pub fn handle(store: &Mutex<Store>, request: Request) -> Option<Response> {
    let mut guard = store::lock(store);
    let request_id = guard.id("req");
    let cors = match origin::check(&guard.config, &request) {
        Ok(cors) => cors,
        // Refused before anything is read or done, and without CORS headers.
        Err(error) => return Some(finish(Response::error(&error), &request_id, &request, None)),
    };
    let cors = cors.as_deref();
    if request.method == "OPTIONS" {
        return Some(finish(
            Response::bytes("text/plain", Vec::new()),
            &request_id,
            &request,
            cors,
        ));
    }
    if let Some(control) = request.path.strip_prefix("/_emulator/") {
        let response = self::control(&mut guard, control, &request);
        return Some(finish(response, &request_id, &request, cors));
    }
    guard.requests += 1;
    let fault = guard.faults.draw();
    let latency = guard.faults.latency_ms;
    let should_retry = guard.faults.should_retry;
    if latency > 0 {
        drop(guard);
        thread::sleep(Duration::from_millis(latency));
        guard = store::lock(store);
    }
    let response = match (authorize(&request), fault) {
        (Err(error), _) => Response::error(&error),
        (Ok(()), Some(Fault::RateLimited)) => {
            retry_header(Response::error(&rate_limited()), should_retry)
        }
        (Ok(()), _) => idempotent(&mut guard, &request),
    };
    let response = match fault {
        Some(Fault::Dropped) => return None,
        Some(Fault::ServerError) => retry_header(
            Response::error(&server_error("An injected fault.")),
            should_retry,
        ),
        _ => response,
    };
    Some(finish(response, &request_id, &request, cors))
}

/// Adds the headers every answer carries, and the CORS headers for `cors`, the
/// allowed origin of a browser's request.
fn finish(response: Response, request_id: &str, request: &Request, cors: Option<&str>) -> Response {
    let version = request
        .header("stripe-version")
        .unwrap_or(API_VERSION)
        .to_string();
    let mut response = response
        .with_header("Request-Id", request_id)
        .with_header("Stripe-Version", &version);
    if let Some(origin) = cors {
        response = response
            .with_header("Access-Control-Allow-Origin", origin)
            .with_header("Vary", "Origin")
            .with_header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
            .with_header(
                "Access-Control-Allow-Headers",
                "Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Context, Stripe-Account",
            )
            .with_header("Access-Control-Expose-Headers", "Request-Id, Stripe-Should-Retry, Retry-After, Idempotent-Replayed");
    }
    if let Some(key) = request.header("idempotency-key") {
        response = response.with_header("Idempotency-Key", key);
    }
    response
}

fn retry_header(response: Response, should_retry: Option<bool>) -> Response {
    match should_retry {
        Some(flag) => {
            response.with_header("Stripe-Should-Retry", if flag { "true" } else { "false" })
        }
        None => response,
    }
}

fn server_error(message: &str) -> HttpError {
    HttpError {
        status: 500,
        type_: ErrorType::ApiError,
        code: "api_error",
        message: message.into(),
        param: None,
    }
}

fn rate_limited() -> HttpError {
    HttpError {
        status: 429,
        type_: ErrorType::InvalidRequestError,
        code: "rate_limit",
        message: "Too many requests hit the API too quickly (an injected fault).".into(),
        param: None,
    }
}

/// A test-mode secret key, as a Bearer token or Basic user name.
fn authorize(request: &Request) -> Result<(), HttpError> {
    let header = request.header("authorization").unwrap_or_default();
    let key = if let Some(token) = header.strip_prefix("Bearer ") {
        token.trim().to_string()
    } else if let Some(encoded) = header.strip_prefix("Basic ") {
        use base64::Engine;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default();
        decoded.split(':').next().unwrap_or_default().to_string()
    } else {
        return Err(errors::unauthorized(
            "You did not provide an API key. Provide it in the Authorization header, using Bearer auth (Authorization: Bearer sk_test_...).".into(),
        ));
    };
    match key.strip_prefix("sk_test_") {
        Some(rest) if !rest.is_empty() => Ok(()),
        _ => {
            let shown: String = key
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            Err(errors::unauthorized(format!(
                "Invalid API Key provided: ****{shown}. The emulator takes test-mode secret keys (sk_test_...)."
            )))
        }
    }
}

/// Runs the endpoint, replaying or refusing a reused `Idempotency-Key` as Stripe does.
fn idempotent(store: &mut Store, request: &Request) -> Response {
    let key = match request.header("idempotency-key") {
        Some(key) if request.method == "POST" => key.to_string(),
        _ => return endpoint(store, request),
    };
    let fingerprint = format!(
        "{} {}?{}\n{}",
        request.method,
        request.path,
        request.query,
        String::from_utf8_lossy(&request.body)
    );
    match store.idempotency.check(&key, &fingerprint) {
        Seen::Replay(response) => response.with_header("Idempotent-Replayed", "true"),
        Seen::Conflict => Response::error(&HttpError {
            status: 400,
            type_: ErrorType::IdempotencyError,
            code: "idempotency_key_in_use",
            message: format!(
                "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."
            ),
            param: None,
        }),
        Seen::New => {
            let response = endpoint(store, request);
            // Like Stripe, keep what the endpoint did, not requests it refused to start.
            if response.status < 400 || response.status >= 500 {
                store.idempotency.keep(&key, fingerprint, response.clone());
            }
            response
        }
    }
}

fn endpoint(store: &mut Store, request: &Request) -> Response {
    let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
    let result = Params::of(request).and_then(|params| {
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["v1", "files", id, "contents"]) => files::contents(store, &params, id),
            (method, path) => {
                route(store, method, path, &params).map(|value| Response::json(200, &value))
            }
        }
    });
    result.unwrap_or_else(|error| Response::error(&error))
}

fn route(
    store: &mut Store,
    method: &str,
    path: &[&str],
    params: &Params,
) -> Result<Value, HttpError> {
    match (method, path) {
        ("POST", ["v1", "customers"]) => customers::create(store, params),
        ("GET", ["v1", "customers"]) => customers::list(store, params),
        ("GET", ["v1", "customers", id]) => customers::retrieve(store, params, id),
        ("POST", ["v1", "customers", id]) => customers::update(store, params, id),
        ("POST", ["v1", "invoiceitems"]) => invoices::create_item(store, params),
        ("POST", ["v1", "invoices"]) => invoices::create(store, params),
        ("GET", ["v1", "invoices"]) => invoices::list(store, params),
        ("GET", ["v1", "invoices", "search"]) => invoices::search(store, params),
        ("GET", ["v1", "invoices", id]) => invoices::retrieve(store, params, id),
        ("POST", ["v1", "invoices", id, action]) => match Action::from_path(action) {
            Some(action) => invoices::act(store, params, id, action),
            None => Err(errors::no_route(method, &format!("/{}", path.join("/")))),
        },
        ("GET", ["v1", "reporting", "report_types"]) => report_types::list(store, params),
        ("GET", ["v1", "reporting", "report_types", id]) => {
            report_types::retrieve(store, params, id)
        }
        ("POST", ["v1", "reporting", "report_runs"]) => report_runs::create(store, params),
        ("GET", ["v1", "reporting", "report_runs"]) => report_runs::list(store, params),
        ("GET", ["v1", "reporting", "report_runs", id]) => report_runs::retrieve(store, params, id),
        ("GET", ["v1", "files"]) => files::list(store, params),
        ("GET", ["v1", "files", id]) => files::retrieve(store, params, id),
        ("GET", ["v1", "sigma", "scheduled_query_runs"]) => sigma::list(store, params),
        ("GET", ["v1", "sigma", "scheduled_query_runs", id]) => sigma::retrieve(store, params, id),
        ("GET", ["v1", "events"]) => events::list(store, params),
        ("GET", ["v1", "events", id]) => events::retrieve(store, params, id),
        ("GET", ["v2", "core", "events"]) => thin_events::list(store, params),
        ("GET", ["v2", "core", "events", id]) => thin_events::retrieve(store, params, id),
        ("POST", ["v1", "webhook_endpoints"]) => webhook_endpoints::create(store, params),
        ("GET", ["v1", "webhook_endpoints"]) => webhook_endpoints::list(store, params),
        ("GET", ["v1", "webhook_endpoints", id]) => webhook_endpoints::retrieve(store, params, id),
        ("POST", ["v1", "webhook_endpoints", id]) => webhook_endpoints::update(store, params, id),
        ("DELETE", ["v1", "webhook_endpoints", id]) => webhook_endpoints::delete(store, params, id),
        _ => Err(errors::no_route(method, &format!("/{}", path.join("/")))),
    }
}

/// `/_emulator/reset`, `/_emulator/faults` (JSON), `/_emulator/webhook_endpoints` (JSON:
/// plants an endpoint with a given secret) and `/_emulator/scheduled_query_runs` (JSON
/// `{"title", "sql", "failed"}`: plants a Sigma run), all POST; `GET /_emulator/stats`
/// counts the API requests served.
fn control(store: &mut Store, path: &str, request: &Request) -> Response {
    match (request.method.as_str(), path) {
        ("POST", "reset") => {
            *store = Store::new(store.config.clone(), store.base_url.clone());
            Response::json(200, &json!({ "reset": true }))
        }
        ("POST", "faults") => {
            let parsed = serde_json::from_slice::<Value>(&request.body)
                .map_err(|error| error.to_string())
                .and_then(|value| Faults::from_json(&value));
            match parsed {
                Ok(faults) => {
                    store.faults = faults;
                    Response::json(200, &json!({ "faults": "set" }))
                }
                Err(message) => Response::error(&errors::invalid(
                    "parameter_invalid",
                    Some("faults"),
                    message,
                )),
            }
        }
        ("GET", "stats") => Response::json(200, &json!({ "requests": store.requests })),
        ("POST", "webhook_endpoints") => {
            let body = serde_json::from_slice::<Value>(&request.body).unwrap_or(Value::Null);
            match webhook_endpoints::plant(store, &body) {
                Ok(endpoint) => Response::json(200, &endpoint),
                Err(error) => Response::error(&error),
            }
        }
        ("POST", "scheduled_query_runs") => {
            let body = serde_json::from_slice::<Value>(&request.body).unwrap_or(Value::Null);
            let text = |key: &str| body[key].as_str().unwrap_or_default().to_string();
            let (title, sql) = (text("title"), text("sql"));
            if title.is_empty() || sql.is_empty() {
                return Response::error(&errors::invalid(
                    "parameter_missing",
                    Some("title"),
                    "Plant a run with a JSON body {\"title\", \"sql\", \"failed\"?}.".into(),
                ));
            }
            let run = sigma::plant(store, &title, &sql, body["failed"] == true);
            Response::json(200, &run)
        }
        _ => Response::error(&errors::no_route(&request.method, &request.path)),
    }
}
