//! The API client's decisions for JavaScript: the request for an endpoint, the check of
//! its answer, whether and when to retry, where the next page is. The JS client only
//! moves these through `fetch`. Arguments and results cross as strings (JSON where
//! structured), which keeps the boundary small and cheap.

use alloc::string::String;
use alloc::vec::Vec;

use stripe_edge::api::pagination::{Cursor, Next, Style};
use stripe_edge::api::retry::{Outcome, RetryPolicy};
use stripe_edge::api::{self, Answer, Endpoint, Failure, Host, Request, RequestOptions};
use stripe_edge::form::FormValue;
use stripe_edge::resources::{Encode, ObjectWriter};
use wasm_bindgen::prelude::*;

use crate::errors;

/// The request for `endpoint` (the core's name, such as `invoices.send`) on object
/// `id` with `params` (JSON text of an object) and `options` (JSON text of `{ apiKey,
/// stripeVersion, idempotencyKey, stripeContext, stripeAccount }`); `entropy`, 16
/// random bytes, makes the `Idempotency-Key` of a POST that has none. Returns JSON
/// text of `{ method, host, path, headers, body, answer }`.
#[wasm_bindgen(js_name = apiRequest, skip_typescript)]
pub fn api_request(
    endpoint: &str,
    id: Option<String>,
    params: &str,
    options: &str,
    entropy: Option<Vec<u8>>,
) -> Result<String, JsValue> {
    let endpoint = Endpoint::named(endpoint).map_err(|error| errors::request(&error))?;
    let params = FormValue::from_json_text(params).map_err(|error| {
        errors::request(&api::RequestError::BadParameters {
            reason: alloc::format!("{error}"),
        })
    })?;
    let options = read_options(options, entropy)?;
    let request = endpoint
        .request(id.as_deref(), &params, &options)
        .map_err(|error| errors::request(&error))?;
    let answer = match endpoint.answer {
        Answer::Object(_) => "object",
        Answer::Deleted(_) => "deleted",
        Answer::Bytes => "bytes",
        Answer::Page(..) => "page",
    };
    Ok(plan_json(&request, answer))
}

/// JSON text of `{ method, host, path, headers, body, answer }` for the JS transport.
fn plan_json(request: &Request, answer: &str) -> String {
    let mut out = String::new();
    let mut object = ObjectWriter::new(&mut out);
    object.tag("method", request.method.as_str());
    let host = match request.host {
        Host::Api => "api",
        Host::Files => "files",
    };
    object.tag("host", host);
    object.tag("path", &request.path);
    object.raw("headers", &headers_json(&request.headers));
    match &request.body {
        Some(body) => object.tag("body", body),
        None => object.raw("body", "null"),
    }
    object.tag("answer", answer);
    object.finish();
    out
}

fn read_options(options: &str, entropy: Option<Vec<u8>>) -> Result<RequestOptions, JsValue> {
    let options = FormValue::from_json_text(options)
        .map_err(|_| errors::type_error("request options must be a JSON object"))?;
    let text = |name: &str| {
        options
            .get(name)
            .and_then(FormValue::as_text)
            .filter(|text| !text.is_empty())
            .map(String::from)
    };
    Ok(RequestOptions {
        api_key: text("apiKey"),
        api_version: text("stripeVersion"),
        idempotency_key: text("idempotencyKey"),
        entropy: entropy.and_then(|bytes| <[u8; 16]>::try_from(bytes.as_slice()).ok()),
        stripe_context: text("stripeContext"),
        stripe_account: text("stripeAccount"),
    })
}

fn headers_json(headers: &[(&'static str, String)]) -> String {
    let mut out = String::from("[");
    for (index, (name, value)) in headers.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push('[');
        name.encode(&mut out);
        out.push(',');
        value.encode(&mut out);
        out.push(']');
    }
    out.push(']');
    out
}

fn style_name(style: Style) -> &'static str {
    match style {
        Style::List => "list",
        Style::Search => "search",
        Style::V2 => "v2",
    }
}

/// Checks the answer of `endpoint`: `""` when it is a success whose objects fit their
/// models, else JSON text of the error's fields, with `class` naming stripe-node's
/// error class (or `StripeDecodeError`).
#[wasm_bindgen(js_name = apiAnswer, skip_typescript)]
pub fn api_answer(
    endpoint: &str,
    status: u16,
    request_id: Option<String>,
    body: &str,
) -> Result<String, JsValue> {
    let endpoint = Endpoint::named(endpoint).map_err(|error| errors::request(&error))?;
    Ok(
        match api::check(endpoint, status, request_id.as_deref(), body) {
            Ok(()) => String::new(),
            Err(Failure::Api(error)) => error.to_json(),
            Err(Failure::Decode { resource, error }) => {
                let mut out = String::new();
                let mut object = ObjectWriter::new(&mut out);
                object.tag("class", "StripeDecodeError");
                object.tag("code", error.code());
                object.tag("path", &error.path);
                object.tag(
                    "message",
                    &alloc::format!("Stripe's answer is not a {resource}: {error}"),
                );
                object.finish();
                out
            }
        },
    )
}

