//! Carrying out a [`Plan`]: a call machine like the client's (its retries), driven by
//! the Worker's driver, that first retrieves the object a request acts on when
//! ownership must be checked, then makes the call, and hands on only what the caller
//! owns. An object the caller does not own answers exactly as a missing one. Answers
//! pass on as Stripe sent them, unchecked by the models: the caller's own client
//! checks them (and a proxy should not refuse a field newer than its models).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::plan::{Check, Plan};
use crate::api::call::{Call, CallError, Machine, Output, Settings, Step};
use crate::api::{Answer, ApiError, Endpoint, Failure, RequestError};
use crate::error::{ErrorType, HttpError};
use crate::form::FormValue;
use crate::json::{self, RawJson};

enum Stage {
    /// Retrieving the object the call acts on, to check its owner; then the call
    /// itself (built, so its parameters checked, before anything is sent).
    Precheck(Call, Box<Call>),
    /// The call itself.
    Main(Call),
    Done(Vec<u8>),
    Failed(CallError),
}

/// The proxy's machine for one planned request: `Done(Output::Answer(body))` with the
/// body to answer (200), or `Fail` with the error to answer (see
/// [`failure`](super::failure)).
pub struct ProxyCall {
    plan: Plan,
    stage: Stage,
    /// The `Request-Id` of Stripe's last final answer.
    request_id: Option<String>,
}

/// What the inner call's step was, owned, so the stage can change after it.
enum Inner {
    Send,
    Sleep(u64),
    Done(Vec<u8>),
    Fail(CallError),
}

impl ProxyCall {
    /// The machine for `plan`, with `settings` (the secret key, the pinned version, the
    /// upstream origin) and 32 random bytes; parameters the endpoint refuses are a 400
    /// before anything is sent, the owner's check included.
    pub fn new(plan: Plan, settings: &Settings, entropy: [u8; 32]) -> Result<Self, HttpError> {
        let main = main_call(&plan, settings, entropy).map_err(refused)?;
        let stage = match &plan.precheck {
            // The object is retrieved where the call acts: the same account and context.
            Some((retrieve, id)) => Stage::Precheck(
                Call::new(
                    retrieve,
                    Some(id),
                    &FormValue::Map(Vec::new()),
                    &Settings {
                        stripe_account: plan.stripe_account.clone(),
                        stripe_context: plan.stripe_context.clone(),
                        ..settings.clone()
                    },
                    entropy,
                )
                .map_err(refused)?
                .status_checked(),
                Box::new(main),
            ),
            None => Stage::Main(main),
        };
        Ok(Self {
            plan,
            stage,
            request_id: None,
        })
    }

    /// The `Request-Id` of Stripe's last final answer.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    fn call(&mut self) -> Option<&mut Call> {
        match &mut self.stage {
            Stage::Precheck(call, _) | Stage::Main(call) => Some(call),
            _ => None,
        }
    }

    fn advance(&mut self, now_ms: u64) -> Option<Inner> {
        loop {
            let inner = match self.call()?.poll(now_ms) {
                Step::Send(_) => Inner::Send,
                Step::Sleep(ms) => Inner::Sleep(ms),
                Step::Done(Output::Answer(body)) => Inner::Done(body),
                Step::Fail(error) => Inner::Fail(error),
                Step::Done(_) | Step::Items(_) | Step::Progress(_) => {
                    Inner::Fail(CallError::OutOfOrder)
                }
            };
            let prechecking = matches!(self.stage, Stage::Precheck(..));
            if let Some(call) = self.call()
                && let Some(id) = call.request_id()
            {
                self.request_id = Some(id.into());
            }
            self.stage = match inner {
                Inner::Send | Inner::Sleep(_) => return Some(inner),
                Inner::Done(body) if prechecking && !owned(&body, &self.plan.subject) => {
                    Stage::Failed(self.missing())
                }
                Inner::Done(_) if prechecking => {
                    match core::mem::replace(&mut self.stage, Stage::Failed(CallError::OutOfOrder))
                    {
                        Stage::Precheck(_, main) => Stage::Main(*main),
                        other => other,
                    }
                }
                Inner::Done(body) => match self.checked(body) {
                    Some(body) => Stage::Done(body),
                    None => Stage::Failed(self.missing()),
                },
                Inner::Fail(error)
                    if is_missing(&error) && self.plan.check != super::plan::Check::Nothing =>
                {
                    Stage::Failed(self.missing())
                }
                Inner::Fail(error) => Stage::Failed(error),
            };
        }
    }

    /// The answer's body as the caller may see it: an object it owns, or a page of only
    /// the items it owns; `None` for an object it does not own.
    fn checked(&self, body: Vec<u8>) -> Option<Vec<u8>> {
        match &self.plan.check {
            Check::Nothing => Some(body),
            Check::Answer => owned(&body, &self.plan.subject).then_some(body),
            Check::Items => Some(keep_items(body, |item| {
                owner_of(item).as_deref() == Some(&self.plan.subject)
            })),
            Check::RelatedTo(object) => Some(keep_items(body, |item| {
                item.member("related_object")
                    .and_then(|related| related.member("id"))
                    .and_then(RawJson::as_str)
                    .is_some_and(|id| id == *object)
            })),
        }
    }

    /// The error Stripe gives for a missing object, for the object the request names:
    /// what a caller sees of an object it does not own, so nothing tells the two apart.
    fn missing(&self) -> CallError {
        let (endpoint, id, param) = match &self.plan.precheck {
            Some((retrieve, id)) if self.plan.route.endpoint.param("object_id").is_some() => {
                (*retrieve, id.as_str(), "object_id")
            }
            _ => (
                self.plan.route.endpoint,
                self.plan.route.id.as_deref().unwrap_or_default(),
                "id",
            ),
        };
        CallError::Answer(Failure::Api(Box::new(missing(endpoint, id, param))))
    }
}

