//! The webhook pipeline's decisions (`stripe_edge::pipeline`): routes read and refused
//! with the place at fault, event-type filters, the signatures each delivery carries
//! (checked with the core's own Stripe verifier and against the Standard Webhooks
//! specification's published example), and the verdict on each attempt.

use serde_json::json;
use stripe_edge::pipeline::attempt::{self, Outcome, Verdict};
use stripe_edge::pipeline::{Payload, Routes, sign};
use stripe_edge::webhook::{self, VerifyOptions};

fn routes(destinations: serde_json::Value) -> Result<Routes, String> {
    Routes::parse(&json!({ "destinations": destinations }).to_string())
        .map_err(|error| error.to_string())
}

fn billing() -> serde_json::Value {
    json!({ "name": "billing", "url": "https://billing.example/hooks", "events": ["invoice.*"], "secret": "DESTINATION_BILLING_SECRET" })
}

#[test]
fn routes_read_with_their_defaults() {
    let routes = routes(json!([
        billing(),
        { "name": "meters", "url": "http://127.0.0.1:9000/", "events": ["v1.billing.meter.*", "customer.created"],
          "payload": "thin", "secret": "DESTINATION_METERS_SECRET", "related_object": true },
    ]))
    .unwrap();
    let billing = routes.named("billing").unwrap();
    assert_eq!(
        (billing.payload, billing.related_object),
        (Payload::Snapshot, false)
    );
    let meters = routes.named("meters").unwrap();
    assert_eq!(
        (meters.payload, meters.related_object),
        (Payload::Thin, true)
    );
    let names = |type_: &str| {
        routes
            .wanting(type_)
            .map(|d| d.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names("invoice.paid"), ["billing"]);
    assert_eq!(names("customer.created"), ["meters"]);
    assert_eq!(names("v1.billing.meter.no_meter_found"), ["meters"]);
    assert!(names("customer.updated").is_empty());
    assert!(Routes::parse("{}").unwrap().destinations().is_empty());
}

#[test]
fn routes_that_cannot_be_used_name_what_is_wrong() {
    let with = |key: &str, value: serde_json::Value| {
        let mut destination = billing();
        destination[key] = value;
        routes(json!([destination])).unwrap_err()
    };
    let cases = [
        (
            with("colour", json!("blue")),
            "destinations[0]: unknown setting `colour`",
        ),
        (with("name", json!("Billing Team")), "destinations[0].name"),
        (
            with("url", json!("ftp://billing.example")),
            "destinations[0].url",
        ),
        (with("events", json!([])), "destinations[0].events"),
        (
            with("payload", json!("full")),
            "destinations[0].payload: \"full\"",
        ),
        (
            with("secret", json!("whsec_abc")),
            "destinations[0].secret: names the Worker secret",
        ),
        (
            with("related_object", json!("yes")),
            "destinations[0].related_object",
        ),
        (
            routes(json!([billing(), billing()])).unwrap_err(),
            "destinations[1].name: \"billing\" is named twice",
        ),
        (
            Routes::parse(r#"{"destination": []}"#)
                .unwrap_err()
                .to_string(),
            "unknown setting `destination`",
        ),
    ];
    for (error, expected) in cases {
        assert!(
            error.contains(expected),
            "{error:?} does not say {expected:?}"
        );
    }
}

#[test]
fn a_delivery_verifies_with_stripes_scheme_and_standard_webhooks() {
    // The Standard Webhooks specification's example (standard-webhooks/spec,
    // "Signature scheme"): this secret, id, timestamp and payload sign as below.
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let payload = br#"{"test": 2432232314}"#;
    let headers = sign::headers(
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        payload,
        secret,
        1_614_265_330,
    )
    .unwrap();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
            .unwrap()
    };
    assert_eq!(
        header("webhook-signature"),
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    );
    assert_eq!(header("webhook-id"), "msg_p5jXN8AQM9LWM0D4loKWxJek");
    assert_eq!(header("webhook-timestamp"), "1614265330");
    // The same secret, whole, keys Stripe's scheme.
    webhook::verify_header(
        payload,
        header("Stripe-Signature"),
        &[secret],
        1_614_265_331,
        &VerifyOptions::default(),
    )
    .unwrap();
    let other = "whsec_ZW9uMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0";
    assert!(
        webhook::verify_header(
            payload,
            header("Stripe-Signature"),
            &[other],
            1_614_265_331,
            &VerifyOptions::default()
        )
        .is_err()
    );
}

#[test]
fn a_destination_secret_is_whsec_and_base64() {
    assert!(sign::key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").is_ok());
    for bad in [
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "whsec_not base64!",
        "whsec_c2hvcnQ=",
        "",
    ] {
        assert!(sign::key(bad).is_err(), "{bad:?}");
        assert!(sign::headers("evt_1", b"{}", bad, 1).is_err(), "{bad:?}");
    }
}

#[test]
fn each_attempt_has_its_verdict() {
    use Outcome::{Failed, Status};
    for (outcome, attempt, expected) in [
        (Status(200), 1, Verdict::Delivered),
        (Status(204), 5, Verdict::Delivered),
        (Status(410), 1, Verdict::Disable),
        (Status(500), 1, Verdict::Retry { delay_seconds: 5 }),
        (Status(429), 2, Verdict::Retry { delay_seconds: 10 }),
        (Failed, 3, Verdict::Retry { delay_seconds: 20 }),
        (Status(301), 4, Verdict::Retry { delay_seconds: 40 }),
        (Status(500), 8, Verdict::Dead),
        (Failed, 9, Verdict::Dead),
    ] {
        assert_eq!(
            attempt::judge(outcome, attempt, 8),
            expected,
            "{outcome:?} on attempt {attempt}"
        );
    }
    assert_eq!(
        attempt::backoff_seconds(30),
        600,
        "the backoff is capped at ten minutes"
    );
}
