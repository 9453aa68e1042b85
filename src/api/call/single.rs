//! A single call: one endpoint (or a raw API path), its retries, and its answer checked
//! against the models of what the endpoint returns.

use alloc::string::String;
use alloc::vec::Vec;

use super::exchange::{Answer, Exchange, Fetched, Outgoing};
use super::{CallError, Machine, Output, Ready, Settings, Step, split_entropy};
use crate::api::request::Method;
use crate::api::{Answer as EndpointAnswer, ApiError, Endpoint, Failure, RequestError};
use crate::api::{is_success, raw_request};
use crate::form::FormValue;
use crate::json::JsonError;
use crate::resources::{DecodeError, Problem};

/// How an answer is checked.
#[derive(Clone, Copy)]
enum Check {
    /// Against the endpoint's answer: models for objects and pages, bytes as they are.
    Endpoint(&'static Endpoint),
    /// Its status only (a raw path, whose answer's model is not known).
    Status,
}

/// One call, its answer checked: `Done(Output::Answer(body))` or `Fail`.
pub struct Call {
    exchange: Exchange,
    check: Check,
    outcome: Option<Result<Output, CallError>>,
    request_id: Option<String>,
}

impl Call {
    /// A call of `endpoint` on object `id` with `params` (a map); the request is
    /// checked now, so a refused parameter never reaches the network.
    pub fn new(
        endpoint: &'static Endpoint,
        id: Option<&str>,
        params: &FormValue,
        settings: &Settings,
        entropy: [u8; 32],
    ) -> Result<Self, RequestError> {
        let (key, seed) = split_entropy(entropy);
        let request = endpoint.request(id, params, &settings.request_options(key))?;
        let binary = endpoint.answer == EndpointAnswer::Bytes;
        Ok(Self {
            exchange: Exchange::new(request, settings, binary, seed),
            check: Check::Endpoint(endpoint),
            outcome: None,
            request_id: None,
        })
    }

    /// A `method` (GET or DELETE) of any API `path`, such as a thin event's
    /// `related_object.url`; only the answer's status is checked.
    pub fn raw(
        method: Method,
        path: &str,
        settings: &Settings,
        entropy: [u8; 32],
    ) -> Result<Self, RequestError> {
        let (key, seed) = split_entropy(entropy);
        let request = raw_request(method, path, &settings.request_options(key))?;
        Ok(Self {
            exchange: Exchange::new(request, settings, false, seed),
            check: Check::Status,
            outcome: None,
            request_id: None,
        })
    }

    /// The same call with its answer checked for its status only and handed on as
    /// Stripe sent it: for a proxy, whose callers check answers themselves.
    pub fn status_checked(mut self) -> Self {
        self.check = Check::Status;
        self
    }

    /// The request it sends (the same on every attempt).
    pub fn outgoing(&self) -> &Outgoing {
        self.exchange.outgoing()
    }

    /// The `Request-Id` of the final answer, once there is one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    fn advance(&mut self) -> Ready {
        if self.outcome.is_none() {
            self.outcome = Some(match self.exchange.fetch() {
                Fetched::Pending(ready) => return ready,
                Fetched::Failed(error) => Err(error),
                Fetched::Answer(answer) => {
                    self.request_id.clone_from(&answer.request_id);
                    judge(self.check, answer)
                }
            });
        }
        match self.outcome {
            Some(Ok(_)) => Ready::Done,
            _ => Ready::Fail,
        }
    }
}

/// The outcome of a call whose final answer is `answer`, checked as `check` says.
fn judge(check: Check, answer: Answer) -> Result<Output, CallError> {
    match check {
        Check::Endpoint(endpoint) if endpoint.answer == EndpointAnswer::Bytes => {
            bytes(answer).map(Output::Answer)
        }
        Check::Endpoint(endpoint) => {
            checked_text(endpoint, answer).map(|text| Output::Answer(text.into_bytes()))
        }
        Check::Status => bytes(answer).map(Output::Answer),
    }
}

/// The body of a successful answer, as it is; else Stripe's error.
pub(super) fn bytes(answer: Answer) -> Result<Vec<u8>, CallError> {
    if is_success(answer.status) {
        return Ok(answer.body);
    }
    let body = String::from_utf8_lossy(&answer.body);
    let request_id = answer.request_id.as_deref();
    Err(CallError::api(ApiError::from_response(
        answer.status,
        request_id,
        &body,
    )))
}

/// The text of a successful answer of `endpoint` that fits the models of what the
/// endpoint returns; else Stripe's error, or why it does not fit.
pub(super) fn checked_text(endpoint: &Endpoint, answer: Answer) -> Result<String, CallError> {
    let request_id = answer.request_id.clone();
    let status = answer.status;
    let text = String::from_utf8(bytes(answer)?)
        .map_err(|error| not_json(endpoint.answer, error.utf8_error().valid_up_to()))?;
    crate::api::check(endpoint, status, request_id.as_deref(), &text)?;
    Ok(text)
}

/// Bytes that are not UTF-8 where text was due: the answer does not fit its model.
pub(super) fn not_json(answer: EndpointAnswer, offset: usize) -> CallError {
    let resource = match answer {
        EndpointAnswer::Object(resource)
        | EndpointAnswer::Page(_, resource)
        | EndpointAnswer::Deleted(resource) => resource,
        EndpointAnswer::Bytes => "file",
    };
    CallError::Answer(Failure::Decode {
        resource: resource.into(),
        error: DecodeError {
            path: String::new(),
            problem: Problem::Syntax(JsonError {
                offset,
                expected: "UTF-8 text",
            }),
        },
    })
}

impl Machine for Call {
    fn poll(&mut self, _now_ms: u64) -> Step<'_> {
        match (self.advance(), &mut self.outcome) {
            (Ready::Send, _) => Step::Send(self.exchange.outgoing()),
            (Ready::Sleep(ms), _) => Step::Sleep(ms),
            (_, Some(Ok(output))) => Step::Done(core::mem::replace(output, Output::Finished)),
            (_, Some(Err(error))) => Step::Fail(error.clone()),
            (_, None) => Step::Fail(CallError::OutOfOrder),
        }
    }

    fn handle_response(&mut self, status: u16, headers: &[(&str, &str)], body: Vec<u8>) {
        self.exchange.handle_response(status, headers, body);
    }

    fn handle_connection_error(&mut self, reason: &str) {
        self.exchange.handle_connection_error(reason);
    }
}
