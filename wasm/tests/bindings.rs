//! The JavaScript bindings inside real browsers: `wasm-pack test --headless --chrome
//! --firefox` in this crate's folder (Node runs them through the npm package's tests).
//! Uses `../shared/vectors/stripe-signature.json` (stripe-node 23.1.0's verdicts),
//! embedded at compile time: the shared reference folder must sit beside the checkout,
//! as in CI.

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use stripe_edge_wasm::{
    construct_event, generate_test_header_string, parse_event_notification, verify_header,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!("../../../shared/vectors/stripe-signature.json");
const SECRET: &str = "whsec_test_secret";
const EVENT: &str = r#"{"id":"evt_1","object":"event","type":"invoice.paid","created":1700000000,"livemode":false,"data":{"object":{"id":"in_1","name":"Zoë"}}}"#;
const NOTIFICATION: &str = r#"{"id":"evt_2","object":"v2.core.event","type":"v1.billing.meter.no_meter_found","created":"2024-09-26T17:46:22.134Z","livemode":false,"related_object":null}"#;
const T: f64 = 1_700_000_000.0;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        Reflect::set(&object, &(*key).into(), value).unwrap();
    }
    object.into()
}

fn header(payload: &str, secret: JsValue, timestamp: f64) -> JsValue {
    let options = object(&[
        ("payload", payload.into()),
        ("secret", secret),
        ("timestamp", timestamp.into()),
    ]);
    generate_test_header_string(options).unwrap()
}

fn at(now: f64) -> JsValue {
    object(&[("now", now.into())])
}

fn error_code(result: Result<impl core::fmt::Debug, JsValue>) -> String {
    let error = result.expect_err("expected an error");
    assert_eq!(
        get(&error, "name").as_string().as_deref(),
        Some("StripeSignatureVerificationError")
    );
    get(&error, "code").as_string().unwrap()
}

fn error_kind(result: Result<impl core::fmt::Debug, JsValue>) -> String {
    let error = result.expect_err("expected an error");
    get(&error, "name").as_string().unwrap()
}

#[wasm_bindgen_test]
fn stripe_node_vectors() {
    let vectors = js_sys::JSON::parse(VECTORS).unwrap();
    let cases: Array = get(&vectors, "stripe_node_cases").unchecked_into();
    assert!(cases.length() > 0);
    for case in cases.iter() {
        let options = object(&[
            ("tolerance", get(&case, "tolerance")),
            ("now", get(&case, "now")),
        ]);
        let verdict = verify_header(
            get(&case, "payload"),
            get(&case, "header"),
            get(&case, "secret"),
            options,
        );
        let expected = get(&case, "expect").as_string().unwrap();
        assert_eq!(
            verdict.is_ok(),
            expected == "ok",
            "case {:?}",
            get(&case, "name").as_string()
        );
    }
    let headers: Array = get(&vectors, "header_vectors").unchecked_into();
    for case in headers.iter() {
        let made = header(
            &get(&case, "payload").as_string().unwrap(),
            get(&case, "secret"),
            get(&case, "t").as_f64().unwrap(),
        );
        assert_eq!(made, get(&case, "header"));
    }
}

#[wasm_bindgen_test]
fn returns_the_parsed_event_from_every_payload_type() {
    let h = header(EVENT, SECRET.into(), T);
    let bytes = Uint8Array::from(EVENT.as_bytes());
    let buffer: ArrayBuffer = bytes.slice(0, bytes.length()).buffer();
    for payload in [JsValue::from(EVENT), bytes.clone().into(), buffer.into()] {
        let event = construct_event(payload, h.clone(), SECRET.into(), at(T + 1.0)).unwrap();
        assert_eq!(get(&event, "id"), "evt_1");
        assert_eq!(get(&get(&get(&event, "data"), "object"), "name"), "Zoë");
    }
    // The header may be bytes too, as stripe-node allows.
    let header_bytes = Uint8Array::from(h.as_string().unwrap().as_bytes());
    assert!(construct_event(EVENT.into(), header_bytes.into(), SECRET.into(), at(T)).is_ok());
}

#[wasm_bindgen_test]
fn notifications_and_wrong_kinds() {
    let h = header(NOTIFICATION, SECRET.into(), T);
    let event =
        parse_event_notification(NOTIFICATION.into(), h.clone(), SECRET.into(), at(T)).unwrap();
    assert_eq!(get(&event, "created"), "2024-09-26T17:46:22.134Z");
    assert_eq!(
        error_code(construct_event(
            NOTIFICATION.into(),
            h,
            SECRET.into(),
            at(T)
        )),
        "wrong_event_kind"
    );
    let h = header(EVENT, SECRET.into(), T);
    assert_eq!(
        error_code(parse_event_notification(
            EVENT.into(),
            h,
            SECRET.into(),
            at(T)
        )),
        "wrong_event_kind"
    );
}

#[wasm_bindgen_test]
fn rotation_with_a_list_of_secrets() {
    let both = Array::of2(&"whsec_old".into(), &"whsec_new".into());
    let h = header(EVENT, both.clone().into(), T);
    assert_eq!(h.as_string().unwrap().matches("v1=").count(), 2);
    let only_new = header(EVENT, "whsec_new".into(), T);
    assert_eq!(
        verify_header(EVENT.into(), only_new.clone(), both.into(), at(T)),
        Ok(JsValue::TRUE)
    );
    assert_eq!(
        error_code(verify_header(
            EVENT.into(),
            only_new,
            "whsec_old".into(),
            at(T)
        )),
        "no_matching_signature"
    );
}

