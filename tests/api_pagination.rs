//! Pagination cursors fed hand-written pages of each style, checked against what
//! stripe-node's `autoPagination` would request next and yield.
// Property tests: native only (their random source has no wasm32 build).
#![cfg(not(target_family = "wasm"))]

use proptest::prelude::*;
use stripe_edge::api::pagination::{
    Cursor, LimitError, MAX_AUTO_PAGING, Next, PageError, Style, check_limit,
};

fn param(name: &'static str, value: &str) -> Next {
    Next::Param {
        name,
        value: value.into(),
    }
}

/// The source text of each item of a page.
fn texts(cursor: &mut Cursor, body: &str) -> Result<Vec<String>, PageError> {
    let page = cursor.read_page(body)?;
    Ok(page
        .items
        .iter()
        .map(|item| item.get().to_owned())
        .collect())
}

/// The `id` of each item of a page.
fn ids(cursor: &mut Cursor, body: &str) -> Vec<String> {
    let page = cursor.read_page(body).expect("a valid page");
    page.items
        .iter()
        .map(|item| {
            let value: serde_json::Value = serde_json::from_str(item.get()).expect("JSON");
            value["id"].as_str().expect("an id").to_owned()
        })
        .collect()
}

#[test]
fn list_pages_continue_after_the_last_item() {
    let mut cursor = Cursor::new(Style::List, false);
    assert_eq!(cursor.next(), Next::Done);
    let first = r#"{
        "object": "list",
        "url": "/v1/customers",
        "has_more": true,
        "data": [
            {"id": "cus_3", "object": "customer", "email": null},
            {"id": "cus_2", "object": "customer", "metadata": {"id": "not this one"}},
            {"object": "customer", "id": "cus_1"}
        ]
    }"#;
    assert_eq!(
        texts(&mut cursor, first).unwrap(),
        [
            r#"{"id": "cus_3", "object": "customer", "email": null}"#,
            r#"{"id": "cus_2", "object": "customer", "metadata": {"id": "not this one"}}"#,
            r#"{"object": "customer", "id": "cus_1"}"#,
        ]
    );
    assert_eq!(cursor.next(), param("starting_after", "cus_1"));

    let second =
        r#"{"object":"list","data":[{"id":"cus_0"}],"has_more":false,"url":"/v1/customers"}"#;
    assert_eq!(ids(&mut cursor, second), ["cus_0"]);
    assert_eq!(cursor.next(), Next::Done);
}

#[test]
fn list_pages_backwards_continue_before_the_first_item_and_yield_in_reverse() {
    // Lists are newest first; `ending_before=ch_3` gives the items newer than ch_3, in
    // list order, and stripe-node yields them oldest first.
    let mut cursor = Cursor::new(Style::List, true);
    let first =
        r#"{"object":"list","data":[{"id":"ch_6"},{"id":"ch_5"},{"id":"ch_4"}],"has_more":true}"#;
    assert_eq!(ids(&mut cursor, first), ["ch_4", "ch_5", "ch_6"]);
    assert_eq!(cursor.next(), param("ending_before", "ch_6"));

    let second = r#"{"object":"list","data":[{"id":"ch_8"},{"id":"ch_7"}],"has_more":false}"#;
    assert_eq!(ids(&mut cursor, second), ["ch_7", "ch_8"]);
    assert_eq!(cursor.next(), Next::Done);
}