/// Milliseconds to wait before retry number `retries + 1`, or -1 not to retry; `status`
/// 0 means no response (a connection error or timeout).
#[wasm_bindgen(js_name = retryDelay, skip_typescript)]
pub fn retry_delay(
    retries: u32,
    max_retries: u32,
    status: u16,
    should_retry: Option<String>,
    retry_after: Option<String>,
    jitter: f64,
) -> f64 {
    let outcome = match status {
        0 => Outcome::ConnectionError,
        status => Outcome::from_headers(status, should_retry.as_deref(), retry_after.as_deref()),
    };
    RetryPolicy { max_retries }
        .delay_ms(retries, &outcome, jitter)
        .map_or(-1.0, |ms| ms as f64)
}

/// Walks the pages of a list, a search or a v2 list.
#[wasm_bindgen(js_name = Pager, skip_typescript)]
pub struct Pager {
    cursor: Cursor,
}

#[wasm_bindgen(js_class = Pager)]
impl Pager {
    /// A walk of `style` (`list`, `search`, `v2`); `backwards` when the first request
    /// set `ending_before`.
    #[wasm_bindgen(constructor)]
    pub fn new(style: &str, backwards: bool) -> Result<Pager, JsValue> {
        let style = match style {
            "list" => Style::List,
            "search" => Style::Search,
            "v2" => Style::V2,
            _ => {
                return Err(errors::type_error(
                    "a page style is 'list', 'search' or 'v2'",
                ));
            }
        };
        Ok(Pager {
            cursor: Cursor::new(style, backwards),
        })
    }

    /// The items of the page `body`, as JSON text of an array, in the order to yield.
    pub fn read(&mut self, body: &str) -> Result<String, JsValue> {
        let page = self
            .cursor
            .read_page(body)
            .map_err(|error| errors::page(&alloc::format!("{error}")))?;
        let mut out = String::from("[");
        for (index, item) in page.items.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str(item.get());
        }
        out.push(']');
        Ok(out)
    }

    /// JSON text of where the next page is: `{"done":true}`, `{"param":..,"value":..}`
    /// or `{"url":..}`.
    pub fn next(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        match self.cursor.next() {
            Next::Done => object.raw("done", "true"),
            Next::Param { name, value } => {
                object.tag("param", name);
                object.tag("value", &value);
            }
            Next::Url(url) => object.tag("url", &url),
        }
        object.finish();
        out
    }
}

/// JSON text of every endpoint: `[{ name, nodeName, takesId, pages }]`, from which the
/// JS client builds its resource tree with stripe-node's names (`nodeName`:
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
        match endpoint.answer {
            Answer::Page(style, _) => object.tag("pages", style_name(style)),
            _ => object.raw("pages", "null"),
        }
        object.finish();
    }
    out.push(']');
    out
}

/// The request for `method` (`GET` or `DELETE`) of any API `path`, such as a thin
/// event's `related_object.url`, as JSON text like [`api_request`]'s.
#[wasm_bindgen(js_name = apiRawRequest, skip_typescript)]
pub fn api_raw_request(method: &str, path: &str, options: &str) -> Result<String, JsValue> {
    let method = match method {
        "GET" => api::Method::Get,
        "DELETE" => api::Method::Delete,
        _ => api::Method::Post,
    };
    let request = api::raw_request(method, path, &read_options(options, None)?)
        .map_err(|error| errors::request(&error))?;
    Ok(plan_json(&request, "object"))
}

/// `""` for a success status, else JSON text of the error in `body` (as
/// [`api_answer`] gives it), for answers no model checks.
#[wasm_bindgen(js_name = apiError, skip_typescript)]
pub fn api_error(status: u16, request_id: Option<String>, body: &str) -> String {
    if api::is_success(status) {
        String::new()
    } else {
        api::ApiError::from_response(status, request_id.as_deref(), body).to_json()
    }
}

/// The number of items `autoPagingToArray` collects: `limit`, checked as stripe-node
/// checks it (1 to 10,000; required).
#[wasm_bindgen(js_name = autoPagingLimit, skip_typescript)]
pub fn auto_paging_limit(limit: JsValue) -> Result<f64, JsValue> {
    let limit = limit
        .as_f64()
        .filter(|n| *n >= 0.0 && *n == (*n as u64) as f64)
        .ok_or_else(|| {
            errors::type_error("autoPagingToArray takes { limit }, a whole number from 1 to 10000")
        })?;
    stripe_edge::api::pagination::check_limit(limit.min(usize::MAX as f64) as usize)
        .map(|limit| limit as f64)
        .map_err(|error| errors::range_error(&alloc::format!("autoPagingToArray: {error}")))
}

/// The rows of a report file (`sigma` false: amounts are major-unit decimals) or a
/// Sigma file (amounts already in minor units) as JSON text: money columns as integers
/// of minor units, other cells as strings, empty cells `null`.
#[wasm_bindgen(js_name = csvRows, skip_typescript)]
pub fn csv_rows(text: &str, sigma: bool) -> Result<String, JsValue> {
    let table = if sigma {
        stripe_edge::api::csv::Table::parse_sigma(text)
    } else {
        stripe_edge::api::csv::Table::parse(text)
    };
    table
        .and_then(|table| table.to_json())
        .map_err(|error| errors::page(&alloc::format!("the result file does not read: {error}")))
}
