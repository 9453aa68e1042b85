//! `Stripe-Signature` parsing on any text, against a plain reading of the rules in
//! `src/webhook/header.rs`: items split on `,` and at their first `=`; exactly one `t`,
//! of decimal digits that fit an i64; the `v1`s of 64 lower-case hex digits, in order;
//! everything else ignored. The parser must agree on the verdict, the error and the
//! value, and what it accepts must print back to a header that parses the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stripe_edge::webhook::{SignatureHeader, WebhookError};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let parsed = SignatureHeader::parse(text);
    let items: Vec<(&str, &str)> = text
        .split(',')
        .filter_map(|item| item.split_once('='))
        .collect();
    let times: Vec<&str> = items
        .iter()
        .filter(|(key, _)| *key == "t")
        .map(|(_, value)| *value)
        .collect();
    let signatures: Vec<&str> = items
        .iter()
        .filter(|(key, value)| {
            *key == "v1"
                && value.len() == 64
                && value
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
        .map(|(_, value)| *value)
        .collect();
    let timestamp = match times.as_slice() {
        [t] if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => t.parse::<i64>().ok(),
        _ => None,
    };
    let expected = if text.is_empty() {
        Err(WebhookError::MissingHeader)
    } else if timestamp.is_none() {
        Err(WebhookError::MalformedHeader)
    } else if signatures.is_empty() {
        Err(WebhookError::NoV1Signature)
    } else {
        Ok(())
    };
    match (&parsed, expected) {
        (Ok(header), Ok(())) => {
            assert_eq!(Some(header.timestamp), timestamp);
            let printed: Vec<String> = header.signatures.iter().map(ToString::to_string).collect();
            assert_eq!(printed, signatures, "{text:?}");
            let again = format!("t={},v1={}", header.timestamp, printed.join(",v1="));
            assert_eq!(SignatureHeader::parse(&again).as_ref(), Ok(header));
        }
        (Err(error), Err(expected)) => assert_eq!(*error, expected, "{text:?}"),
        (parsed, expected) => panic!("{text:?}: parsed {parsed:?}, expected {expected:?}"),
    }
});