/// The call the plan makes.
fn main_call(plan: &Plan, settings: &Settings, entropy: [u8; 32]) -> Result<Call, RequestError> {
    let settings = Settings {
        idempotency_key: plan.idempotency_key.clone(),
        stripe_account: plan.stripe_account.clone(),
        stripe_context: plan.stripe_context.clone(),
        ..settings.clone()
    };
    let route = &plan.route;
    Call::new(
        route.endpoint,
        route.id.as_deref(),
        &plan.params,
        &settings,
        entropy,
    )
    .map(Call::status_checked)
}

/// Stripe's answer for a missing object of `endpoint`'s resource.
fn missing(endpoint: &Endpoint, id: &str, param: &str) -> ApiError {
    let resource = match endpoint.answer {
        Answer::Object(resource) | Answer::Page(_, resource) | Answer::Deleted(resource) => {
            resource
        }
        Answer::Bytes => "file",
    };
    ApiError {
        status: 404,
        type_: "invalid_request_error".into(),
        code: Some("resource_missing".into()),
        param: Some(param.into()),
        message: alloc::format!("No such {resource}: '{id}'"),
        doc_url: Some("https://stripe.com/docs/error-codes/resource-missing".into()),
        ..ApiError::default()
    }
}

fn is_missing(error: &CallError) -> bool {
    error.api_error().is_some_and(|error| error.status == 404)
}

/// The `customer` of an object: its id, whether it is expanded or not.
fn owner_of(object: RawJson<'_>) -> Option<String> {
    let customer = object.member("customer")?;
    customer
        .as_str()
        .or_else(|| customer.member("id").and_then(RawJson::as_str))
        .map(|id| id.into_owned())
}

/// Whether the object `body` belongs to `subject` (exactly: ids are case-sensitive,
/// though Stripe's search matches them ignoring case).
fn owned(body: &[u8], subject: &str) -> bool {
    core::str::from_utf8(body)
        .ok()
        .and_then(|text| json::validate(text).ok())
        .and_then(owner_of)
        .is_some_and(|owner| owner == subject)
}

/// The page `body` with only the items `keep` keeps in its `data`.
fn keep_items(body: Vec<u8>, keep: impl Fn(RawJson<'_>) -> bool) -> Vec<u8> {
    let Some(text) = core::str::from_utf8(&body).ok() else {
        return body;
    };
    let Some(data) = json::validate(text)
        .ok()
        .and_then(|page| page.member("data"))
    else {
        return body;
    };
    let Some(items) = data.elements() else {
        return body;
    };
    let items: Vec<RawJson<'_>> = items.collect();
    if items.iter().all(|item| keep(*item)) {
        return body;
    }
    let start = data.get().as_ptr() as usize - text.as_ptr() as usize;
    let end = start + data.get().len();
    let kept: Vec<&str> = items
        .into_iter()
        .filter(|item| keep(*item))
        .map(RawJson::get)
        .collect();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    out.push('[');
    out.push_str(&kept.join(","));
    out.push(']');
    out.push_str(&text[end..]);
    out.into_bytes()
}

fn refused(error: RequestError) -> HttpError {
    HttpError {
        status: 400,
        type_: ErrorType::InvalidRequestError,
        code: error.code(),
        message: alloc::format!("{error}"),
        param: error.param().map(String::from),
    }
}

impl Machine for ProxyCall {
    fn poll(&mut self, now_ms: u64) -> Step<'_> {
        match self.advance(now_ms) {
            Some(Inner::Sleep(ms)) => Step::Sleep(ms),
            Some(_) => match &self.stage {
                Stage::Precheck(call, _) | Stage::Main(call) => Step::Send(call.outgoing()),
                _ => Step::Fail(CallError::OutOfOrder),
            },
            None => match &mut self.stage {
                Stage::Done(body) => Step::Done(Output::Answer(core::mem::take(body))),
                Stage::Failed(error) => Step::Fail(error.clone()),
                _ => Step::Fail(CallError::OutOfOrder),
            },
        }
    }

    fn handle_response(&mut self, status: u16, headers: &[(&str, &str)], body: Vec<u8>) {
        if let Some(call) = self.call() {
            call.handle_response(status, headers, body);
        }
    }

    fn handle_connection_error(&mut self, reason: &str) {
        if let Some(call) = self.call() {
            call.handle_connection_error(reason);
        }
    }
}
