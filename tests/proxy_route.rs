//! The proxy's routes (`proxy::route`): every endpoint of the table routes from its own
//! path, every form that could be read two ways is refused with the reason, and, as
//! properties, canonicalisation is idempotent (the path of an accepted route is the
//! path it came from, and routes to itself) and any text gets a verdict.
// Native only: proptest is a native-only dev-dependency.
#![cfg(not(target_family = "wasm"))]

use proptest::prelude::*;
use stripe_edge::api::ENDPOINTS;
use stripe_edge::proxy::route::{MAX_PATH_BYTES, Route, route};

const IDS: &[&str] = &[
    "in_1",
    "cus_A1b2C3",
    "evt_test_61R",
    "file_1.csv",
    "x-y_z",
    "a",
    "...",
];

#[test]
fn every_endpoint_routes_from_its_own_path_to_itself() {
    for endpoint in ENDPOINTS.iter().copied() {
        for id in IDS {
            let path = endpoint.path.replace("{id}", id);
            let found = route(endpoint.method.as_str(), &path)
                .unwrap_or_else(|error| panic!("{} {path}: {error:?}", endpoint.name));
            assert_eq!(found.endpoint.name, endpoint.name, "{path}");
            assert_eq!(
                found.id.as_deref(),
                endpoint.takes_id().then_some(*id),
                "{path}"
            );
            assert_eq!(found.path(), path);
        }
    }
}

#[test]
fn a_literal_wins_over_an_id() {
    let found = route("GET", "/v1/invoices/search").unwrap();
    assert_eq!((found.endpoint.name, found.id), ("invoices.search", None));
    let found = route("GET", "/v1/invoices/searches").unwrap();
    assert_eq!(found.endpoint.name, "invoices.retrieve");
}

#[test]
fn every_form_that_could_be_read_two_ways_is_refused_with_its_reason() {
    let long = format!("/v1/invoices/{}", "x".repeat(MAX_PATH_BYTES));
    #[rustfmt::skip]
    let cases: &[(&str, &str)] = &[
        ("", "is not under /v1/ or /v2/"),
        ("/", "is not under /v1/ or /v2/"),
        ("/v1", "is not under /v1/ or /v2/"),
        ("v1/invoices", "is not under /v1/ or /v2/"),
        ("/v3/invoices", "is not under /v1/ or /v2/"),
        ("/V1/invoices", "is not under /v1/ or /v2/"),
        ("//v1/invoices", "is not under /v1/ or /v2/"),
        ("http://api.stripe.com/v1/invoices", "is not under /v1/ or /v2/"),
        ("*", "is not under /v1/ or /v2/"),
        (" /v1/invoices", "is not under /v1/ or /v2/"),
        ("/v1/", "has an empty segment"),
        ("/v1//invoices", "has an empty segment"),
        ("/v1/invoices/", "has an empty segment"),
        ("/v1/invoices//in_1", "has an empty segment"),
        ("/v1/./invoices", "has a dot segment"),
        ("/v1/invoices/..", "has a dot segment"),
        ("/v1/invoices/../customers", "has a dot segment"),
        ("/v2/core/events/.", "has a dot segment"),
        ("/v1/invoices/%2e%2e", "is percent-encoded"),
        ("/v1/invoices/%2E", "is percent-encoded"),
        ("/v1/invoices%2fsearch", "is percent-encoded"),
        ("/v1/invoices/in_1%2Fsend", "is percent-encoded"),
        ("/v1/invoices/in_1%5c", "is percent-encoded"),
        ("/v1/invoices/%252e%252e", "is percent-encoded"),
        ("/v1/%69nvoices", "is percent-encoded"),
        ("/v1/invoices/in_1%00", "is percent-encoded"),
        ("/v1/invoices;x=1", "has a parameter (';')"),
        ("/v1/invoices/in_1;customer=cus_2", "has a parameter (';')"),
        ("/v1/invoices\\search", "has a backslash"),
        ("/v1/invoices/..\\customers", "has a backslash"),
        ("/v1/invoices?customer=x", "has a character outside plain words and ids"),
        ("/v1/invoices#x", "has a character outside plain words and ids"),
        ("/v1/invoices/in 1", "has a character outside plain words and ids"),
        ("/v1/invoices/in\t1", "has a character outside plain words and ids"),
        ("/v1/invoices/in\u{0}1", "has a character outside plain words and ids"),
        ("/v1/invoices/in\r\n1", "has a character outside plain words and ids"),
        ("/v1/invoices/in_1@evil.example", "has a character outside plain words and ids"),
        ("/v1/invoices/in_1:443", "has a character outside plain words and ids"),
        ("/v1/invoices/in_é", "has a character outside plain words and ids"),
        ("/v1/invoices/in_\u{FF0E}\u{FF0E}", "has a character outside plain words and ids"),
        ("/v1/invoices/{id}", "has a character outside plain words and ids"),
        (&long, "is too long"),
    ];
    for (path, why) in cases {
        let error = route("GET", path).expect_err(path);
        assert_eq!(
            (error.status, error.code),
            (400, "path_invalid"),
            "{path:?}"
        );
        assert!(
            error
                .message
                .starts_with(&format!("The request path {why}:")),
            "{path:?}: {}",
            error.message
        );
    }
}

