//! Every item of a list, a search or a v2 list, as a machine: each page is fetched with
//! its retries, checked against the models, read by a [`Cursor`], and its items handed
//! on; then the next page's request is built from the cursor, until the list ends or
//! the caller's limit is reached. An item whose id was already handed on (pages that
//! overlap because the list changed while it was walked) is not handed on again.

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::ops::Range;

use super::exchange::{Answer, Exchange, Fetched};
use super::single::checked_text;
use super::{CallError, Machine, Output, Ready, Settings, Step, split_entropy};
use crate::api::pagination::{Cursor, Next, PageError};
use crate::api::request::RequestOptions;
use crate::api::{Answer as EndpointAnswer, Endpoint, RequestError};
use crate::form::{self, FormValue};
use crate::json::RawJson;

/// The items of one page, in the order to hand them on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Items<'a> {
    page: &'a str,
    spans: &'a [Range<usize>],
}

impl<'a> Items<'a> {
    /// The whole page the items come from, as Stripe answered it (awaiting a list in
    /// stripe-node gives the first page).
    pub fn page(&self) -> &'a str {
        self.page
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Each item's JSON text.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let page = self.page;
        self.spans.iter().map(move |span| &page[span.clone()])
    }

    /// The items as the JSON text of an array.
    pub fn to_json_array(&self) -> String {
        let size = self.spans.iter().map(|span| span.len() + 1).sum::<usize>();
        let mut out = String::with_capacity(size + 2);
        out.push('[');
        for (index, item) in self.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str(item);
        }
        out.push(']');
        out
    }
}

enum State {
    /// A page's exchange is under way.
    Fetching,
    /// A page's items are read and not yet handed on.
    Handing,
    /// The items were handed on: the next poll asks for the next page.
    Handed,
    Finished,
    Failed(CallError),
}

/// Every item of a list, each once, as [`Step::Items`] page by page, then
/// `Done(Output::Finished)`.
pub struct Pager {
    endpoint: &'static Endpoint,
    id: Option<String>,
    params: FormValue,
    options: RequestOptions,
    settings: Settings,
    exchange: Exchange,
    cursor: Cursor,
    /// Ids handed on, so an item on two pages is handed on once.
    seen: BTreeSet<String>,
    /// Items still wanted, when the caller set a limit.
    remaining: Option<usize>,
    page: String,
    spans: Vec<Range<usize>>,
    state: State,
}

impl Pager {
    /// A walk of `endpoint` (a list, a search or a v2 list) from the request `id` and
    /// `params` make; with `limit`, it ends after that many items.
    pub fn new(
        endpoint: &'static Endpoint,
        id: Option<&str>,
        params: &FormValue,
        settings: &Settings,
        entropy: [u8; 32],
        limit: Option<usize>,
    ) -> Result<Self, RequestError> {
        let EndpointAnswer::Page(style, _) = endpoint.answer else {
            return Err(RequestError::BadParameters {
                reason: alloc::format!("{} answers no list to page through", endpoint.name),
            });
        };
        let (key, seed) = split_entropy(entropy);
        let options = settings.request_options(key);
        let request = endpoint.request(id, params, &options)?;
        Ok(Self {
            endpoint,
            id: id.map(String::from),
            params: params.clone(),
            options,
            settings: settings.clone(),
            exchange: Exchange::new(request, settings, false, seed),
            cursor: Cursor::new(style, params.get("ending_before").is_some()),
            seen: BTreeSet::new(),
            remaining: limit,
            page: String::new(),
            spans: Vec::new(),
            state: State::Fetching,
        })
    }

    /// The walk from its first page, `first_page`, already fetched (by a [`Call`] of the
    /// same request: awaiting a list in stripe-node gives its first page, and iterating
    /// it then goes on from there); it is checked and read as if it had just arrived.
    ///
    /// [`Call`]: super::Call
    pub fn with_first_page(mut self, first_page: Vec<u8>) -> Self {
        self.exchange.answered(first_page);
        self
    }

