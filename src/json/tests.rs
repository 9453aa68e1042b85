//! The reader against a table of documents, and against serde_json's verdicts on
//! generated and mutated documents.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use proptest::prelude::*;
use serde_json::Value;

use super::{Document, JsonError, RawJson, parse_i64, validate, write_string};

fn error(text: &str) -> JsonError {
    Document::parse(text).expect_err(text)
}

#[test]
fn valid_documents() {
    for text in [
        "0",
        "-0",
        "-12.5e+3",
        "1E5",
        "0.0",
        "true",
        " null ",
        "\"\"",
        "\"\\u00e9\\ud83d\\ude00\\n\\\\\\/\"",
        "\"\\ud800\"",
        "[]",
        "{}",
        "[1,[2,[3,{}]],{\"a\":[]}]",
        "\t\r\n{ \"a\" : 1 , \"b\" : { \"c\" : [ true ] } }\n",
        "\"\u{7f}é😀\"",
    ] {
        let doc = Document::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(doc.root().get(), text.trim_matches([' ', '\t', '\r', '\n']));
    }
}

#[test]
fn invalid_documents_say_where_and_what() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 0, "a value"),
        ("   ", 3, "a value"),
        ("{", 1, "a string key"),
        ("{\"a\" 1}", 5, "':'"),
        ("{\"a\":}", 5, "a value"),
        ("{\"a\":1,}", 7, "a string key"),
        ("{\"a\":1 \"b\":2}", 7, "',' or '}'"),
        ("[1,]", 3, "a value"),
        ("[1 2]", 3, "',' or ']'"),
        ("[1}", 2, "',' or ']'"),
        ("{\"a\":1]", 6, "',' or '}'"),
        ("01", 1, "the end of the document"),
        ("1.", 2, "a digit"),
        ("1e", 2, "a digit"),
        ("-", 1, "a digit"),
        ("+1", 0, "a value"),
        (".5", 0, "a value"),
        ("tru", 0, "true"),
        ("nul", 0, "null"),
        ("\"abc", 4, "'\"'"),
        ("\"a\\x\"", 3, "an escape character"),
        ("\"\\u12g4\"", 5, "a hex digit"),
        ("\"a\nb\"", 2, "an escaped control character"),
        ("{} {}", 3, "the end of the document"),
        ("[1] x", 4, "the end of the document"),
        ("{'a':1}", 1, "a string key"),
        ("NaN", 0, "a value"),
    ];
    for (text, offset, expected) in cases {
        assert_eq!(
            error(text),
            JsonError {
                offset: *offset,
                expected
            },
            "{text:?}"
        );
    }
}

#[test]
fn members_of_the_top_two_levels_are_indexed() {
    let doc = Document::parse(
        r#"{"id": "evt_1", "data": {"object": {"id": "in_1", "lines": [1, 2]}, "n": null},
            "list": [{"deep": 1}], "id": "evt_2", "\u0074ype": "x"}"#,
    )
    .unwrap();
    assert_eq!(doc.field("id").unwrap().get(), "\"evt_2\"");
    assert_eq!(doc.field("type").unwrap().get(), "\"x\"");
    assert_eq!(
        doc.nested("data", "object").unwrap().get(),
        r#"{"id": "in_1", "lines": [1, 2]}"#
    );
    assert!(doc.nested("data", "n").unwrap().is_null());
    assert_eq!(doc.field("list").unwrap().get(), r#"[{"deep": 1}]"#);
    // Only two levels are indexed, and never members inside arrays.
    assert!(doc.nested("object", "id").is_none());
    assert!(doc.field("deep").is_none());
    assert!(doc.field("missing").is_none());
    assert!(doc.nested("missing", "id").is_none());
}

