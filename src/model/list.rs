//! The three page shapes of Stripe's API: v1 lists, v1 search results and v2 pages.

use alloc::string::String;
use alloc::vec::Vec;

use super::decode::{Decode, Fields, write_generic};
use super::encode::{Encode, ObjectWriter};
use super::error::DecodeError;
use super::path::Path;
use super::raw::Extra;
use super::shape::{FieldShape, Shape, StructShape};
use crate::json::RawJson;

/// The envelope of a v1 list; the shape of `data`'s elements is the list's own.
pub static LIST: StructShape = StructShape {
    tag: Some("list"),
    fields: &[
        FieldShape::required("data", &Shape::Vec(&Shape::Any)),
        FieldShape::required("has_more", &Shape::Bool),
        FieldShape::required("object", &Shape::Str),
        FieldShape::required("url", &Shape::Str),
    ],
};

/// The envelope of a v1 search result.
static SEARCH_RESULT: StructShape = StructShape {
    tag: Some("search_result"),
    fields: &[
        FieldShape::required("data", &Shape::Vec(&Shape::Any)),
        FieldShape::required("has_more", &Shape::Bool),
        FieldShape::optional("next_page", &Shape::Str).or_null(),
        FieldShape::required("object", &Shape::Str),
        FieldShape::optional("total_count", &Shape::Int),
        FieldShape::required("url", &Shape::Str),
    ],
};

/// The envelope of a v2 page.
static V2_PAGE: StructShape = StructShape {
    tag: None,
    fields: &[
        FieldShape::required("data", &Shape::Vec(&Shape::Any)),
        FieldShape::required("next_page_url", &Shape::Str).or_null(),
        FieldShape::required("previous_page_url", &Shape::Str).or_null(),
    ],
};

/// A page of a v1 list (`"object": "list"`); the next page starts after the last
/// item's id.
#[derive(Clone, Debug, PartialEq)]
pub struct List<T> {
    /// The items on this page.
    pub data: Vec<T>,
    /// Whether there are more items after this page.
    pub has_more: bool,
    /// The URL the list is read from.
    pub url: String,
    /// Members this model does not know (such as `total_count`).
    pub extra: Extra,
}

impl<T: Decode> Decode for List<T> {
    fn write_name(out: &mut String) {
        write_generic::<T>(out, "List");
    }

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &LIST)?;
        Ok(Self {
            data: fields.required(0)?,
            has_more: fields.required(1)?,
            url: fields.required(3)?,
            extra: fields.extra(),
        })
    }
}

impl<T: Encode> Encode for List<T> {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("data", &self.data);
        object.field("has_more", &self.has_more);
        object.tag("object", "list");
        object.field("url", &self.url);
        object.extra(&self.extra);
        object.finish();
    }
}

/// A page of v1 search results (`"object": "search_result"`); the next page is asked
/// for with `page` set to `next_page`.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResult<T> {
    /// The items on this page.
    pub data: Vec<T>,
    /// Whether there are more results after this page.
    pub has_more: bool,
    /// The cursor for the next page: `Some(Some(_))` when there is one; Stripe sends
    /// `null` or leaves it out when there is none.
    pub next_page: Option<Option<String>>,
    /// The total number of results, when the request asked for it.
    pub total_count: Option<i64>,
    /// The URL the results are read from.
    pub url: String,
    /// Members this model does not know.
    pub extra: Extra,
}

impl<T> SearchResult<T> {
    /// The cursor for the next page, if there is one.
    pub fn next_page(&self) -> Option<&str> {
        self.next_page.as_ref()?.as_deref()
    }
}

impl<T: Decode> Decode for SearchResult<T> {
    fn write_name(out: &mut String) {
        write_generic::<T>(out, "SearchResult");
    }

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &SEARCH_RESULT)?;
        Ok(Self {
            data: fields.required(0)?,
            has_more: fields.required(1)?,
            next_page: fields.optional(2)?,
            total_count: fields.optional(4)?,
            url: fields.required(5)?,
            extra: fields.extra(),
        })
    }
}

impl<T: Encode> Encode for SearchResult<T> {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("data", &self.data);
        object.field("has_more", &self.has_more);
        object.optional("next_page", &self.next_page);
        object.tag("object", "search_result");
        object.optional("total_count", &self.total_count);
        object.field("url", &self.url);
        object.extra(&self.extra);
        object.finish();
    }
}

/// A page of a v2 list; the neighbouring pages are fetched from their URLs.
#[derive(Clone, Debug, PartialEq)]
pub struct V2Page<T> {
    /// The items on this page.
    pub data: Vec<T>,
    /// The path and query of the next page, if there is one.
    pub next_page_url: Option<String>,
    /// The path and query of the previous page, if there is one.
    pub previous_page_url: Option<String>,
    /// Members this model does not know.
    pub extra: Extra,
}

impl<T: Decode> Decode for V2Page<T> {
    fn write_name(out: &mut String) {
        write_generic::<T>(out, "V2Page");
    }

    fn decode(value: RawJson<'_>, path: &Path<'_>) -> Result<Self, DecodeError> {
        let fields = Fields::read(value, path, &V2_PAGE)?;
        Ok(Self {
            data: fields.required(0)?,
            next_page_url: fields.required(1)?,
            previous_page_url: fields.required(2)?,
            extra: fields.extra(),
        })
    }
}

impl<T: Encode> Encode for V2Page<T> {
    fn encode(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object.field("data", &self.data);
        object.field("next_page_url", &self.next_page_url);
        object.field("previous_page_url", &self.previous_page_url);
        object.extra(&self.extra);
        object.finish();
    }
}
