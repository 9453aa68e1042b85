//! The search language on any input: parsing never panics, errors stay inside the text,
//! what parses prints to text that parses back to it, and restriction and evaluation
//! of whatever parses never panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stripe_edge::search::{self, FieldType, Resource};

const OBJECT: &str = r#"{"id":"in_1","status":"open","total":1500,"created":1700000000,"customer":{"id":"cus_A"},"email":"Amy@Example.com","metadata":{"k":"v"},"active":true,"amount":12.5}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    if let Err(error) = search::parse_ast(text) {
        assert!(error.span.start <= error.span.end && error.span.end <= text.len());
        assert!(text.is_char_boundary(error.span.start) && text.is_char_boundary(error.span.end));
    }
    for resource in Resource::ALL {
        let Ok(query) = search::parse(text, resource) else {
            continue;
        };
        let printed = query.to_string();
        assert_eq!(search::parse(&printed, resource).as_ref(), Ok(&query), "{printed}");
        let _ = query.matches_json(OBJECT);
        if let Some(token) = resource.fields().iter().find(|f| f.kind == FieldType::Token) {
            if let Ok(restricted) = query.restrict(token.name, text) {
                assert_eq!(search::parse(&restricted.to_string(), resource).as_ref(), Ok(&restricted));
            }
        }
    }
});
