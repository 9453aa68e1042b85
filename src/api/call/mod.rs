//! Every call to Stripe as a sans-IO state machine: the core decides, a driver only
//! moves bytes. A machine answers [`poll`](Machine::poll) with the next [`Step`] (send
//! this request, sleep this long, here are items, done, failed) and takes each answer
//! back through [`handle_response`](Machine::handle_response) or
//! [`handle_connection_error`](Machine::handle_connection_error), in the manner of
//! quinn-proto's `poll_transmit`/`handle_timeout` and rustls' unbuffered API.
//!
//! The machines own everything between two sends: retries (the official SDKs' policy,
//! `Stripe-Should-Retry`, one `Idempotency-Key` for every attempt of a POST), checks of
//! each answer against the models, raw bodies (file contents), the three pagination
//! styles and report-run polling. Time (`now_ms` in `poll`) and entropy (32 bytes at
//! creation) are arguments, so a machine is deterministic.
//!
//! - [`Call`]: one endpoint (or a raw path), its answer checked.
//! - [`Pager`]: every item of a list, a search or a v2 list, each once.
//! - [`ReportRun`]: create a report run and wait until it is final.
//! - [`ResultRows`]: the typed rows of a report run's or a Sigma run's result file.
//!
//! ```
//! use stripe_edge::api::call::{Call, Machine, Output, Settings, Step};
//! use stripe_edge::api::INVOICE_RETRIEVE;
//! use stripe_edge::form::FormValue;
//!
//! let settings = Settings { api_key: Some("sk_test_123".into()), ..Settings::default() };
//! let params = FormValue::Map(Vec::new());
//! let mut call = Call::new(&INVOICE_RETRIEVE, Some("in_1"), &params, &settings, [7; 32])?;
//! let Step::Send(outgoing) = call.poll(0) else { panic!("a call starts by sending") };
//! assert_eq!(outgoing.url, "https://api.stripe.com/v1/invoices/in_1");
//!
//! // A 500 is retried after a backoff; the driver sleeps, then sends again.
//! call.handle_response(500, &[], br#"{"error":{"type":"api_error","message":"x"}}"#.to_vec());
//! assert!(matches!(call.poll(0), Step::Sleep(500..=1000)));
//! assert!(matches!(call.poll(0), Step::Send(_)));
//! call.handle_response(404, &[("request-id", "req_1")], br#"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such invoice"}}"#.to_vec());
//! let Step::Fail(error) = call.poll(0) else { panic!("a 404 is final") };
//! assert_eq!(error.to_string(), "No such invoice (invalid_request_error, resource_missing, HTTP 404)");
//! # Ok::<(), stripe_edge::api::RequestError>(())
//! ```

mod error;
mod exchange;
mod jitter;
mod pager;
mod report;
mod rows;
mod single;

use alloc::string::String;
use alloc::vec::Vec;

pub use error::CallError;
pub use exchange::Outgoing;
pub use pager::{Items, Pager};
pub use report::{ReportRun, Wait};
pub use rows::{FileKind, ResultRows};
pub use single::Call;

use super::request::RequestOptions;

/// The response headers a machine reads (lower case): the driver may hand over just
/// these instead of every header.
pub const RESPONSE_HEADERS: &[&str] = &["request-id", "stripe-should-retry", "retry-after"];

