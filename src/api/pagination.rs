//! Paging through Stripe's lists without the HTTP: a [`Cursor`] reads each page's body
//! and says which request fetches the next one, in the three styles Stripe's API has,
//! the way stripe-node's `autoPagination` walks them:
//!
//! - [`Style::List`], v1 lists (`{"object":"list","data":[...],"has_more":true}`): the
//!   next page is the same request with `starting_after` set to the last item's id; or,
//!   when the first request had `ending_before` (paging backwards), with
//!   `ending_before` set to the page's first item's id, and each page's items are
//!   yielded last to first.
//! - [`Style::Search`], v1 search (`{"object":"search_result",...,"next_page":"..."}`):
//!   the same request with `page` set to `next_page`.
//! - [`Style::V2`], v2 lists (`{"data":[...],"next_page_url":"/v2/...?page=..."}`): a GET
//!   of `next_page_url` as it is.
//!
//! ```
//! use stripe_edge::api::pagination::{Cursor, Next, Style};
//!
//! let mut cursor = Cursor::new(Style::List, false);
//! let body = r#"{"object":"list","data":[{"id":"cus_1"},{"id":"cus_2"}],"has_more":true}"#;
//! let page = cursor.read_page(body)?;
//! assert_eq!(page.items.len(), 2);
//! assert_eq!(cursor.next(), Next::Param { name: "starting_after", value: "cus_2".into() });
//!
//! cursor.read_page(r#"{"object":"list","data":[{"id":"cus_3"}],"has_more":false}"#)?;
//! assert_eq!(cursor.next(), Next::Done);
//! # Ok::<(), stripe_edge::api::pagination::PageError>(())
//! ```

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::json::{self, JsonError, Kind, RawJson};

/// The most items stripe-node's `autoPagingToArray` collects; longer walks should
/// handle items as they come instead of holding them all.
pub const MAX_AUTO_PAGING: usize = 10_000;

/// Which of Stripe's pagination styles a list uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// v1 lists: `data`, `has_more`, and item ids as cursors.
    List,
    /// v1 search results: `data`, `has_more` and a `next_page` token.
    Search,
    /// v2 lists: `data` and a `next_page_url`.
    V2,
}

/// The request that fetches the page after the last one read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// There is no next page (or paging ended with an error).
    Done,
    /// The first request again, with this one parameter set (replacing any earlier
    /// value of it).
    Param {
        /// `starting_after`, `ending_before` or `page`.
        name: &'static str,
        /// The parameter's value: an item's id or a search page token.
        value: String,
    },
    /// A GET of this path and query, relative to the API's host.
    Url(String),
}

/// The items of one page, in the order to yield them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<'a> {
    /// The page's items as raw JSON values, reversed from the server's order when
    /// paging a list backwards.
    pub items: Vec<RawJson<'a>>,
}

/// Why a page could not be read; the cursor is done after any of them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PageError {
    /// The body is not JSON.
    Json(JsonError),
    /// The body is JSON but not an object.
    NotObject,
    /// The page's member `field` is missing or not `expected`.
    Shape {
        /// The member at fault, such as `data`.
        field: &'static str,
        /// What it should be, such as `an array`.
        expected: &'static str,
    },
    /// The list item at `index` (in the server's order) has no non-empty string `id`,
    /// so no cursor can point at it.
    MissingId {
        /// The item's position in `data`.
        index: usize,
    },
    /// `has_more` is true but `data` is empty: there is no item to page on from.
    NoItems,
    /// The next cursor is one already followed: the server would send the same pages
    /// again, forever.
    RepeatedCursor(String),
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json(error) => write!(f, "page is not JSON: {error}"),
            Self::NotObject => f.write_str("page is not a JSON object"),
            Self::Shape { field, expected } => {
                write!(f, "page member '{field}' should be {expected}")
            }
            Self::MissingId { index } => write!(f, "list item {index} has no string 'id'"),
            Self::NoItems => f.write_str("page has more after it but no items to page from"),
            Self::RepeatedCursor(cursor) => {
                write!(f, "page cursor '{cursor}' was already followed")
            }
        }
    }
}

impl core::error::Error for PageError {}

/// The state of one walk through a list: its style, direction, next request and the
/// cursors already followed.
#[derive(Clone, Debug)]
pub struct Cursor {
    style: Style,
    backwards: bool,
    next: Next,
    /// Every cursor value handed out, so that a server repeating one (a loop of any
    /// length) ends the walk instead of running it forever.
    followed: BTreeSet<String>,
}

impl Cursor {
    /// A cursor for a list of `style`; `backwards` when the first request set
    /// `ending_before` (meaningful for [`Style::List`] only: search and v2 pages have
    /// one direction).
    pub fn new(style: Style, backwards: bool) -> Self {
        Self {
            style,
            backwards: backwards && style == Style::List,
            next: Next::Done,
            followed: BTreeSet::new(),
        }
    }