#[test]
fn methods_and_paths_the_table_lacks() {
    for (method, path, status, code) in [
        ("DELETE", "/v1/invoices/in_1", 405, "method_not_allowed"),
        ("PUT", "/v1/invoices", 405, "method_not_allowed"),
        ("PATCH", "/v1/customers/cus_1", 405, "method_not_allowed"),
        ("HEAD", "/v1/invoices", 405, "method_not_allowed"),
        ("OPTIONS", "/v1/invoices", 405, "method_not_allowed"),
        ("get", "/v1/invoices", 405, "method_not_allowed"),
        ("POST", "/v1/invoices/search", 405, "method_not_allowed"),
        ("GET", "/v1/invoices/in_1/send", 405, "method_not_allowed"),
        ("GET", "/v1/Invoices", 404, "resource_missing"),
        ("GET", "/v1/invoices/in_1/lines", 404, "resource_missing"),
        ("GET", "/v1/charges", 404, "resource_missing"),
        (
            "GET",
            "/v2/core/event_destinations",
            404,
            "resource_missing",
        ),
        ("GET", "/v1/invoices/in_1/send/x", 404, "resource_missing"),
    ] {
        let error = route(method, path).expect_err(path);
        assert_eq!(
            (error.status, error.code),
            (status, code),
            "{method} {path}"
        );
    }
    // A bad path is refused before the method is looked at.
    assert_eq!(route("FOO", "/v1/../x").unwrap_err().code, "path_invalid");
}

/// Paths from pieces that matter: the table's words, ids, dots, encodings, separators.
fn path() -> impl Strategy<Value = String> {
    let words: Vec<String> = ENDPOINTS
        .iter()
        .flat_map(|endpoint| endpoint.path.split('/'))
        .filter(|word| !word.is_empty() && *word != "{id}")
        .map(String::from)
        .collect();
    let segment = prop_oneof![
        4 => prop::sample::select(words),
        2 => "[A-Za-z0-9_.-]{1,12}",
        1 => prop::sample::select(vec![".", "..", "%2e", "%2E%2e", "%2f", "%5c", "%252e", ";a=b", "\\", "", "x y", "é", "\u{0}", "?q=1", "#f", "@h", "{id}"])
            .prop_map(String::from),
        1 => "\\PC{1,6}",
    ];
    (
        prop::sample::select(vec!["/v1/", "/v2/", "/v3/", "//", "/", ""]),
        prop::collection::vec(segment, 0..6),
    )
        .prop_map(|(prefix, segments)| format!("{prefix}{}", segments.join("/")))
}

fn method() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["GET", "POST", "DELETE", "PUT", "get", "HEAD", ""])
        .prop_map(String::from)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    /// The path of an accepted route is the path it was read from, routes to the same
    /// route again, and holds only plain segments; a refusal is a 400, 404 or 405.
    #[test]
    fn canonicalisation_is_idempotent(method in method(), path in path()) {
        match route(&method, &path) {
            Ok(found) => {
                prop_assert_eq!(found.path(), path.clone());
                let again: Route = route(&method, &found.path()).unwrap();
                prop_assert_eq!(&again, &found);
                prop_assert_eq!(found.endpoint.method.as_str(), method.as_str());
                prop_assert!(path.len() <= MAX_PATH_BYTES);
                let plain = |segment: &str| {
                    !segment.is_empty()
                        && segment != "."
                        && segment != ".."
                        && segment.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                };
                prop_assert!(path[1..].split('/').all(plain), "{}", path);
            }
            Err(error) => prop_assert!(matches!(error.status, 400 | 404 | 405), "{:?}", error),
        }
    }

    /// Any text gets a verdict, never a panic.
    #[test]
    fn any_text_gets_a_verdict(method in "\\PC{0,8}", path in "\\PC{0,80}") {
        let _ = route(&method, &path);
    }
}
