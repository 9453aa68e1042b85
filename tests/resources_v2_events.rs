//! v2 events read with the models their `type` names: the seed's example event
//! (`../shared/fixtures/seed-examples.json`) and the `billing.meter` example object of
//! `../shared/stripe-openapi/fixtures3.json`, changed into the other known type, into
//! unknown types, and into data that does not fit.

#[path = "support/shared.rs"]
mod shared;

use serde_json::{Value, json};
use stripe_edge::resources::{self, Problem, v2};
use v2::{EventData, RelatedObjectData};

fn seed_event() -> Value {
    shared::seed("v2_core_event_retrieve")
}

fn event(value: &Value) -> v2::Event {
    resources::decode(&value.to_string()).unwrap_or_else(|e| panic!("{e}: {value}"))
}

fn json_of<T: resources::Encode>(model: &T) -> Value {
    serde_json::from_str(&resources::encode(model)).unwrap()
}

#[test]
fn the_seed_event_reads_its_data_as_a_meter_error_report() {
    let seed = seed_event();
    assert_eq!(seed["type"], v2::METER_ERROR_REPORT_TRIGGERED);
    let data = match event(&seed).typed_data().unwrap() {
        EventData::MeterErrorReportTriggered(data) => data,
        other => panic!("{other:?}"),
    };
    let expected = &seed["data"];
    assert_eq!(
        data.developer_message_summary,
        expected["developer_message_summary"].as_str().unwrap()
    );
    assert_eq!(
        (data.validation_start.as_str(), data.validation_end.as_str()),
        (
            expected["validation_start"].as_str().unwrap(),
            expected["validation_end"].as_str().unwrap()
        )
    );
    assert_eq!(
        data.reason.error_count,
        expected["reason"]["error_count"].as_i64().unwrap()
    );
    let kind = &data.reason.error_types[0];
    let expected_kind = &expected["reason"]["error_types"][0];
    assert_eq!(kind.code, expected_kind["code"].as_str().unwrap());
    assert_eq!(
        kind.error_count,
        expected_kind["error_count"].as_i64().unwrap()
    );
    let sample = &kind.sample_errors[0];
    let expected_sample = &expected_kind["sample_errors"][0];
    assert_eq!(
        (
            sample.error_message.as_str(),
            sample.request.identifier.as_str()
        ),
        (
            expected_sample["error_message"].as_str().unwrap(),
            expected_sample["request"]["identifier"].as_str().unwrap()
        )
    );
    assert_eq!(
        &json_of(&data),
        expected,
        "the typed data re-encodes to the same JSON"
    );
}

