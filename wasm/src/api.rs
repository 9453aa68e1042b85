//! The API client's machines for JavaScript. `Client` holds a client's settings;
//! each call makes a `Machine` that the JS driver (`js/client.js`) polls: the step's
//! kind is a number, its data comes from one getter (JSON text where structured, which
//! keeps the boundary small and cheap). Every decision is the core's.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use stripe_edge::api::call::{
    Call, CallError, FileKind, Machine as CoreMachine, Outgoing, Output, Pager, RESPONSE_HEADERS,
    ReportRun, ResultRows, Settings, Step, Wait,
};
use stripe_edge::api::pagination::check_limit;
use stripe_edge::api::{self, Answer, Endpoint, Method, RequestError};
use stripe_edge::form::FormValue;
use stripe_edge::resources::{Encode, ObjectWriter};
use wasm_bindgen::prelude::*;

use crate::errors;

#[wasm_bindgen]
extern "C" {
    /// A `fetch` response's headers.
    pub type Headers;
    #[wasm_bindgen(method)]
    fn get(this: &Headers, name: &str) -> Option<String>;
}

/// What the driver does next, as `poll` answers it.
#[wasm_bindgen(js_name = StepKind, skip_typescript)]
#[derive(Clone, Copy)]
pub enum StepKind {
    /// `request()` gives what to send; hand back `response`/`connectionError`.
    Send = 0,
    /// Wait `sleepMs()`, then poll.
    Sleep = 1,
    /// `items()` are the next items (of the page last handed back); then poll.
    Items = 2,
    /// The body last handed back is the object so far; then poll.
    Progress = 3,
    /// `output()` is the value, or `undefined` for the body last handed back.
    Done = 4,
    /// `error()` is the error to throw.
    Fail = 5,
}

/// A client's settings: its key, origins, version, retries and timeout.
#[wasm_bindgen(js_name = Client, skip_typescript)]
pub struct Client {
    settings: Settings,
}

