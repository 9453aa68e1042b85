//! One request and its retries: send, read the answer's retry headers, back off, send
//! the same request again (same `Idempotency-Key`), until an answer is final or the
//! retry budget is spent. A machine runs one exchange at a time and restarts it for
//! its next request.

use alloc::string::String;
use alloc::vec::Vec;

use super::jitter::Jitter;
use super::{CallError, Ready, Settings};
use crate::api::request::{Host, Request};
use crate::api::retry::{Outcome, RetryPolicy};

/// A request as the driver sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// The request: method, path, headers, body.
    pub request: Request,
    /// The full URL: the settings' origin for the request's host, then its path.
    pub url: String,
    /// How long to wait for the answer before calling `handle_connection_error`.
    pub timeout_ms: u64,
    /// Whether the answer is bytes (a file's contents) rather than text, so a driver
    /// can read it in the cheaper form.
    pub binary: bool,
}

/// A final answer: what the retries ended with.
#[derive(Debug)]
pub(super) struct Answer {
    pub status: u16,
    pub request_id: Option<String>,
    pub body: Vec<u8>,
}

/// Where an exchange stands, for its machine.
pub(super) enum Fetched {
    /// Not answered yet: the driver's next step ([`Ready::Send`] or [`Ready::Sleep`]).
    Pending(Ready),
    /// The final answer (taken: asking again is out of order).
    Answer(Answer),
    /// No answer after the retries, or the driver broke the protocol.
    Failed(CallError),
}

enum State {
    Ready,
    InFlight,
    Backoff(u64),
    Answered(Answer),
    Unanswered(String),
    OutOfOrder,
}

pub(super) struct Exchange {
    outgoing: Outgoing,
    policy: RetryPolicy,
    retries: u32,
    jitter: Jitter,
    state: State,
}

impl Exchange {
    /// An exchange of `request` under `settings`; `binary` for a bytes answer; `seed`
    /// for the jitter of its backoffs.
    pub fn new(request: Request, settings: &Settings, binary: bool, seed: u64) -> Self {
        Self {
            outgoing: outgoing(request, settings, binary),
            policy: RetryPolicy {
                max_retries: settings.max_retries,
            },
            retries: 0,
            jitter: Jitter::new(seed),
            state: State::Ready,
        }
    }

    /// Starts over with the machine's next `request`, with a fresh retry budget.
    pub fn restart(&mut self, request: Request, settings: &Settings, binary: bool) {
        self.outgoing = outgoing(request, settings, binary);
        self.retries = 0;
        self.state = State::Ready;
    }

    /// Takes `body` as the successful answer to the request, which the driver already
    /// had (a list's first page, fetched on its own before the walk).
    pub fn answered(&mut self, body: Vec<u8>) {
        self.state = State::Answered(Answer {
            status: 200,
            request_id: None,
            body,
        });
    }

    /// The request to send.
    pub fn outgoing(&self) -> &Outgoing {
        &self.outgoing
    }

    /// Moves on: the step before the answer, the answer, or why there is none.
    pub fn fetch(&mut self) -> Fetched {
        match core::mem::replace(&mut self.state, State::OutOfOrder) {
            State::Ready => {
                self.state = State::InFlight;
                Fetched::Pending(Ready::Send)
            }
            State::Backoff(ms) => {
                self.state = State::Ready;
                Fetched::Pending(Ready::Sleep(ms))
            }
            State::Answered(answer) => Fetched::Answer(answer),
            State::Unanswered(message) => Fetched::Failed(CallError::Connection { message }),
            State::InFlight | State::OutOfOrder => Fetched::Failed(CallError::OutOfOrder),
        }
    }

    pub fn handle_response(&mut self, status: u16, headers: &[(&str, &str)], body: Vec<u8>) {
        if !matches!(self.state, State::InFlight) {
            self.state = State::OutOfOrder;
            return;
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| *value)
        };
        let outcome =
            Outcome::from_headers(status, header("stripe-should-retry"), header("retry-after"));
        self.state = match self.backoff(&outcome) {
            Some(ms) => State::Backoff(ms),
            None => State::Answered(Answer {
                status,
                request_id: header("request-id").map(String::from),
                body,
            }),
        };
    }

    pub fn handle_connection_error(&mut self, reason: &str) {
        if !matches!(self.state, State::InFlight) {
            self.state = State::OutOfOrder;
            return;
        }
        self.state = match self.backoff(&Outcome::ConnectionError) {
            Some(ms) => State::Backoff(ms),
            None => {
                let url = &self.outgoing.url;
                let endpoint = url.split('?').next().unwrap_or(url);
                State::Unanswered(alloc::format!("no answer from {endpoint}: {reason}"))
            }
        };
    }

    fn backoff(&mut self, outcome: &Outcome) -> Option<u64> {
        let delay = self
            .policy
            .delay_ms(self.retries, outcome, self.jitter.next_unit())?;
        self.retries += 1;
        Some(delay)
    }
}

fn outgoing(request: Request, settings: &Settings, binary: bool) -> Outgoing {
    let base = match request.host {
        Host::Api => &settings.api_base,
        Host::Files => &settings.files_base,
    };
    Outgoing {
        url: request.url(base),
        request,
        timeout_ms: settings.timeout_ms,
        binary,
    }
}