    /// Reads the body of the page just fetched: checks its shape, gives its items and
    /// moves [`Cursor::next`] on to the page after it, or to `Done` on an error.
    pub fn read_page<'a>(&mut self, body: &'a str) -> Result<Page<'a>, PageError> {
        match self.read(body) {
            Ok((page, next)) => {
                self.next = next;
                Ok(page)
            }
            Err(error) => {
                self.next = Next::Done;
                Err(error)
            }
        }
    }

    /// The request for the page after the last one read; `Done` before the first.
    pub fn next(&self) -> Next {
        self.next.clone()
    }

    fn read<'a>(&mut self, body: &'a str) -> Result<(Page<'a>, Next), PageError> {
        let root = json::validate(body).map_err(PageError::Json)?;
        if root.kind() != Kind::Object {
            return Err(PageError::NotObject);
        }
        let mut items: Vec<RawJson<'a>> = root
            .member("data")
            .and_then(RawJson::elements)
            .ok_or(shape("data", "an array"))?
            .collect();
        let next = match self.style {
            Style::List => self.list_next(root, &items)?,
            Style::Search => search_next(root)?,
            Style::V2 => v2_next(root)?,
        };
        if let Next::Param { value, .. } | Next::Url(value) = &next
            && !self.followed.insert(value.clone())
        {
            return Err(PageError::RepeatedCursor(value.clone()));
        }
        if self.backwards {
            items.reverse();
        }
        Ok((Page { items }, next))
    }

    fn list_next(&self, root: RawJson<'_>, items: &[RawJson<'_>]) -> Result<Next, PageError> {
        expect_object_type(root, "list", "\"list\"")?;
        let ids = items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                item.member("id")
                    .and_then(RawJson::as_str)
                    .filter(|id| !id.is_empty())
                    .ok_or(PageError::MissingId { index })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if !has_more(root)? {
            return Ok(Next::Done);
        }
        let (name, id) = if self.backwards {
            ("ending_before", ids.first())
        } else {
            ("starting_after", ids.last())
        };
        let id = id.ok_or(PageError::NoItems)?;
        Ok(Next::Param {
            name,
            value: id.to_string(),
        })
    }
}

/// The next request after a search page: `page` = `next_page` while `has_more`.
fn search_next(root: RawJson<'_>) -> Result<Next, PageError> {
    expect_object_type(root, "search_result", "\"search_result\"")?;
    if !has_more(root)? {
        return Ok(Next::Done);
    }
    let token = root
        .member("next_page")
        .and_then(RawJson::as_str)
        .filter(|token| !token.is_empty())
        .ok_or(shape("next_page", "a string when has_more is true"))?;
    Ok(Next::Param {
        name: "page",
        value: token.into_owned(),
    })
}

/// The next request after a v2 page: `next_page_url` until it is null, absent or empty
/// (stripe-node's `page.next_page_url || null`).
fn v2_next(root: RawJson<'_>) -> Result<Next, PageError> {
    let Some(url) = root.member("next_page_url").filter(|url| !url.is_null()) else {
        return Ok(Next::Done);
    };
    let url = url
        .as_str()
        .ok_or(shape("next_page_url", "a string or null"))?;
    Ok(if url.is_empty() {
        Next::Done
    } else {
        Next::Url(url.into_owned())
    })
}

/// Checks that the page's `object` is `expected`.
fn expect_object_type(
    root: RawJson<'_>,
    expected: &str,
    quoted: &'static str,
) -> Result<(), PageError> {
    match root.member("object").and_then(RawJson::as_str) {
        Some(object) if object == expected => Ok(()),
        _ => Err(shape("object", quoted)),
    }
}

/// The page's `has_more`, which v1 pages always have.
fn has_more(root: RawJson<'_>) -> Result<bool, PageError> {
    root.member("has_more")
        .and_then(RawJson::as_bool)
        .ok_or(shape("has_more", "a boolean"))
}

fn shape(field: &'static str, expected: &'static str) -> PageError {
    PageError::Shape { field, expected }
}

/// Why a limit for collecting a whole list is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitError {
    /// A limit of 0: stripe-node requires one ("You must pass a `limit` option").
    Zero,
    /// More than [`MAX_AUTO_PAGING`] items.
    TooLarge,
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Zero => f.write_str("a limit of at least one item is required"),
            Self::TooLarge => write!(
                f,
                "a limit above {MAX_AUTO_PAGING} items is refused; handle items as they come"
            ),
        }
    }
}

impl core::error::Error for LimitError {}

/// Checks the limit of a collect-everything walk as stripe-node's `autoPagingToArray`
/// does: at least 1 and at most [`MAX_AUTO_PAGING`]; the walk stops after that many.
pub fn check_limit(limit: usize) -> Result<usize, LimitError> {
    match limit {
        0 => Err(LimitError::Zero),
        1..=MAX_AUTO_PAGING => Ok(limit),
        _ => Err(LimitError::TooLarge),
    }
}