#[wasm_bindgen(js_class = Client)]
impl Client {
    /// Settings from `config` (JSON text of `{ apiKey, baseUrl, filesUrl,
    /// stripeVersion, stripeAccount, maxRetries, timeoutMs }`), over stripe-node's
    /// defaults.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Result<Client, JsValue> {
        let settings = Settings::default();
        Ok(Client {
            settings: with_options(settings, config)?,
        })
    }

    /// A call of `endpoint` (the core's name) on object `id` with `params` (JSON text
    /// of an object) and per-call `options` (JSON text, as for the constructor plus
    /// `idempotencyKey`, `stripeContext`); `entropy` is 32 random bytes.
    pub fn call(
        &self,
        endpoint: &str,
        id: Option<String>,
        params: &str,
        options: &str,
        entropy: &[u8],
    ) -> Result<Machine, JsValue> {
        let (endpoint, params) = (named(endpoint)?, parameters(params)?);
        let settings = with_options(self.settings.clone(), options)?;
        Machine::from(Call::new(
            endpoint,
            id.as_deref(),
            &params,
            &settings,
            seed(entropy)?,
        ))
    }

    /// Every item of a list, search or v2 list, as `call` takes its arguments; with
    /// `limit` (autoPagingToArray's, 1 to 10,000), it stops after that many; from
    /// `firstPage`, the answer's text of the same call, when it was already made.
    #[allow(clippy::too_many_arguments)]
    pub fn pages(
        &self,
        endpoint: &str,
        id: Option<String>,
        params: &str,
        options: &str,
        entropy: &[u8],
        limit: JsValue,
        first_page: Option<String>,
    ) -> Result<Machine, JsValue> {
        let (endpoint, params) = (named(endpoint)?, parameters(params)?);
        let settings = with_options(self.settings.clone(), options)?;
        let limit = if limit.is_undefined() {
            None
        } else {
            Some(auto_paging_limit(&limit)?)
        };
        let pager = Pager::new(
            endpoint,
            id.as_deref(),
            &params,
            &settings,
            seed(entropy)?,
            limit,
        );
        Machine::from(pager.map(|pager| match first_page {
            Some(page) => pager.with_first_page(page.into_bytes()),
            None => pager,
        }))
    }

    /// A GET or DELETE of any API `path`, such as a thin event's `related_object.url`.
    pub fn raw(
        &self,
        method: &str,
        path: &str,
        options: &str,
        entropy: &[u8],
    ) -> Result<Machine, JsValue> {
        let method = match method {
            "GET" => Method::Get,
            "DELETE" => Method::Delete,
            _ => Method::Post,
        };
        let settings = with_options(self.settings.clone(), options)?;
        Machine::from(Call::raw(method, path, &settings, seed(entropy)?))
    }

    /// A report run created with `params` and waited for (every `pollIntervalMs`, at
    /// most `timeoutMs` in all, as JSON text of `wait`).
    #[wasm_bindgen(js_name = reportRun)]
    pub fn report_run(
        &self,
        params: &str,
        options: &str,
        wait: &str,
        entropy: &[u8],
    ) -> Result<Machine, JsValue> {
        let params = parameters(params)?;
        let settings = with_options(self.settings.clone(), options)?;
        let wait = object(wait)?;
        let default = Wait::default();
        let wait = Wait {
            poll_interval_ms: whole(&wait, "pollIntervalMs")?.unwrap_or(default.poll_interval_ms),
            timeout_ms: whole(&wait, "timeoutMs")?.unwrap_or(default.timeout_ms),
        };
        Machine::from(ReportRun::new(&params, &settings, seed(entropy)?, wait))
    }

    /// The rows of a succeeded report run's result file (`run`: its JSON text).
    #[wasm_bindgen(js_name = reportRows)]
    pub fn report_rows(
        &self,
        run: &str,
        options: &str,
        entropy: &[u8],
    ) -> Result<Machine, JsValue> {
        let settings = with_options(self.settings.clone(), options)?;
        Machine::from(ResultRows::report_run(run, &settings, seed(entropy)?))
    }

    /// The rows of the completed Sigma scheduled query run `id`.
    #[wasm_bindgen(js_name = sigmaRows)]
    pub fn sigma_rows(&self, id: &str, options: &str, entropy: &[u8]) -> Result<Machine, JsValue> {
        let settings = with_options(self.settings.clone(), options)?;
        Machine::from(ResultRows::sigma_run(id, &settings, seed(entropy)?))
    }

    /// The rows of the report (`sigma` false) or Sigma result file `id`.
    #[wasm_bindgen(js_name = fileRows)]
    pub fn file_rows(
        &self,
        id: &str,
        sigma: bool,
        options: &str,
        entropy: &[u8],
    ) -> Result<Machine, JsValue> {
        let settings = with_options(self.settings.clone(), options)?;
        let kind = if sigma {
            FileKind::Sigma
        } else {
            FileKind::Report
        };
        Machine::from(ResultRows::file(id, kind, &settings, seed(entropy)?))
    }
}

/// What the last poll asked of the driver, kept for its getter.
enum Pending {
    Nothing,
    Send(String),
    Sleep(u64),
    Items(String),
    Done(Option<String>),
    Fail(CallError),
}

/// A call being driven: `poll(nowMs)` gives a [`StepKind`]; the getter of that kind
/// gives its data; `response`/`responseBytes`/`connectionError` hand back a send's
/// outcome.
#[wasm_bindgen(skip_typescript)]
pub struct Machine {
    machine: Box<dyn CoreMachine>,
    pending: Pending,
}

impl Machine {
    fn from<M: CoreMachine + 'static>(made: Result<M, RequestError>) -> Result<Self, JsValue> {
        let machine = made.map_err(|error| errors::request(&error))?;
        Ok(Self {
            machine: Box::new(machine),
            pending: Pending::Nothing,
        })
    }
}