#[test]
fn no_meter_found_has_the_same_data_model() {
    let mut seed = seed_event();
    seed["type"] = json!(v2::METER_NO_METER_FOUND);
    seed["related_object"] = Value::Null;
    match event(&seed).typed_data().unwrap() {
        EventData::MeterNoMeterFound(data) => assert_eq!(json_of(&data), seed["data"]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn other_types_keep_their_data_raw_and_decode_whatever_it_is() {
    for data in [
        Value::Null,
        json!({"object": {"id": "in_1"}, "anything": [1, 2.5, "x"]}),
        json!("text"),
    ] {
        let mut seed = seed_event();
        seed["type"] = json!("v1.invoice.paid");
        seed["data"] = data.clone();
        let decoded = event(&seed);
        assert_eq!(json_of(&decoded), seed, "the event round-trips");
        match decoded.typed_data().unwrap() {
            EventData::Other(None) => assert!(data.is_null()),
            EventData::Other(Some(raw)) => {
                assert_eq!(serde_json::from_str::<Value>(raw.get()).unwrap(), data)
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn members_the_data_model_does_not_know_survive() {
    let mut seed = seed_event();
    seed["data"]["zz_new"] = json!({"a": 1});
    seed["data"]["reason"]["error_types"][0]["sample_errors"][0]["request"]["zz_more"] =
        json!(true);
    let EventData::MeterErrorReportTriggered(data) = event(&seed).typed_data().unwrap() else {
        panic!("a meter error report")
    };
    assert_eq!(json_of(&data), seed["data"]);
}

#[test]
fn data_that_does_not_fit_its_type_is_an_error_by_path_and_the_event_still_decodes() {
    let cases = [
        (
            json!({"reason": {"error_types": [{"code": 5}]}}),
            "data.reason.error_types[0].code",
            "invalid_type",
        ),
        (
            json!({"reason": {"error_count": "1"}}),
            "data.reason.error_count",
            "invalid_type",
        ),
        (
            json!({"reason": {"error_types": [{"sample_errors": [{"request": {"identifier": null}}]}]}}),
            "data.reason.error_types[0].sample_errors[0].request.identifier",
            "invalid_type",
        ),
        (
            json!({"developer_message_summary": null}),
            "data.developer_message_summary",
            "invalid_type",
        ),
    ];
    for (change, path, code) in cases {
        let mut seed = seed_event();
        merge(&mut seed["data"], &change);
        let decoded = event(&seed);
        assert_eq!(
            json_of(&decoded),
            seed,
            "the envelope decodes whatever the data"
        );
        let error = decoded.typed_data().unwrap_err();
        assert_eq!(
            (error.path.as_str(), error.code()),
            (path, code),
            "{change}"
        );
    }
    let mut seed = seed_event();
    seed["data"] = Value::Null;
    let error = event(&seed).typed_data().unwrap_err();
    assert_eq!(
        (error.path.as_str(), error.problem),
        ("data", Problem::Missing)
    );
    let mut seed = seed_event();
    seed["data"]
        .as_object_mut()
        .unwrap()
        .remove("validation_end");
    let error = event(&seed).typed_data().unwrap_err();
    assert_eq!(error.path, "data.validation_end");
}

/// Sets every leaf of `change` in `target`, keeping the rest.
fn merge(target: &mut Value, change: &Value) {
    match (target, change) {
        (Value::Object(target), Value::Object(change)) => {
            for (key, value) in change {
                merge(target.entry(key).or_insert(Value::Null), value);
            }
        }
        (Value::Array(target), Value::Array(change)) => {
            for (at, value) in change.iter().enumerate() {
                merge(&mut target[at], value);
            }
        }
        (target, change) => *target = change.clone(),
    }
}

#[test]
fn the_related_object_reads_with_the_model_the_type_names() {
    let meter = shared::fixture("billing.meter");
    assert_eq!(meter["object"], "billing.meter");
    let triggered = event(&seed_event());
    let related = triggered.decode_related_object(&meter.to_string()).unwrap();
    #[cfg(feature = "billing")]
    match &related {
        RelatedObjectData::Meter(decoded) => {
            // billing.meter is inferred from its example (it is newer than the spec), so
            // every field is optional and nullable.
            let id = decoded.id.as_ref().and_then(Option::as_ref);
            assert_eq!(id.map(|id| id.as_str()), meter["id"].as_str());
            assert_eq!(json_of(decoded.as_ref()), meter);
        }
        other => panic!("{other:?}"),
    }
    #[cfg(not(feature = "billing"))]
    assert!(matches!(related, RelatedObjectData::Other(_)));
    #[cfg(feature = "billing")]
    {
        let mut wrong = meter.clone();
        wrong["object"] = json!("customer");
        let error = triggered
            .decode_related_object(&wrong.to_string())
            .unwrap_err();
        assert_eq!(
            (error.path.as_str(), error.code()),
            ("object", "wrong_object")
        );
    }
    let mut other = seed_event();
    other["type"] = json!("v1.customer.updated");
    let customer = json!({"id": "cus_1", "object": "customer"});
    match event(&other)
        .decode_related_object(&customer.to_string())
        .unwrap()
    {
        RelatedObjectData::Other(raw) => {
            assert_eq!(serde_json::from_str::<Value>(raw.get()).unwrap(), customer)
        }
        other => panic!("{other:?}"),
    }
}
