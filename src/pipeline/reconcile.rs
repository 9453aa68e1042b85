//! Reconciliation against Stripe's record: the events Stripe has not managed to
//! deliver (`GET /v1/events?delivery_success=false`, created within a look-back window),
//! page by page, fed into the same accept path as deliveries (the ledger de-duplicates
//! them). A [`Reconcile`] says which page to fetch next and reads each answer; the
//! Worker makes the calls with the core's call machines.

use alloc::string::String;
use alloc::vec::Vec;

use crate::form::{self, FormValue};
use crate::json::{self, RawJson};

/// Events per page.
pub const PAGE_SIZE: u32 = 100;

/// The most events one run reads (the next run carries on where Stripe still lists
/// events as undelivered).
pub const MAX_EVENTS: u32 = 1_000;

/// The longest look-back, in hours (Stripe lists 30 days of events).
pub const MAX_LOOKBACK_HOURS: u32 = 720;

/// An event Stripe lists as not delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missed {
    /// Its id.
    pub id: String,
    /// Its type.
    pub type_: String,
    /// The event object's JSON text, as the API answered it.
    pub payload: String,
}

/// Why a page cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageError;

impl core::fmt::Display for PageError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the events list is not a list of events")
    }
}

impl core::error::Error for PageError {}

/// One reconciliation run: the pages still to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconcile {
    since: i64,
    starting_after: Option<String>,
    read: u32,
    finished: bool,
}

impl Reconcile {
    /// A run at `now` (unix seconds) over the last `lookback_hours` (at most
    /// [`MAX_LOOKBACK_HOURS`]).
    pub fn new(now: i64, lookback_hours: u32) -> Self {
        let window = i64::from(lookback_hours.min(MAX_LOOKBACK_HOURS)).saturating_mul(3_600);
        Self {
            since: now.saturating_sub(window),
            starting_after: None,
            read: 0,
            finished: false,
        }
    }

    /// The API path of the next page, or `None` when the run is over.
    pub fn next_path(&self) -> Option<String> {
        if self.finished || self.read >= MAX_EVENTS {
            return None;
        }
        let mut digits = itoa::Buffer::new();
        let mut params = alloc::vec![
            (String::from("delivery_success"), text("false")),
            (
                String::from("created"),
                FormValue::Map(alloc::vec![(
                    String::from("gte"),
                    text(digits.format(self.since))
                )]),
            ),
            (
                String::from("limit"),
                text(itoa::Buffer::new().format(PAGE_SIZE)),
            ),
        ];
        if let Some(last) = &self.starting_after {
            params.push((String::from("starting_after"), text(last)));
        }
        Some(alloc::format!(
            "/v1/events?{}",
            form::encode(&FormValue::Map(params))
        ))
    }

    /// Reads the answer to the last page: its events (those with an id and a type),
    /// and where the next page starts.
    pub fn read_page(&mut self, body: &str) -> Result<Vec<Missed>, PageError> {
        let root = json::validate(body).map_err(|_| PageError)?;
        let data = root
            .member("data")
            .and_then(RawJson::elements)
            .ok_or(PageError)?;
        let text = |value: RawJson<'_>, name: &str| {
            value
                .member(name)
                .and_then(RawJson::as_str)
                .map(|text| text.into_owned())
        };
        let mut missed = Vec::new();
        let mut last = None;
        for event in data {
            let id = text(event, "id").ok_or(PageError)?;
            last = Some(id.clone());
            self.read = self.read.saturating_add(1);
            if let Some(type_) = text(event, "type") {
                missed.push(Missed {
                    id,
                    type_,
                    payload: event.get().into(),
                });
            }
        }
        let has_more = root
            .member("has_more")
            .and_then(RawJson::as_bool)
            .unwrap_or(false);
        self.finished = !has_more || last.is_none();
        self.starting_after = last;
        Ok(missed)
    }
}

fn text(value: &str) -> FormValue {
    FormValue::Text(value.into())
}
