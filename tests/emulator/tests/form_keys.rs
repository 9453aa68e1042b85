//! Keys made of digits in the emulator's form bodies: `metadata[0]=a` is the metadata
//! key `0` (the form decoder no longer reads it as a list), indexed arrays
//! (`enabled_events[0]=...`, as stripe-node sends them) are still arrays, and two
//! spellings of one index are refused rather than read as two elements.

use serde_json::Value;
use stripe_emulator::config::Config;

fn post(agent: &ureq::Agent, url: &str, body: &str) -> (u16, Value) {
    let request = ureq::http::Request::builder()
        .method("POST")
        .uri(url)
        .header("Authorization", "Bearer sk_test_form_keys")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body.to_string())
        .expect("a request");
    let mut response = agent.run(request).expect("an answer");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a body");
    (status, serde_json::from_str(&text).expect("JSON"))
}

#[test]
fn digit_keys_are_hash_keys_and_indexes_only_where_arrays_go() {
    let running = stripe_emulator::start(Config {
        port: 0,
        ..Config::default()
    })
    .expect("the emulator starts");
    let base = format!("http://{}", running.address);
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();

    let (status, customer) = post(
        &agent,
        &format!("{base}/v1/customers"),
        "metadata%5B0%5D=a&metadata%5B00%5D=b&metadata%5Bx%5D=c",
    );
    assert_eq!(status, 200, "{customer}");
    assert_eq!(
        customer["metadata"],
        serde_json::json!({"0": "a", "00": "b", "x": "c"})
    );

    let (status, endpoint) = post(
        &agent,
        &format!("{base}/v1/webhook_endpoints"),
        "url=https%3A%2F%2Fexample.com%2Fhook&enabled_events%5B1%5D=invoice.paid&enabled_events%5B0%5D=customer.created",
    );
    assert_eq!(status, 200, "{endpoint}");
    assert_eq!(
        endpoint["enabled_events"],
        serde_json::json!(["customer.created", "invoice.paid"])
    );

    let (status, error) = post(
        &agent,
        &format!("{base}/v1/webhook_endpoints"),
        "url=https%3A%2F%2Fexample.com%2Fhook&enabled_events%5B0%5D=a&enabled_events%5B00%5D=b",
    );
    assert_eq!(status, 400, "{error}");
    assert_eq!(error["error"]["param"], "enabled_events");
    running.stop();
}
