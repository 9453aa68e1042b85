//! Calls from the Worker to its Durable Objects: a JSON command posted to a path, a JSON
//! answer back; an object's refusal comes back as the Stripe-shaped error it sent.

use serde::Serialize;
use serde::de::DeserializeOwned;
use stripe_edge::error::{ErrorType, HttpError};
use worker::wasm_bindgen::JsValue;
use worker::{Env, Method, Request, RequestInit, Stub};

use crate::respond::internal;

/// The stub of the object named `name` in the namespace bound as `binding`.
pub fn named(env: &Env, binding: &str, name: &str) -> Result<Stub, HttpError> {
    let namespace = env.durable_object(binding).map_err(internal)?;
    namespace
        .id_from_name(name)
        .and_then(|id| id.get_stub())
        .map_err(internal)
}

/// Posts `command` as JSON to `path` on `stub` and reads its JSON answer.
pub async fn call<T: DeserializeOwned>(
    stub: &Stub,
    path: &str,
    command: &impl Serialize,
) -> Result<T, HttpError> {
    let body = serde_json::to_string(command).map_err(|error| unavailable(&error.to_string()))?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_body(Some(JsValue::from_str(&body)));
    let request =
        Request::new_with_init(&format!("https://object{path}"), &init).map_err(internal)?;
    let mut response = stub
        .fetch_with_request(request)
        .await
        .map_err(|error| unavailable(&error.to_string()))?;
    let text = response
        .text()
        .await
        .map_err(|error| unavailable(&error.to_string()))?;
    if response.status_code() != 200 {
        return Err(refusal(response.status_code(), &text));
    }
    serde_json::from_str(&text).map_err(|error| unavailable(&error.to_string()))
}

/// The command in a request to an object.
pub async fn command<T: DeserializeOwned>(mut req: Request) -> Result<T, HttpError> {
    let text = req.text().await.map_err(internal)?;
    serde_json::from_str(&text).map_err(|error| HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code: "invalid_command",
        message: format!("The object cannot read the command: {error}"),
        param: None,
    })
}

/// A 503 for an object or queue that failed: Stripe retries a delivery that gets it.
pub fn unavailable(reason: &str) -> HttpError {
    worker::console_error!("pipeline storage failed: {reason}");
    HttpError {
        status: 503,
        type_: ErrorType::ApiError,
        code: "pipeline_unavailable",
        message: format!("The webhook pipeline could not record the event: {reason}"),
        param: None,
    }
}

/// The error an object answered with, or a 503 that quotes it when it is not one.
fn refusal(status: u16, text: &str) -> HttpError {
    #[derive(serde::Deserialize)]
    struct Refusal {
        error: Detail,
    }
    #[derive(serde::Deserialize)]
    struct Detail {
        message: String,
    }
    match serde_json::from_str::<Refusal>(text) {
        Ok(refusal) if (400..600).contains(&status) => HttpError {
            status: if status < 500 { 500 } else { status },
            type_: ErrorType::ApiError,
            code: "pipeline_unavailable",
            message: refusal.error.message,
            param: None,
        },
        _ => unavailable(&format!("answered {status}: {text:.200}")),
    }
}