#[test]
fn list_ids_are_unescaped() {
    let mut cursor = Cursor::new(Style::List, false);
    let page = r#"{"object":"list","data":[{"id":"cus_\u0041\"b"}],"has_more":true}"#;
    assert_eq!(
        texts(&mut cursor, page).unwrap(),
        [r#"{"id":"cus_\u0041\"b"}"#]
    );
    assert_eq!(cursor.next(), param("starting_after", "cus_A\"b"));
}

#[test]
fn list_end_conditions() {
    // An empty list.
    let mut cursor = Cursor::new(Style::List, false);
    let empty = r#"{"object":"list","data":[],"has_more":false,"url":"/v1/invoices"}"#;
    assert_eq!(texts(&mut cursor, empty).unwrap(), Vec::<String>::new());
    assert_eq!(cursor.next(), Next::Done);

    // A full page that happens to be the last.
    let mut cursor = Cursor::new(Style::List, false);
    let last = r#"{"object":"list","data":[{"id":"in_2"},{"id":"in_1"}],"has_more":false}"#;
    assert_eq!(ids(&mut cursor, last), ["in_2", "in_1"]);
    assert_eq!(cursor.next(), Next::Done);
}

#[test]
fn search_pages_continue_with_next_page() {
    let mut cursor = Cursor::new(Style::Search, false);
    let first = r#"{
        "object": "search_result",
        "url": "/v1/customers/search",
        "has_more": true,
        "data": [{"id": "cus_9"}, {"id": "cus_4"}],
        "next_page": "WzE2OTk5OTk5OTksImN1c180Il0="
    }"#;
    assert_eq!(ids(&mut cursor, first), ["cus_9", "cus_4"]);
    assert_eq!(cursor.next(), param("page", "WzE2OTk5OTk5OTksImN1c180Il0="));

    let second =
        r#"{"object":"search_result","data":[{"id":"cus_2"}],"has_more":false,"next_page":null}"#;
    assert_eq!(ids(&mut cursor, second), ["cus_2"]);
    assert_eq!(cursor.next(), Next::Done);
}

#[test]
fn search_pages_are_not_reversed_and_may_be_empty() {
    // `backwards` is a list concept; search results have one direction.
    let mut cursor = Cursor::new(Style::Search, true);
    let first = r#"{"object":"search_result","data":[{"id":"a"},{"id":"b"}],
        "has_more":true,"next_page":"p2"}"#;
    assert_eq!(ids(&mut cursor, first), ["a", "b"]);
    assert_eq!(cursor.next(), param("page", "p2"));
    let empty = r#"{"object":"search_result","data":[],"has_more":true,"next_page":"p3"}"#;
    assert_eq!(texts(&mut cursor, empty).unwrap(), Vec::<String>::new());
    assert_eq!(cursor.next(), param("page", "p3"));
    // has_more false ends the walk even with a token.
    let last =
        r#"{"object":"search_result","data":[{"id":"c"}],"has_more":false,"next_page":"p4"}"#;
    assert_eq!(ids(&mut cursor, last), ["c"]);
    assert_eq!(cursor.next(), Next::Done);
}

#[test]
fn v2_pages_continue_with_next_page_url() {
    let mut cursor = Cursor::new(Style::V2, false);
    let first = r#"{
        "data": [
            {"id": "evt_1", "object": "v2.core.event"},
            {"id": "evt_2", "object": "v2.core.event"}
        ],
        "next_page_url": "/v2/core/events?object_id=x&page=abc",
        "previous_page_url": null
    }"#;
    assert_eq!(ids(&mut cursor, first), ["evt_1", "evt_2"]);
    assert_eq!(
        cursor.next(),
        Next::Url("/v2/core/events?object_id=x&page=abc".into())
    );

    let empty = r#"{"data":[],"next_page_url":"/v2/core/events?object_id=x&page=def"}"#;
    assert_eq!(texts(&mut cursor, empty).unwrap(), Vec::<String>::new());
    assert_eq!(
        cursor.next(),
        Next::Url("/v2/core/events?object_id=x&page=def".into())
    );

    let last = r#"{"data":[{"id":"evt_3"}],"next_page_url":null,
        "previous_page_url":"/v2/core/events?page=abc"}"#;
    assert_eq!(ids(&mut cursor, last), ["evt_3"]);
    assert_eq!(cursor.next(), Next::Done);
}