    /// Moves on as far as it can without the driver; says which step is next.
    fn advance(&mut self) -> Ready {
        loop {
            match &self.state {
                State::Fetching => {
                    self.state = match self.exchange.fetch() {
                        Fetched::Pending(ready) => return ready,
                        Fetched::Failed(error) => State::Failed(error),
                        Fetched::Answer(answer) => match self.read(answer) {
                            Ok(()) if self.spans.is_empty() => State::Handed,
                            Ok(()) => State::Handing,
                            Err(error) => State::Failed(error),
                        },
                    };
                }
                State::Handing => {
                    self.state = State::Handed;
                    return Ready::Items;
                }
                State::Handed => {
                    self.state = match self.next_page() {
                        Ok(true) => State::Fetching,
                        Ok(false) => State::Finished,
                        Err(error) => State::Failed(error),
                    };
                }
                State::Finished => return Ready::Done,
                State::Failed(_) => return Ready::Fail,
            }
        }
    }

    /// Checks a page's answer, reads it with the cursor, and keeps the items to hand
    /// on: those not seen before, up to the limit.
    fn read(&mut self, answer: Answer) -> Result<(), CallError> {
        let text = checked_text(self.endpoint, answer)?;
        let page = self.cursor.read_page(&text).map_err(CallError::Page)?;
        let start = text.as_ptr() as usize;
        self.spans.clear();
        for item in page.items {
            if self.remaining == Some(0) {
                break;
            }
            if let Some(id) = item.member("id").and_then(RawJson::as_str)
                && !self.seen.insert(id.into_owned())
            {
                continue;
            }
            let offset = item.get().as_ptr() as usize - start;
            self.spans.push(offset..offset + item.get().len());
            self.remaining = self.remaining.map(|n| n - 1);
        }
        self.page = text;
        Ok(())
    }

    /// Starts the next page's exchange; `false` when the list (or the limit) ends.
    fn next_page(&mut self) -> Result<bool, CallError> {
        if self.remaining == Some(0) {
            return Ok(false);
        }
        match self.cursor.next() {
            Next::Done => return Ok(false),
            Next::Param { name, value } => set(&mut self.params, name, value),
            Next::Url(url) => self.params = self.query_of(&url)?,
        }
        let request = self
            .endpoint
            .request(self.id.as_deref(), &self.params, &self.options)
            .map_err(CallError::Request)?;
        self.exchange.restart(request, &self.settings, false);
        Ok(true)
    }

    /// The parameters in a v2 page's `next_page_url`, which must be the same list.
    fn query_of(&self, url: &str) -> Result<FormValue, CallError> {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let first = &self.exchange.outgoing().request.path;
        if first.split('?').next() != Some(path) {
            return Err(CallError::Page(PageError::Shape {
                field: "next_page_url",
                expected: "a URL of the same list",
            }));
        }
        form::decode(query).map_err(|error| {
            CallError::Request(RequestError::BadParameters {
                reason: alloc::format!("next_page_url: {error}"),
            })
        })
    }
}

/// Sets the top-level parameter `name` to `value`, replacing an earlier value.
fn set(params: &mut FormValue, name: &str, value: String) {
    if let FormValue::Map(members) = params {
        members.retain(|(key, _)| key != name);
        members.push((name.to_string(), FormValue::Text(value)));
    }
}

impl Machine for Pager {
    fn poll(&mut self, _now_ms: u64) -> Step<'_> {
        match self.advance() {
            Ready::Send => Step::Send(self.exchange.outgoing()),
            Ready::Sleep(ms) => Step::Sleep(ms),
            Ready::Items => Step::Items(Items {
                page: &self.page,
                spans: &self.spans,
            }),
            Ready::Done | Ready::Progress => Step::Done(Output::Finished),
            Ready::Fail => match &self.state {
                State::Failed(error) => Step::Fail(error.clone()),
                _ => Step::Fail(CallError::OutOfOrder),
            },
        }
    }

    fn handle_response(&mut self, status: u16, headers: &[(&str, &str)], body: Vec<u8>) {
        self.exchange.handle_response(status, headers, body);
    }

    fn handle_connection_error(&mut self, reason: &str) {
        self.exchange.handle_connection_error(reason);
    }
}
