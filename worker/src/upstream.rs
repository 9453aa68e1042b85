//! The Worker's driver of the core's call machines (`stripe_edge::api::call`): it sends
//! each request with `worker::Fetch` (with the machine's timeout), sleeps with
//! `worker::Delay` and hands every answer back. Retries, answer checks, paging and
//! polling are the machine's, exactly as for the npm package's driver.

use std::time::Duration;

use stripe_edge::api::call::{CallError, Items, Machine, Outgoing, Output, RESPONSE_HEADERS, Step};
use worker::Delay;
use worker::js_sys::{self, Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::web_sys::{self, AbortSignal};

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
        let sending = match machine.poll(js_sys::Date::now() as u64) {
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
    let request = &outgoing.request;
    let init = init(
        request.method.as_str(),
        &request.headers,
        request.body.as_deref(),
    );
    let url = outgoing.url.clone();
    let timeout_ms = outgoing.timeout_ms;
    async move { exchange(&url, &init?, timeout_ms, Body::Read).await }
}

/// What `fetch` sends to a URL: `method`, `headers` and a text `body`; a header the
/// runtime refuses says why.
pub fn init(
    method: &str,
    headers: &[(&'static str, String)],
    body: Option<&str>,
) -> Result<web_sys::RequestInit, String> {
    let all = web_sys::Headers::new().map_err(describe)?;
    for (name, value) in headers {
        all.set(name, value).map_err(describe)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_headers(&all);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    Ok(init)
}

/// Whether an answer's body is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Read it whole.
    Read,
    /// Only the status matters: the body is left unread (however large it is).
    Skip,
}

/// Sends `init` to `url` and reads its answer (its body as `body` says), or says why
/// there is none (a failed connection, or no answer within `timeout_ms`, when the
/// request is aborted).
pub async fn exchange(
    url: &str,
    init: &web_sys::RequestInit,
    timeout_ms: u64,
    body: Body,
) -> Result<Answer, String> {
    init.set_signal(Some(&AbortSignal::timeout_with_f64(timeout_ms as f64)));
    let timed_out = |error: JsValue| match Reflect::get(&error, &"name".into()) {
        Ok(name) if name == "TimeoutError" => format!("no answer within {timeout_ms} ms"),
        _ => describe(error),
    };
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let response: web_sys::Response = JsFuture::from(scope.fetch_with_str_and_init(url, init))
        .await
        .map_err(timed_out)?
        .unchecked_into();
    let answered = response.headers();
    let headers = RESPONSE_HEADERS
        .iter()
        .filter_map(|name| Some((*name, answered.get(name).ok()??)))
        .collect();
    let body = match body {
        Body::Read => {
            let buffer = response.array_buffer().map_err(describe)?;
            Uint8Array::new(&JsFuture::from(buffer).await.map_err(timed_out)?).to_vec()
        }
        Body::Skip => Vec::new(),
    };
    Ok(Answer {
        status: response.status(),
        headers,
        body,
    })
}

/// What a JS failure says: its text, or `Name: message` for an error.
fn describe(error: JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|e| e.to_string().into())
        })
        .unwrap_or_else(|| format!("{error:?}"))
}