#[test]
fn scalars_read_as_their_types() {
    let raw = |text| RawJson(text);
    assert_eq!(raw("true").as_bool(), Some(true));
    assert_eq!(raw("1").as_bool(), None);
    assert_eq!(raw("-42").as_i64(), Some(-42));
    assert_eq!(raw("4.2").as_i64(), None);
    assert_eq!(raw("1e3").as_i64(), None);
    assert_eq!(raw("99999999999999999999").as_i64(), None);
    assert_eq!(raw("\"plain\"").as_str().as_deref(), Some("plain"));
    assert_eq!(raw("\"a\\\"b\"").as_str().as_deref(), Some("a\"b"));
    assert_eq!(raw("\"\\ud83d\\ude00\"").as_str().as_deref(), Some("😀"));
    assert_eq!(raw("\"\\ud800\"").as_str(), None);
    assert_eq!(raw("\"\\ude00\"").as_str(), None);
    assert_eq!(raw("\"\\ud83d\\u0041\"").as_str(), None);
    assert_eq!(raw("5").as_str(), None);
}

#[test]
fn very_deep_nesting_is_fine() {
    let depth = 200_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(Document::parse(&text).is_ok());
    let text = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth - 1));
    assert_eq!(error(&text).expected, "',' or '}'");
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e15f64..1e15).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Serializes with whitespace between tokens, so the reader sees both forms.
fn spaced(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

/// serde_json's verdict, with the one difference we choose: a lone surrogate escape is
/// valid JSON syntax (as in `JSON.parse`), which serde_json refuses.
fn serde_accepts(text: &str) -> Option<bool> {
    match serde_json::from_str::<Value>(text) {
        Ok(_) => Some(true),
        Err(e) if e.to_string().contains("surrogate") => None,
        // A number beyond f64 is valid syntax (`JSON.parse` gives Infinity).
        Err(e) if e.to_string().contains("number out of range") => None,
        // serde_json stops at 128 levels; the reader has no limit.
        Err(e) if e.to_string().contains("recursion limit") => None,
        Err(_) => Some(false),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_serialized_string_reads_back(text in any::<String>()) {
        let json = serde_json::to_string(&text).unwrap();
        let read = RawJson(&json).as_str();
        prop_assert_eq!(read.as_deref(), Some(text.as_str()));
    }

    #[test]
    fn integers_read_as_str_parse_reads_them(text in "[-+]?[0-9]{0,20}|[-+0-9.eE ]{0,6}|.{0,4}") {
        prop_assert_eq!(parse_i64(&text), text.parse::<i64>().ok());
    }

    #[test]
    fn every_serialized_value_reads_back(value in json_value(), pretty in any::<bool>()) {
        let text = if pretty { spaced(&value) } else { value.to_string() };
        let doc = Document::parse(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let reread: Value = serde_json::from_str(doc.root().get()).unwrap();
        prop_assert_eq!(&reread, &value);
        if let Value::Object(map) = &value {
            for (key, member) in map {
                let raw = doc.field(key).unwrap();
                prop_assert_eq!(&serde_json::from_str::<Value>(raw.get()).unwrap(), member);
                if let Value::String(s) = member {
                    let decoded = raw.as_str();
                    prop_assert_eq!(decoded.as_deref(), Some(s.as_str()));
                }
                if let Value::Object(inner) = member {
                    for (inner_key, inner_member) in inner {
                        let raw = doc.nested(key, inner_key).unwrap();
                        prop_assert_eq!(&serde_json::from_str::<Value>(raw.get()).unwrap(), inner_member);
                    }
                }
            }
        }
    }

    #[test]
    fn verdict_on_mutated_documents_matches_serde_json(
        value in json_value(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<char>()), 1..4),
    ) {
        let mut chars: Vec<char> = spaced(&value).chars().collect();
        for (at, op, c) in edits {
            let i = at.index(chars.len() + 1);
            match op {
                0 => chars.insert(i, c),
                1 if i < chars.len() => { chars.remove(i); }
                _ if i < chars.len() => chars[i] = c,
                _ => chars.push(c),
            }
        }
        let text: String = chars.into_iter().collect();
        if let Some(expected) = serde_accepts(&text) {
            prop_assert_eq!(Document::parse(&text).is_ok(), expected, "{:?}", text);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        if let Some(expected) = serde_accepts(&text) {
            prop_assert_eq!(Document::parse(&text).is_ok(), expected);
        }
    }

    #[test]
    fn written_strings_read_back(text in any::<String>()) {
        let mut out = String::new();
        write_string(&mut out, &text);
        prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text.clone());
        let decoded = RawJson(&out).as_str();
        prop_assert_eq!(decoded.as_deref(), Some(text.as_str()));
    }
}

#[test]
fn mutations_of_a_real_event_agree_with_serde_json() {
    let event = r#"{"id":"evt_1","object":"event","data":{"object":{"amount":-1.5e3,"tags":["a","\u00e9"],"ok":true,"none":null}}}"#;
    let bytes = event.as_bytes();
    let alphabet = b"{}[]\":,.-+eE0123456789 \\ntrufalsu";
    for i in 0..=bytes.len() {
        for &b in alphabet {
            for op in 0..3 {
                let mut edited = bytes.to_vec();
                match op {
                    0 => edited.insert(i, b),
                    1 if i < edited.len() => {
                        edited.remove(i);
                    }
                    _ if i < edited.len() => edited[i] = b,
                    _ => continue,
                }
                let text = String::from_utf8(edited).unwrap();
                if let Some(expected) = serde_accepts(&text) {
                    assert_eq!(Document::parse(&text).is_ok(), expected, "{text}");
                }
            }
        }
    }
}

#[test]
fn error_display() {
    assert_eq!(error("[1 2]").to_string(), "expected ',' or ']' at byte 3");
}

#[test]
fn integers_at_the_edges_read_as_str_parse_reads_them() {
    for text in [
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "+0",
        "-0",
        "-",
        "+",
        "",
        "00012",
        "1 ",
        "１",
    ] {
        assert_eq!(parse_i64(text), text.parse::<i64>().ok(), "{text:?}");
    }
}

/// One piece of a generated string's source: a plain char, a short escape, or a `\u`
/// escape of any UTF-16 unit (lone surrogates included).
#[derive(Clone, Debug)]
enum Token {
    Plain(char),
    Short(char),
    Unit(u16),
}

fn token() -> impl Strategy<Value = Token> {
    prop_oneof![
        any::<char>()
            .prop_filter("plain", |c| !matches!(c, '"' | '\\') && *c >= ' ')
            .prop_map(Token::Plain),
        prop::sample::select(&['"', '\\', '/', 'b', 'f', 'n', 'r', 't'][..]).prop_map(Token::Short),
        prop_oneof![any::<u16>(), 0xD800u16..0xE000].prop_map(Token::Unit),
    ]
}

/// A string literal's source from `tokens`, and its text as UTF-16 decoding says (the
/// oracle): `None` when a surrogate is unpaired.
fn literal(tokens: &[Token], upper: bool) -> (String, Option<String>) {
    let mut source = String::from('"');
    let mut units = Vec::new();
    for token in tokens {
        match *token {
            Token::Plain(c) => {
                source.push(c);
                units.extend(c.encode_utf16(&mut [0; 2]).iter());
            }
            Token::Short(c) => {
                source.push('\\');
                source.push(c);
                let decoded = match c {
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    c => c,
                };
                units.extend(decoded.encode_utf16(&mut [0; 2]).iter());
            }
            Token::Unit(unit) if upper => {
                source.push_str(&format!("\\u{unit:04X}"));
                units.push(unit);
            }
            Token::Unit(unit) => {
                source.push_str(&format!("\\u{unit:04x}"));
                units.push(unit);
            }
        }
    }
    source.push('"');
    (source, String::from_utf16(&units).ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn escaped_strings_decode_as_utf16_says(
        tokens in prop::collection::vec(token(), 0..12),
        upper in any::<bool>(),
        other in ".{0,3}",
    ) {
        let (source, expected) = literal(&tokens, upper);
        prop_assert!(validate(&source).is_ok(), "{}", source);
        let raw = RawJson(&source);
        let decoded = raw.as_str();
        prop_assert_eq!(decoded.as_deref(), expected.as_deref());
        prop_assert_eq!(raw.is_str(), expected.is_some());
        if let Some(text) = &expected {
            prop_assert!(raw.is_str_of(text));
        }
        prop_assert_eq!(raw.is_str_of(&other), expected.as_deref() == Some(other.as_str()));
        // As a key of the root object: found exactly under its decoded text.
        let document = format!("{{{source}:1}}");
        let doc = Document::parse(&document).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let Some(text) = &expected {
            prop_assert!(doc.field(text).is_some());
        }
        prop_assert_eq!(doc.field(&other).is_some(), expected.as_deref() == Some(other.as_str()));
    }
}
