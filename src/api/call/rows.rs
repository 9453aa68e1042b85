//! The typed rows of a result file: a report run's result (amounts in major-unit
//! decimals) or a Sigma scheduled query run's (amounts in minor units). For a Sigma run
//! the run is retrieved first and must have completed.

use alloc::string::String;
use alloc::vec::Vec;

use super::exchange::{Exchange, Fetched};
use super::report::member_text;
use super::single::{bytes, checked_text, not_json};
use super::{CallError, Machine, Output, Ready, Settings, Step, split_entropy};
use crate::api::csv::Table;
use crate::api::request::RequestOptions;
use crate::api::{Answer, FILE_CONTENTS, RequestError, SCHEDULED_QUERY_RUN_RETRIEVE};
use crate::form::FormValue;

/// Which kind of result file, which says how its amounts are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A report run's result: amounts as major-unit decimals.
    Report,
    /// A Sigma scheduled query run's result: amounts in minor units.
    Sigma,
}

enum State {
    /// The Sigma run is being retrieved.
    Run,
    /// The file's contents are being downloaded.
    File,
    Rows(String),
    Failed(CallError),
}

/// A result file's rows, as JSON text of an array of objects: money columns as
/// integers of minor units, other cells as strings, empty cells `null`.
pub struct ResultRows {
    settings: Settings,
    options: RequestOptions,
    exchange: Exchange,
    kind: FileKind,
    state: State,
}

impl ResultRows {
    /// The rows of the file `file_id`, of `kind`.
    pub fn file(
        file_id: &str,
        kind: FileKind,
        settings: &Settings,
        entropy: [u8; 32],
    ) -> Result<Self, RequestError> {
        Self::start(
            &FILE_CONTENTS,
            file_id,
            kind,
            State::File,
            settings,
            entropy,
        )
    }

    /// The rows of a report run's result file; `run` is the run's JSON text, as
    /// Stripe answered it once the run succeeded.
    pub fn report_run(
        run: &str,
        settings: &Settings,
        entropy: [u8; 32],
    ) -> Result<Self, RequestError> {
        let file =
            member_text(run, &["result", "id"]).ok_or_else(|| RequestError::BadParameters {
                reason: "the report run has no result file: only a succeeded run has one".into(),
            })?;
        Self::file(&file, FileKind::Report, settings, entropy)
    }

    /// The rows of the Sigma scheduled query run `id`: it is retrieved first and must
    /// have `completed`.
    pub fn sigma_run(
        id: &str,
        settings: &Settings,
        entropy: [u8; 32],
    ) -> Result<Self, RequestError> {
        let retrieve = &SCHEDULED_QUERY_RUN_RETRIEVE;
        Self::start(retrieve, id, FileKind::Sigma, State::Run, settings, entropy)
    }

    fn start(
        endpoint: &'static crate::api::Endpoint,
        id: &str,
        kind: FileKind,
        state: State,
        settings: &Settings,
        entropy: [u8; 32],
    ) -> Result<Self, RequestError> {
        let (key, seed) = split_entropy(entropy);
        let options = settings.request_options(key);
        let request = endpoint.request(Some(id), &FormValue::Map(Vec::new()), &options)?;
        let binary = endpoint.answer == Answer::Bytes;
        Ok(Self {
            exchange: Exchange::new(request, settings, binary, seed),
            settings: settings.clone(),
            options,
            kind,
            state,
        })
    }

    fn advance(&mut self) -> Ready {
        loop {
            self.state = match &self.state {
                State::Run => match self.exchange.fetch() {
                    Fetched::Pending(ready) => return ready,
                    Fetched::Failed(error) => State::Failed(error),
                    Fetched::Answer(answer) => {
                        let run = checked_text(&SCHEDULED_QUERY_RUN_RETRIEVE, answer);
                        match run.and_then(|run| self.download_sigma(&run)) {
                            Ok(()) => State::File,
                            Err(error) => State::Failed(error),
                        }
                    }
                },
                State::File => match self.exchange.fetch() {
                    Fetched::Pending(ready) => return ready,
                    Fetched::Failed(error) => State::Failed(error),
                    Fetched::Answer(answer) => {
                        match bytes(answer).and_then(|file| self.rows(&file)) {
                            Ok(rows) => State::Rows(rows),
                            Err(error) => State::Failed(error),
                        }
                    }
                },
                State::Rows(_) => return Ready::Done,
                State::Failed(_) => return Ready::Fail,
            };
        }
    }

    /// Starts the download of a completed Sigma `run`'s file.
    fn download_sigma(&mut self, run: &str) -> Result<(), CallError> {
        let status = member_text(run, &["status"]).unwrap_or_default();
        let file = member_text(run, &["file", "id"]);
        let Some(file) = file.filter(|_| status == "completed") else {
            return Err(CallError::RunFailed {
                id: member_text(run, &["id"]).unwrap_or_default(),
                status,
                reason: member_text(run, &["error", "message"]),
                run: run.into(),
            });
        };
        let empty = FormValue::Map(Vec::new());
        let request = FILE_CONTENTS
            .request(Some(&file), &empty, &self.options)
            .map_err(CallError::Request)?;
        self.exchange.restart(request, &self.settings, true);
        Ok(())
    }

    /// The file's rows; a file that is not UTF-8 is not CSV text.
    fn rows(&self, file: &[u8]) -> Result<String, CallError> {
        let text = core::str::from_utf8(file)
            .map_err(|error| not_json(Answer::Bytes, error.valid_up_to()))?;
        let table = match self.kind {
            FileKind::Report => Table::parse(text),
            FileKind::Sigma => Table::parse_sigma(text),
        };
        table
            .and_then(|table| table.to_json())
            .map_err(CallError::File)
    }
}

impl Machine for ResultRows {
    fn poll(&mut self, _now_ms: u64) -> Step<'_> {
        match (self.advance(), &self.state) {
            (Ready::Send, _) => Step::Send(self.exchange.outgoing()),
            (Ready::Sleep(ms), _) => Step::Sleep(ms),
            (_, State::Rows(rows)) => Step::Done(Output::Json(rows.clone())),
            (_, State::Failed(error)) => Step::Fail(error.clone()),
            _ => Step::Fail(CallError::OutOfOrder),
        }
    }

    fn handle_response(&mut self, status: u16, headers: &[(&str, &str)], body: Vec<u8>) {
        self.exchange.handle_response(status, headers, body);
    }

    fn handle_connection_error(&mut self, reason: &str) {
        self.exchange.handle_connection_error(reason);
    }
}