/// What the driver does next.
#[derive(Debug, PartialEq, Eq)]
pub enum Step<'a> {
    /// Send this request, then hand its answer to `handle_response`, or its failure to
    /// `handle_connection_error`.
    Send(&'a Outgoing),
    /// Wait this many milliseconds, then poll again.
    Sleep(u64),
    /// Items of a page to hand on, in order (a [`Pager`]); poll again for more.
    Items(Items<'a>),
    /// The object so far, while waiting for it to be final (a [`ReportRun`]'s pending
    /// run); poll again.
    Progress(&'a str),
    /// The call's value.
    Done(Output),
    /// The call failed; polling again fails the same way.
    Fail(CallError),
}

/// The value of a call that succeeded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// The body of the last answer, checked: JSON text of an object, a first page or
    /// a deletion, or a file's bytes.
    Answer(Vec<u8>),
    /// JSON text the machine made: the rows of a result file.
    Json(String),
    /// Nothing more: a pager has handed on every item.
    Finished,
}

/// A state machine of calls to Stripe, driven by a transport.
pub trait Machine {
    /// The next step, at `now_ms` (milliseconds on any clock that does not go back).
    fn poll(&mut self, now_ms: u64) -> Step<'_>;
    /// The answer to the last `Send`: its status, headers (any case; at least those in
    /// [`RESPONSE_HEADERS`]) and body.
    fn handle_response(&mut self, status: u16, headers: &[(&str, &str)], body: Vec<u8>);
    /// The last `Send` got no answer: the connection failed or timed out (`reason`, for
    /// the error message).
    fn handle_connection_error(&mut self, reason: &str);
}

/// Which step a machine is at, before it lends out what the step carries.
enum Ready {
    Send,
    Sleep(u64),
    Items,
    Progress,
    Done,
    Fail,
}

/// Where calls go and how: the API's origins, the key and version, and the retry and
/// timeout policy. Defaults are stripe-node's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The API's origin, `https://api.stripe.com` by default (a proxy or an emulator
    /// in tests), without a trailing slash.
    pub api_base: String,
    /// The origin of file contents, `https://files.stripe.com` by default.
    pub files_base: String,
    /// The secret key (or a proxy's token), sent as `Authorization: Bearer ...`.
    pub api_key: Option<String>,
    /// `Stripe-Version`.
    pub api_version: Option<String>,
    /// `Stripe-Account`: act as a connected account.
    pub stripe_account: Option<String>,
    /// `Stripe-Context`: a thin event's context.
    pub stripe_context: Option<String>,
    /// The `Idempotency-Key` of a POST; when `None`, one is made from the entropy.
    pub idempotency_key: Option<String>,
    /// Retries after the first attempt (stripe-node's `maxNetworkRetries`, 2).
    pub max_retries: u32,
    /// How long one attempt may take before it counts as a connection error
    /// (stripe-node's `timeout`, 80 s).
    pub timeout_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            api_base: "https://api.stripe.com".into(),
            files_base: "https://files.stripe.com".into(),
            api_key: None,
            api_version: None,
            stripe_account: None,
            stripe_context: None,
            idempotency_key: None,
            max_retries: super::retry::RetryPolicy::default().max_retries,
            timeout_ms: 80_000,
        }
    }
}

impl Settings {
    /// These settings with both hosts at `origin` (such as a proxy's or an emulator's,
    /// which serve file contents on the API's origin).
    pub fn with_origin(self, origin: &str) -> Self {
        let origin = String::from(origin.trim_end_matches('/'));
        Self {
            files_base: origin.clone(),
            api_base: origin,
            ..self
        }
    }

    /// The request options of these settings, with `key_entropy` for an
    /// `Idempotency-Key`.
    fn request_options(&self, key_entropy: [u8; 16]) -> RequestOptions {
        RequestOptions {
            api_key: self.api_key.clone(),
            api_version: self.api_version.clone(),
            idempotency_key: self.idempotency_key.clone(),
            entropy: Some(key_entropy),
            stripe_context: self.stripe_context.clone(),
            stripe_account: self.stripe_account.clone(),
        }
    }
}

/// 32 random bytes from the caller, split into an idempotency key's 16 and a jitter
/// seed.
fn split_entropy(entropy: [u8; 32]) -> ([u8; 16], u64) {
    let mut key = [0; 16];
    key.copy_from_slice(&entropy[..16]);
    let mut seed = [0; 8];
    seed.copy_from_slice(&entropy[16..24]);
    (key, u64::from_le_bytes(seed))
}
