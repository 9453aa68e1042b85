//! The Worker's driver of the core's call machines (`stripe_edge::api::call`): it sends
//! each request with `worker::Fetch` (with the machine's timeout), sleeps with
//! `worker::Delay` and hands every answer back. Retries, answer checks, paging and
//! polling are the machine's, exactly as for the npm package's driver.

use std::pin::pin;
use std::time::Duration;

use futures_util::future::{Either, select};
use stripe_edge::api::Method as CoreMethod;
use stripe_edge::api::call::{CallError, Items, Machine, Outgoing, Output, RESPONSE_HEADERS, Step};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::{AbortController, Date, Delay, Fetch, Headers, Method, Request, RequestInit};

/// 32 random bytes from the runtime's secure source, as a machine's entropy.
pub fn entropy() -> worker::Result<[u8; 32]> {
    let scope: web_sys::WorkerGlobalScope = worker::js_sys::global().unchecked_into();
    let mut bytes = [0u8; 32];
    scope
        .crypto()?
        .get_random_values_with_u8_array(&mut bytes)?;
    Ok(bytes)
}

/// What a machine hands out on its way to its value.
pub enum Visit<'a> {
    /// A page's items (a pager).
    Items(Items<'a>),
    /// The object so far (a report run still pending).
    Progress(&'a str),
}

/// Drives `machine` to its value, handing items and progress to `visit` as they come.
pub async fn drive(
    machine: &mut dyn Machine,
    mut visit: impl FnMut(Visit<'_>),
) -> Result<Output, CallError> {
    loop {
        let sending = match machine.poll(Date::now().as_millis()) {
            Step::Send(outgoing) => send(outgoing),
            Step::Sleep(ms) => {
                Delay::from(Duration::from_millis(ms)).await;
                continue;
            }
            Step::Items(items) => {
                visit(Visit::Items(items));
                continue;
            }
            Step::Progress(object) => {
                visit(Visit::Progress(object));
                continue;
            }
            Step::Done(output) => return Ok(output),
            Step::Fail(error) => return Err(error),
        };
        match sending.await {
            Ok(answer) => {
                let headers: Vec<(&str, &str)> = answer
                    .headers
                    .iter()
                    .map(|(name, value)| (*name, value.as_str()))
                    .collect();
                machine.handle_response(answer.status, &headers, answer.body);
            }
            Err(reason) => machine.handle_connection_error(&reason),
        }
    }
}

/// An answer as the machine reads it.
pub struct Answer {
    /// The status code.
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

/// Sends `outgoing` and reads its answer whole, within its timeout; the future owns
/// what it needs, so the machine is free again while it runs.
fn send(outgoing: &Outgoing) -> impl Future<Output = Result<Answer, String>> + use<> {
    let request = build(outgoing);
    let timeout_ms = outgoing.timeout_ms;
    async move {
        exchange(
            request.map_err(|error| error.to_string())?,
            timeout_ms,
            Body::Read,
        )
        .await
    }
}

/// Whether an answer's body is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Read it whole.
    Read,
    /// Only the status matters: the body is left unread (however large it is).
    Skip,
}

/// Sends `request` and reads its answer (its body as `body` says), or says why there is
/// none (a failed connection, or no answer within `timeout_ms`, when the request is
/// aborted).
pub async fn exchange(request: Request, timeout_ms: u64, body: Body) -> Result<Answer, String> {
    let controller = AbortController::default();
    let signal = controller.signal();
    let exchanging = pin!(async {
        let mut response = Fetch::Request(request)
            .send_with_signal(&signal)
            .await
            .map_err(|error| error.to_string())?;
        let headers = RESPONSE_HEADERS
            .iter()
            .filter_map(|name| Some((*name, response.headers().get(name).ok()??)))
            .collect();
        let body = match body {
            Body::Read => response.bytes().await.map_err(|error| error.to_string())?,
            Body::Skip => Vec::new(),
        };
        let status = response.status_code();
        Ok(Answer {
            status,
            headers,
            body,
        })
    });
    let timer = pin!(Delay::from(Duration::from_millis(timeout_ms)));
    match select(exchanging, timer).await {
        Either::Left((answer, _)) => answer,
        Either::Right(_) => {
            controller.abort();
            Err(format!("no answer within {timeout_ms} ms"))
        }
    }
}

/// The `fetch` request for `outgoing`.
fn build(outgoing: &Outgoing) -> worker::Result<Request> {
    let request = &outgoing.request;
    let headers = Headers::new();
    for (name, value) in &request.headers {
        headers.set(name, value)?;
    }
    let mut init = RequestInit::new();
    init.with_method(match request.method {
        CoreMethod::Get => Method::Get,
        CoreMethod::Post => Method::Post,
        CoreMethod::Delete => Method::Delete,
    })
    .with_headers(headers)
    .with_body(request.body.as_deref().map(JsValue::from_str));
    Request::new_with_init(&outgoing.url, &init)
}