#[wasm_bindgen]
impl Machine {
    /// The next step at `now_ms` (`Date.now()`).
    pub fn poll(&mut self, now_ms: f64) -> StepKind {
        let (kind, pending) = match self.machine.poll(now_ms as u64) {
            Step::Send(outgoing) => (StepKind::Send, Pending::Send(request_json(outgoing))),
            Step::Sleep(ms) => (StepKind::Sleep, Pending::Sleep(ms)),
            Step::Items(items) => (StepKind::Items, Pending::Items(items.to_json_array())),
            Step::Progress(_) => (StepKind::Progress, Pending::Nothing),
            Step::Done(Output::Json(json)) => (StepKind::Done, Pending::Done(Some(json))),
            Step::Done(_) => (StepKind::Done, Pending::Done(None)),
            Step::Fail(error) => (StepKind::Fail, Pending::Fail(error)),
        };
        self.pending = pending;
        kind
    }

    /// JSON text of the request to send: `{ url, method, headers, body, timeoutMs,
    /// binary }` (`binary`: read the answer as bytes, for `responseBytes`).
    pub fn request(&self) -> String {
        match &self.pending {
            Pending::Send(json) => json.clone(),
            _ => String::new(),
        }
    }

    /// How long to sleep, in milliseconds.
    #[wasm_bindgen(js_name = sleepMs)]
    pub fn sleep_ms(&self) -> f64 {
        match self.pending {
            Pending::Sleep(ms) => ms as f64,
            _ => 0.0,
        }
    }

    /// JSON text of the array of the next items.
    pub fn items(&self) -> String {
        match &self.pending {
            Pending::Items(json) => json.clone(),
            _ => String::from("[]"),
        }
    }

    /// The value as JSON text, or `undefined` when it is the body last handed back.
    pub fn output(&mut self) -> Option<String> {
        match core::mem::replace(&mut self.pending, Pending::Nothing) {
            Pending::Done(output) => output,
            _ => None,
        }
    }

    /// The error to throw, as its `StripeError` class.
    pub fn error(&self) -> JsValue {
        match &self.pending {
            Pending::Fail(error) => errors::call(error),
            _ => errors::call(&CallError::OutOfOrder),
        }
    }

    /// The answer to the request sent, with a text body.
    pub fn response(&mut self, status: u16, headers: &Headers, body: String) {
        self.answer(status, headers, body.into_bytes());
    }

    /// The answer to the request sent, with a bytes body.
    #[wasm_bindgen(js_name = responseBytes)]
    pub fn response_bytes(&mut self, status: u16, headers: &Headers, body: Vec<u8>) {
        self.answer(status, headers, body);
    }

    /// The request sent got no answer (`reason`: what the transport said).
    #[wasm_bindgen(js_name = connectionError)]
    pub fn connection_error(&mut self, reason: &str) {
        self.machine.handle_connection_error(reason);
    }
}

impl Machine {
    fn answer(&mut self, status: u16, headers: &Headers, body: Vec<u8>) {
        let values: Vec<(&str, String)> = RESPONSE_HEADERS
            .iter()
            .filter_map(|name| Some((*name, headers.get(name)?)))
            .collect();
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        self.machine.handle_response(status, &pairs, body);
    }
}

/// JSON text of `{ url, method, headers, body, timeoutMs, binary }`.
fn request_json(outgoing: &Outgoing) -> String {
    let request = &outgoing.request;
    let mut out = String::with_capacity(256 + outgoing.url.len());
    let mut object = ObjectWriter::new(&mut out);
    object.tag("url", &outgoing.url);
    object.tag("method", request.method.as_str());
    let mut headers = String::from("[");
    for (index, (name, value)) in request.headers.iter().enumerate() {
        if index > 0 {
            headers.push(',');
        }
        headers.push('[');
        name.encode(&mut headers);
        headers.push(',');
        value.encode(&mut headers);
        headers.push(']');
    }
    headers.push(']');
    object.raw("headers", &headers);
    match &request.body {
        Some(body) => object.tag("body", body),
        None => object.raw("body", "null"),
    }
    object.raw("timeoutMs", itoa::Buffer::new().format(outgoing.timeout_ms));
    object.raw("binary", if outgoing.binary { "true" } else { "false" });
    object.finish();
    out
}