#[wasm_bindgen_test]
fn tolerance_as_number_or_options() {
    let h = header(EVENT, SECRET.into(), T);
    let check = |options: JsValue| verify_header(EVENT.into(), h.clone(), SECRET.into(), options);
    // A bare number is a tolerance against the real clock: T is long past.
    assert_eq!(error_code(check(300.into())), "timestamp_outside_tolerance");
    // 0 turns the time check off, as in stripe-node.
    assert_eq!(check(0.into()), Ok(JsValue::TRUE));
    assert_eq!(check(object(&[("tolerance", 0.into())])), Ok(JsValue::TRUE));
    assert_eq!(
        check(object(&[("now", (T + 300.0).into())])),
        Ok(JsValue::TRUE)
    );
    assert_eq!(
        error_code(check(object(&[("now", (T + 301.0).into())]))),
        "timestamp_outside_tolerance"
    );
    assert_eq!(
        error_code(check(object(&[("now", (T - 301.0).into())]))),
        "timestamp_outside_tolerance"
    );
    let open_future = object(&[
        ("now", (T - 10_000.0).into()),
        ("futureTolerance", JsValue::NULL),
    ]);
    assert_eq!(check(open_future), Ok(JsValue::TRUE));
    let tight = object(&[("now", (T + 20.0).into()), ("tolerance", 10.into())]);
    assert_eq!(error_code(check(tight)), "timestamp_outside_tolerance");
    let small = object(&[("now", T.into()), ("maxPayloadBytes", 10.into())]);
    assert_eq!(error_code(check(small)), "payload_too_large");
}

#[wasm_bindgen_test]
fn refusals_carry_codes() {
    let h = header(EVENT, SECRET.into(), T);
    let cases: [(JsValue, JsValue, JsValue, &str); 8] = [
        (JsValue::NULL, h.clone(), SECRET.into(), "missing_payload"),
        ("".into(), h.clone(), SECRET.into(), "missing_payload"),
        (
            EVENT.into(),
            JsValue::UNDEFINED,
            SECRET.into(),
            "missing_header",
        ),
        (
            EVENT.into(),
            "nonsense".into(),
            SECRET.into(),
            "malformed_header",
        ),
        (
            EVENT.into(),
            "t=1700000000,v0=ab".into(),
            SECRET.into(),
            "no_v1_signature",
        ),
        (EVENT.into(), h.clone(), "".into(), "empty_secret"),
        (
            EVENT.into(),
            h.clone(),
            "whsec_test_secret ".into(),
            "no_matching_signature",
        ),
        (
            Object::new().into(),
            h.clone(),
            SECRET.into(),
            "payload_not_raw",
        ),
    ];
    for (payload, header, secret, expected) in cases {
        assert_eq!(
            error_code(construct_event(payload, header, secret, at(T))),
            expected
        );
    }
    let error = construct_event(EVENT.into(), h, "whsec_test_secret ".into(), at(T)).unwrap_err();
    assert!(
        get(&error, "message")
            .as_string()
            .unwrap()
            .contains("whitespace")
    );
}

#[wasm_bindgen_test]
fn misuse_is_a_type_error() {
    let h = header(EVENT, SECRET.into(), T);
    let run = |secret: JsValue, options: JsValue| {
        construct_event(EVENT.into(), h.clone(), secret, options)
    };
    assert_eq!(error_kind(run(5.into(), at(T))), "TypeError");
    assert_eq!(
        error_kind(run(Array::of1(&5.into()).into(), at(T))),
        "TypeError"
    );
    assert_eq!(error_kind(run(SECRET.into(), (-1).into())), "TypeError");
    assert_eq!(error_kind(run(SECRET.into(), f64::NAN.into())), "TypeError");
    assert_eq!(error_kind(run(SECRET.into(), "300".into())), "TypeError");
    assert_eq!(
        error_kind(run(SECRET.into(), object(&[("now", "soon".into())]))),
        "TypeError"
    );
    let array_header = construct_event(EVENT.into(), Array::of1(&h).into(), SECRET.into(), at(T));
    assert_eq!(error_kind(array_header), "TypeError");
    assert_eq!(
        error_kind(generate_test_header_string(JsValue::NULL)),
        "TypeError"
    );
    assert_eq!(
        error_kind(generate_test_header_string(object(&[(
            "secret",
            SECRET.into()
        )]))),
        "TypeError"
    );
}

/// The size of the module's linear memory, in bytes.
fn wasm_memory_bytes() -> f64 {
    let memory = wasm_bindgen::memory();
    get(&get(&memory, "buffer"), "byteLength").as_f64().unwrap()
}

#[wasm_bindgen_test]
fn oversized_payloads_are_refused_without_being_copied_in() {
    let huge = 64 << 20;
    let before = wasm_memory_bytes();
    let bytes = Uint8Array::new_with_length(huge);
    let text = JsValue::from(js_sys::JsString::from("x").repeat(huge as i32 / 2 + 1));
    for payload in [bytes.clone().into(), bytes.buffer().into(), text] {
        let h = header("{}", SECRET.into(), T);
        assert_eq!(
            error_code(construct_event(payload, h, SECRET.into(), at(T))),
            "payload_too_large"
        );
    }
    let grown = wasm_memory_bytes() - before;
    assert!(
        grown < f64::from(1 << 20),
        "wasm memory grew by {grown} bytes"
    );
}