#[test]
fn v2_end_conditions() {
    // stripe-node's `page.next_page_url || null`: absent and empty end the walk too.
    for body in [
        r#"{"data":[1,"two",{"three":3}],"next_page_url":null}"#,
        r#"{"data":[1,"two",{"three":3}]}"#,
        r#"{"data":[1,"two",{"three":3}],"next_page_url":""}"#,
    ] {
        let mut cursor = Cursor::new(Style::V2, false);
        assert_eq!(
            texts(&mut cursor, body).unwrap(),
            ["1", r#""two""#, r#"{"three":3}"#],
            "{body}"
        );
        assert_eq!(cursor.next(), Next::Done, "{body}");
    }
}

#[test]
fn malformed_pages_are_errors_naming_the_fault() {
    let shape = |field, expected| PageError::Shape { field, expected };
    let cases: Vec<(Style, &str, PageError)> = vec![
        // Not JSON.
        (
            Style::List,
            "",
            PageError::Json(stripe_edge::JsonError {
                offset: 0,
                expected: "a value",
            }),
        ),
        (
            Style::V2,
            r#"{"data":[] "#,
            PageError::Json(stripe_edge::JsonError {
                offset: 11,
                expected: "',' or '}'",
            }),
        ),
        (
            Style::Search,
            "<html>502 Bad Gateway</html>",
            PageError::Json(stripe_edge::JsonError {
                offset: 0,
                expected: "a value",
            }),
        ),
        // JSON of the wrong shape.
        (Style::List, "[]", PageError::NotObject),
        (Style::V2, r#""data""#, PageError::NotObject),
        (
            Style::List,
            r#"{"object":"list","has_more":false}"#,
            shape("data", "an array"),
        ),
        (
            Style::List,
            r#"{"object":"list","data":{},"has_more":false}"#,
            shape("data", "an array"),
        ),
        (
            Style::V2,
            r#"{"next_page_url":null}"#,
            shape("data", "an array"),
        ),
        (Style::V2, r#"{"data":null}"#, shape("data", "an array")),
        (
            Style::V2,
            r#"{"data":[],"next_page_url":7}"#,
            shape("next_page_url", "a string or null"),
        ),
        (
            Style::List,
            r#"{"data":[],"has_more":false}"#,
            shape("object", "\"list\""),
        ),
        (
            Style::List,
            r#"{"object":"search_result","data":[],"has_more":false,"next_page":null}"#,
            shape("object", "\"list\""),
        ),
        (
            Style::Search,
            r#"{"object":"list","data":[],"has_more":false}"#,
            shape("object", "\"search_result\""),
        ),
        (
            Style::List,
            r#"{"object":"list","data":[]}"#,
            shape("has_more", "a boolean"),
        ),
        (
            Style::List,
            r#"{"object":"list","data":[],"has_more":"true"}"#,
            shape("has_more", "a boolean"),
        ),
        (
            Style::Search,
            r#"{"object":"search_result","data":[],"next_page":null}"#,
            shape("has_more", "a boolean"),
        ),
        (
            Style::Search,
            r#"{"object":"search_result","data":[{"id":"a"}],"has_more":true,"next_page":null}"#,
            shape("next_page", "a string when has_more is true"),
        ),
        (
            Style::Search,
            r#"{"object":"search_result","data":[{"id":"a"}],"has_more":true}"#,
            shape("next_page", "a string when has_more is true"),
        ),
        (
            Style::Search,
            r#"{"object":"search_result","data":[{"id":"a"}],"has_more":true,"next_page":""}"#,
            shape("next_page", "a string when has_more is true"),
        ),
        // List items without a string id, wherever they are.
        (
            Style::List,
            r#"{"object":"list","data":[{"id":"a"},{"object":"thing"}],"has_more":false}"#,
            PageError::MissingId { index: 1 },
        ),
        (
            Style::List,
            r#"{"object":"list","data":[{"id":1},{"id":"b"}],"has_more":true}"#,
            PageError::MissingId { index: 0 },
        ),
        (
            Style::List,
            r#"{"object":"list","data":[{"id":"a"},{"id":""}],"has_more":true}"#,
            PageError::MissingId { index: 1 },
        ),
        (
            Style::List,
            r#"{"object":"list","data":[{"id":"a"},{"id":null}],"has_more":true}"#,
            PageError::MissingId { index: 1 },
        ),
        (
            Style::List,
            r#"{"object":"list","data":["a"],"has_more":false}"#,
            PageError::MissingId { index: 0 },
        ),
        (
            Style::List,
            r#"{"object":"list","data":[{"nested":{"id":"x"}}],"has_more":true}"#,
            PageError::MissingId { index: 0 },
        ),
        // More to come but nothing to page on from.
        (
            Style::List,
            r#"{"object":"list","data":[],"has_more":true}"#,
            PageError::NoItems,
        ),
    ];
    for (style, body, expected) in cases {
        for backwards in [false, true] {
            let mut cursor = Cursor::new(style, backwards);
            assert_eq!(
                cursor.read_page(body),
                Err(expected.clone()),
                "{style:?} {body}"
            );
            assert_eq!(cursor.next(), Next::Done, "{style:?} {body}");
        }
    }
}

#[test]
fn an_error_ends_a_walk_in_progress() {
    let mut cursor = Cursor::new(Style::List, false);
    ids(
        &mut cursor,
        r#"{"object":"list","data":[{"id":"a"}],"has_more":true}"#,
    );
    assert_eq!(cursor.next(), param("starting_after", "a"));
    assert!(cursor.read_page("{").is_err());
    assert_eq!(cursor.next(), Next::Done);
}

#[test]
fn a_repeated_cursor_ends_the_walk_with_an_error() {
    // The server gives the same last item twice: starting_after would not move.
    let mut cursor = Cursor::new(Style::List, false);
    let page = r#"{"object":"list","data":[{"id":"a"},{"id":"b"}],"has_more":true}"#;
    ids(&mut cursor, page);
    assert_eq!(cursor.next(), param("starting_after", "b"));
    assert_eq!(
        cursor.read_page(page),
        Err(PageError::RepeatedCursor("b".into()))
    );
    assert_eq!(cursor.next(), Next::Done);

    // Backwards, the first item repeats.
    let mut cursor = Cursor::new(Style::List, true);
    ids(
        &mut cursor,
        r#"{"object":"list","data":[{"id":"c"},{"id":"b"}],"has_more":true}"#,
    );
    assert_eq!(cursor.next(), param("ending_before", "c"));
    assert_eq!(
        cursor.read_page(r#"{"object":"list","data":[{"id":"c"}],"has_more":true}"#),
        Err(PageError::RepeatedCursor("c".into()))
    );

    // A search token cycle of length two: p1 → p2 → p1.
    let mut cursor = Cursor::new(Style::Search, false);
    let with_token = |token: &str| search_page(r#"{"id":"x"}"#, true, &format!("\"{token}\""));
    ids(&mut cursor, &with_token("p1"));
    ids(&mut cursor, &with_token("p2"));
    assert_eq!(cursor.next(), param("page", "p2"));
    assert_eq!(
        cursor.read_page(&with_token("p1")),
        Err(PageError::RepeatedCursor("p1".into()))
    );
    assert_eq!(cursor.next(), Next::Done);

    // A v2 page pointing at itself.
    let mut cursor = Cursor::new(Style::V2, false);
    let page = r#"{"data":[],"next_page_url":"/v2/core/events?page=same"}"#;
    assert!(cursor.read_page(page).is_ok());
    assert_eq!(
        cursor.read_page(page),
        Err(PageError::RepeatedCursor(
            "/v2/core/events?page=same".into()
        ))
    );
    assert_eq!(cursor.next(), Next::Done);
}

#[test]
fn errors_read_well() {
    let messages = [
        (
            PageError::Shape {
                field: "data",
                expected: "an array",
            },
            "page member 'data' should be an array",
        ),
        (
            PageError::MissingId { index: 3 },
            "list item 3 has no string 'id'",
        ),
        (PageError::NotObject, "page is not a JSON object"),
        (
            PageError::RepeatedCursor("cus_1".into()),
            "page cursor 'cus_1' was already followed",
        ),
    ];
    for (error, message) in messages {
        assert_eq!(error.to_string(), message);
    }
    let not_json = Cursor::new(Style::V2, false).read_page("nope").unwrap_err();
    assert_eq!(
        not_json.to_string(),
        "page is not JSON: expected null at byte 0"
    );
}

#[test]
fn auto_paging_limits_follow_stripe_node() {
    assert_eq!(MAX_AUTO_PAGING, 10_000);
    assert_eq!(check_limit(0), Err(LimitError::Zero));
    assert_eq!(check_limit(1), Ok(1));
    assert_eq!(check_limit(100), Ok(100));
    assert_eq!(check_limit(10_000), Ok(10_000));
    assert_eq!(check_limit(10_001), Err(LimitError::TooLarge));
    assert_eq!(check_limit(usize::MAX), Err(LimitError::TooLarge));
}

/// A v1 list page of `data` (the items' JSON, comma-separated).
fn list_page(data: &str, has_more: bool) -> String {
    format!(r#"{{"object":"list","data":[{data}],"has_more":{has_more}}}"#)
}

/// A v1 search page of `data`, with `next_page` as JSON.
fn search_page(data: &str, more: bool, next: &str) -> String {
    format!(r#"{{"object":"search_result","data":[{data}],"has_more":{more},"next_page":{next}}}"#)
}

/// A v2 list page of `data`, with `next_page_url` as JSON.
fn v2_page(data: &str, next_page_url: &str) -> String {
    format!(r#"{{"data":[{data}],"next_page_url":{next_page_url}}}"#)
}

/// Splits `count` ids into pages of `sizes` (cycled), with an empty page before page
/// `i` when `empties[i]` (search and v2 only): the ids of each page, in walk order.
fn chunks(style: Style, count: usize, sizes: &[usize], empties: &[bool]) -> Vec<Vec<String>> {
    let mut ids = (0..count).map(|i| format!("obj_{i:04}")).peekable();
    let mut chunks = Vec::new();
    for (i, size) in sizes.iter().cycle().enumerate() {
        if style != Style::List && empties.get(i % empties.len().max(1)) == Some(&true) {
            chunks.push(Vec::new());
        }
        chunks.push(ids.by_ref().take(*size).collect());
        if ids.peek().is_none() {
            return chunks;
        }
    }
    chunks
}

/// The body a server would send for each chunk of ids, and the `Next` it leads to.
fn pages(style: Style, backwards: bool, chunks: &[Vec<String>]) -> Vec<(String, Next)> {
    let last = chunks.len().saturating_sub(1);
    let mut pages = Vec::new();
    for (k, chunk) in chunks.iter().enumerate() {
        let more = k < last;
        let mut items: Vec<String> = chunk
            .iter()
            .map(|id| format!(r#"{{"id":"{id}"}}"#))
            .collect();
        if backwards {
            items.reverse();
        }
        let data = items.join(",");
        let last_id = chunk.last().map(String::as_str).unwrap_or_default();
        let token = format!("token_{k}");
        let url = format!("/v2/core/events?object_id=x&page=p{k}");
        pages.push(match (style, more) {
            (Style::List, false) => (list_page(&data, false), Next::Done),
            (Style::List, true) if backwards => {
                (list_page(&data, true), param("ending_before", last_id))
            }
            (Style::List, true) => (list_page(&data, true), param("starting_after", last_id)),
            (Style::Search, false) => (search_page(&data, false, "null"), Next::Done),
            (Style::Search, true) => (
                search_page(&data, true, &format!("\"{token}\"")),
                param("page", &token),
            ),
            (Style::V2, false) => (v2_page(&data, "null"), Next::Done),
            (Style::V2, true) => (v2_page(&data, &format!("\"{url}\"")), Next::Url(url)),
        });
    }
    pages
}

proptest! {
    #[test]
    fn every_id_is_yielded_once_in_order(
        style in prop_oneof![Just(Style::List), Just(Style::Search), Just(Style::V2)],
        backwards in any::<bool>(),
        count in 0usize..60,
        sizes in prop::collection::vec(1usize..8, 1..6),
        empties in prop::collection::vec(prop::bool::weighted(0.2), 0..6),
    ) {
        let backwards = backwards && style == Style::List;
        let mut cursor = Cursor::new(style, backwards);
        let mut yielded = Vec::new();
        let chunks = chunks(style, count, &sizes, &empties);
        for (body, next) in pages(style, backwards, &chunks) {
            yielded.extend(ids(&mut cursor, &body));
            prop_assert_eq!(cursor.next(), next);
        }
        prop_assert_eq!(cursor.next(), Next::Done);
        let expected: Vec<String> = (0..count).map(|i| format!("obj_{i:04}")).collect();
        prop_assert_eq!(yielded, expected);
    }
}