/// JSON text of every endpoint: `[{ name, nodeName, takesId, pages }]`, from which the
/// JS client builds its resource tree by stripe-node's names (`nodeName`:
/// `client.invoices.sendInvoice`, ...) and calls the core by its name (`name`:
/// `invoices.send`).
#[wasm_bindgen(js_name = apiEndpoints, skip_typescript)]
pub fn api_endpoints() -> String {
    let mut out = String::from("[");
    for (index, endpoint) in api::ENDPOINTS.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let mut object = ObjectWriter::new(&mut out);
        object.tag("name", endpoint.name);
        object.tag("nodeName", endpoint.node_name);
        object.raw(
            "takesId",
            if endpoint.takes_id() { "true" } else { "false" },
        );
        let pages = matches!(endpoint.answer, Answer::Page(..));
        object.raw("pages", if pages { "true" } else { "false" });
        object.finish();
    }
    out.push(']');
    out
}

fn named(endpoint: &str) -> Result<&'static Endpoint, JsValue> {
    Endpoint::named(endpoint).map_err(|error| errors::request(&error))
}

fn parameters(params: &str) -> Result<FormValue, JsValue> {
    FormValue::from_json_text(params).map_err(|error| {
        errors::request(&RequestError::BadParameters {
            reason: alloc::format!("{error}"),
        })
    })
}

fn object(options: &str) -> Result<FormValue, JsValue> {
    FormValue::from_json_text(options)
        .ok()
        .filter(|options| options.as_map().is_some())
        .ok_or_else(|| errors::type_error("options must be an object"))
}

/// `settings` with what `options` (JSON text of an object) sets.
fn with_options(mut settings: Settings, options: &str) -> Result<Settings, JsValue> {
    let options = object(options)?;
    let text = |name: &str| {
        options
            .get(name)
            .and_then(FormValue::as_text)
            .filter(|text| !text.is_empty())
            .map(String::from)
    };
    if let Some(base) = text("baseUrl") {
        settings = settings.with_origin(&base);
    }
    if let Some(files) = text("filesUrl") {
        settings.files_base = files;
    }
    let texts = [
        (&mut settings.api_key, "apiKey"),
        (&mut settings.api_version, "stripeVersion"),
        (&mut settings.stripe_account, "stripeAccount"),
        (&mut settings.stripe_context, "stripeContext"),
        (&mut settings.idempotency_key, "idempotencyKey"),
    ];
    for (field, name) in texts {
        if let Some(value) = text(name) {
            *field = Some(value);
        }
    }
    if let Some(retries) = whole(&options, "maxRetries")? {
        settings.max_retries = u32::try_from(retries)
            .map_err(|_| errors::range_error("maxRetries must be at most 4294967295"))?;
    }
    if let Some(timeout) = whole(&options, "timeoutMs")? {
        settings.timeout_ms = timeout;
    }
    Ok(settings)
}

/// The whole number `name` of `options`, if set.
fn whole(options: &FormValue, name: &str) -> Result<Option<u64>, JsValue> {
    let Some(value) = options.get(name).and_then(FormValue::as_text) else {
        return Ok(None);
    };
    if value.is_empty() {
        return Ok(None);
    }
    value.parse::<u64>().map(Some).map_err(|_| {
        errors::type_error(&alloc::format!(
            "{name} must be a whole number of 0 or more"
        ))
    })
}

/// The 32 random bytes a machine is seeded with.
fn seed(entropy: &[u8]) -> Result<[u8; 32], JsValue> {
    entropy
        .try_into()
        .map_err(|_| errors::type_error("a call takes 32 bytes of entropy"))
}

/// autoPagingToArray's `limit`, checked as stripe-node checks it (1 to 10,000).
fn auto_paging_limit(limit: &JsValue) -> Result<usize, JsValue> {
    let limit = limit
        .as_f64()
        .filter(|n| *n >= 0.0 && *n == (*n as u64) as f64)
        .ok_or_else(|| {
            errors::type_error("autoPagingToArray takes { limit }, a whole number from 1 to 10000")
        })?;
    check_limit(limit.min(usize::MAX as f64) as usize)
        .map_err(|error| errors::range_error(&alloc::format!("autoPagingToArray: {error}")))
}
