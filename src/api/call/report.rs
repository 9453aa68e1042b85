//! Creating a report run and waiting for it: the run is created, then retrieved every
//! poll interval while it is `pending`, each state handed on as progress, until it
//! `succeeded` (done: the run) or ended otherwise (failed), or the wait's time ran out.

use alloc::string::String;
use alloc::vec::Vec;

use super::exchange::{Answer, Exchange, Fetched};
use super::single::checked_text;
use super::{CallError, Machine, Output, Ready, Settings, Step, split_entropy};
use crate::api::request::RequestOptions;
use crate::api::{REPORT_RUN_CREATE, REPORT_RUN_RETRIEVE, RequestError};
use crate::form::FormValue;
use crate::json;

/// How a wait polls: every `poll_interval_ms`, for at most `timeout_ms` in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait {
    /// Between two retrievals of a pending run (default 1 s).
    pub poll_interval_ms: u64,
    /// The longest wait for a final status (default 10 minutes).
    pub timeout_ms: u64,
}

impl Default for Wait {
    fn default() -> Self {
        Self {
            poll_interval_ms: 1_000,
            timeout_ms: 600_000,
        }
    }
}

enum State {
    Fetching,
    /// The run just read is to be handed on as progress.
    Reporting,
    /// Progress was handed on; the run's status says what comes next.
    Deciding,
    /// Slept between two retrievals: the next poll retrieves.
    Slept,
    Succeeded,
    Failed(CallError),
}

/// A report run created and waited for: `Progress(run)` for each state read, then
/// `Done(Output::Answer(run))` once it succeeded.
pub struct ReportRun {
    settings: Settings,
    options: RequestOptions,
    exchange: Exchange,
    wait: Wait,
    started_ms: Option<u64>,
    /// The last run read, and its id and status.
    run: String,
    id: String,
    status: String,
    state: State,
}

impl ReportRun {
    /// Creates a report run with `params` (`report_type`, `parameters`, ...) and waits
    /// for it as `wait` says.
    pub fn new(
        params: &FormValue,
        settings: &Settings,
        entropy: [u8; 32],
        wait: Wait,
    ) -> Result<Self, RequestError> {
        let (key, seed) = split_entropy(entropy);
        let options = settings.request_options(key);
        let request = REPORT_RUN_CREATE.request(None, params, &options)?;
        Ok(Self {
            settings: settings.clone(),
            options,
            exchange: Exchange::new(request, settings, false, seed),
            wait,
            started_ms: None,
            run: String::new(),
            id: String::new(),
            status: String::new(),
            state: State::Fetching,
        })
    }

    fn advance(&mut self, now_ms: u64) -> Ready {
        let started = *self.started_ms.get_or_insert(now_ms);
        loop {
            self.state = match &self.state {
                State::Fetching => match self.exchange.fetch() {
                    Fetched::Pending(ready) => return ready,
                    Fetched::Failed(error) => State::Failed(error),
                    Fetched::Answer(answer) => match self.read(answer) {
                        Ok(()) => State::Reporting,
                        Err(error) => State::Failed(error),
                    },
                },
                State::Reporting => {
                    self.state = State::Deciding;
                    return Ready::Progress;
                }
                State::Deciding => match self.status.as_str() {
                    "succeeded" => State::Succeeded,
                    "pending" => {
                        let waited_ms = now_ms.saturating_sub(started);
                        let next_ms = waited_ms.saturating_add(self.wait.poll_interval_ms);
                        if next_ms > self.wait.timeout_ms {
                            State::Failed(CallError::StillPending {
                                id: self.id.clone(),
                                waited_ms,
                            })
                        } else {
                            self.state = State::Slept;
                            return Ready::Sleep(self.wait.poll_interval_ms);
                        }
                    }
                    _ => State::Failed(CallError::RunFailed {
                        id: self.id.clone(),
                        status: self.status.clone(),
                        reason: member_text(&self.run, &["error"]),
                        run: self.run.clone(),
                    }),
                },
                State::Slept => {
                    let retrieve = REPORT_RUN_RETRIEVE.request(
                        Some(&self.id),
                        &FormValue::Map(Vec::new()),
                        &self.options,
                    );
                    match retrieve {
                        Ok(request) => {
                            self.exchange.restart(request, &self.settings, false);
                            State::Fetching
                        }
                        Err(error) => State::Failed(CallError::Request(error)),
                    }
                }
                State::Succeeded => return Ready::Done,
                State::Failed(_) => return Ready::Fail,
            };
        }
    }

    /// Checks a run's answer and keeps the run, its id and its status.
    fn read(&mut self, answer: Answer) -> Result<(), CallError> {
        let text = checked_text(&REPORT_RUN_RETRIEVE, answer)?;
        // The model check has made sure `id` and `status` are strings.
        self.id = member_text(&text, &["id"]).unwrap_or_default();
        self.status = member_text(&text, &["status"]).unwrap_or_default();
        self.run = text;
        Ok(())
    }
}

/// The string at `path` (member names) in the JSON object `text`, if there is one.
pub(super) fn member_text(text: &str, path: &[&str]) -> Option<String> {
    let mut value = json::validate(text).ok()?;
    for name in path {
        value = value.member(name)?;
    }
    value.as_str().map(|text| text.into_owned())
}

impl Machine for ReportRun {
    fn poll(&mut self, now_ms: u64) -> Step<'_> {
        match (self.advance(now_ms), &self.state) {
            (Ready::Send, _) => Step::Send(self.exchange.outgoing()),
            (Ready::Sleep(ms), _) => Step::Sleep(ms),
            (Ready::Progress, _) => Step::Progress(&self.run),
            (_, State::Failed(error)) => Step::Fail(error.clone()),
            _ => Step::Done(Output::Answer(self.run.clone().into_bytes())),
        }
    }

    fn handle_response(&mut self, status: u16, headers: &[(&str, &str)], body: Vec<u8>) {
        self.exchange.handle_response(status, headers, body);
    }

    fn handle_connection_error(&mut self, reason: &str) {
        self.exchange.handle_connection_error(reason);
    }
}
