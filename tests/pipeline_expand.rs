//! Thin notifications expanded for destinations that want snapshots
//! (`stripe_edge::pipeline::expand`): what to fetch for which destination, and the
//! payload composed from the answers.

use serde_json::{Value, json};
use stripe_edge::pipeline::Routes;
use stripe_edge::pipeline::expand::{self, ExpandError, Fetch, Plan};

fn routes() -> Routes {
    Routes::parse(
        &json!({ "destinations": [
            { "name": "full", "url": "http://127.0.0.1:1/", "events": ["*"], "secret": "S", "related_object": true },
            { "name": "event", "url": "http://127.0.0.1:1/", "events": ["*"], "secret": "S" },
            { "name": "thin", "url": "http://127.0.0.1:1/", "events": ["*"], "secret": "S", "payload": "thin", "related_object": true },
        ]})
        .to_string(),
    )
    .unwrap()
}

const THIN: &str = r#"{"id":"evt_thin_1","object":"v2.core.event","type":"v1.customer.created","created":"2026-11-30T00:00:00.000Z","livemode":false,"context":"acct_1","related_object":{"id":"cus_1","type":"customer","url":"/v1/customers/cus_1"}}"#;

#[test]
fn only_snapshot_destinations_fetch_thin_notifications() {
    let routes = routes();
    let plan = |name: &str, payload: &str| expand::plan(payload, routes.named(name).unwrap());
    assert_eq!(
        plan("full", THIN),
        Plan::Fetch(Fetch {
            event_id: "evt_thin_1".into(),
            context: Some("acct_1".into()),
            related_object_url: Some("/v1/customers/cus_1".into()),
        })
    );
    assert_eq!(
        plan("event", THIN),
        Plan::Fetch(Fetch {
            event_id: "evt_thin_1".into(),
            context: Some("acct_1".into()),
            related_object_url: None,
        })
    );
    assert_eq!(plan("thin", THIN), Plan::AsSent);
    let snapshot = r#"{"id":"evt_1","object":"event","type":"invoice.paid","data":{"object":{}}}"#;
    assert_eq!(plan("full", snapshot), Plan::AsSent);
    let unrelated = r#"{"id":"evt_2","object":"v2.core.event","type":"v1.billing.meter.no_meter_found","related_object":null}"#;
    assert_eq!(
        plan("full", unrelated),
        Plan::Fetch(Fetch {
            event_id: "evt_2".into(),
            context: None,
            related_object_url: None,
        })
    );
    assert_eq!(plan("full", "not json"), Plan::AsSent);
}

#[test]
fn the_related_object_is_added_to_the_fetched_event() {
    let event = r#"{"id":"evt_thin_1","object":"v2.core.event","data":{"x":1}} "#;
    let composed = expand::compose(event, Some(r#" {"id":"cus_1","object":"customer"}"#)).unwrap();
    let value: Value = serde_json::from_str(&composed).unwrap();
    assert_eq!(value["id"], "evt_thin_1");
    assert_eq!(value["data"]["x"], 1);
    assert_eq!(value["related_object_data"]["id"], "cus_1");
    assert_eq!(expand::compose(event, None).unwrap(), event);
    let empty: Value = serde_json::from_str(&expand::compose("{}", Some("{}")).unwrap()).unwrap();
    assert_eq!(empty, json!({ "related_object_data": {} }));
    for (event, related) in [
        ("[]", None),
        ("{}", Some("[1]")),
        ("{", None),
        (event, Some("nope")),
    ] {
        assert_eq!(
            expand::compose(event, related),
            Err(ExpandError),
            "{event} {related:?}"
        );
    }
}
