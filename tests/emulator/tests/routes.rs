//! Every endpoint of the core's table routes in the emulator: a request the core builds
//! for it (its required parameters filled in from the table's schema) gets an answer
//! that is not "unrecognized request URL". The emulator keeps its own parameter rules;
//! only the routing is checked against the table here.

use serde_json::Value;
use stripe_edge::api::{ENDPOINTS, Endpoint, Member, Method, Request, RequestOptions, Schema};
use stripe_edge::form::FormValue;
use stripe_emulator::config::Config;

/// A value of `schema`, with only what is required.
fn sample(schema: &Schema) -> FormValue {
    match schema {
        Schema::Text => FormValue::Text("probe".into()),
        Schema::Integer | Schema::Decimal => FormValue::Text("1".into()),
        Schema::Boolean => FormValue::Text("true".into()),
        Schema::Empty => FormValue::Text(String::new()),
        Schema::Hash(members) => required(members),
        Schema::Map(_) => FormValue::Map(Vec::new()),
        Schema::Array(inner) => FormValue::List(vec![sample(inner)]),
        Schema::AnyOf(alternatives) => sample(&alternatives[0]),
    }
}

fn required(members: &[Member]) -> FormValue {
    FormValue::Map(
        members
            .iter()
            .filter(|member| member.required)
            .map(|member| (member.name.to_string(), sample(member.schema)))
            .collect(),
    )
}

/// The core's request for `endpoint`, on an object that does not exist.
fn probe(endpoint: &Endpoint) -> Request {
    let options = RequestOptions {
        api_key: Some("sk_test_routes".into()),
        ..RequestOptions::default()
    };
    let id = endpoint.takes_id().then_some("probe_missing");
    endpoint
        .request(id, &required(endpoint.params), &options)
        .unwrap_or_else(|error| panic!("{}: {error}", endpoint.name))
}

/// The status and JSON body of `request` sent to the emulator at `base` (both hosts are
/// the emulator).
fn send(agent: &ureq::Agent, base: &str, request: &Request) -> (u16, Value) {
    let mut builder = ureq::http::Request::builder()
        .method(request.method.as_str())
        .uri(request.url(base));
    for (name, value) in &request.headers {
        builder = builder.header(*name, value);
    }
    let body = request.body.clone().unwrap_or_default();
    let mut response = agent
        .run(builder.body(body).expect("a request"))
        .expect("an answer");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Stripe's answer to a path it has no endpoint for (its code, `url_invalid`, is also
/// that of a `url` parameter that is not a URL: the message tells them apart).
fn unrecognized(body: &Value) -> bool {
    body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("Unrecognized request URL"))
}

#[test]
fn every_endpoint_of_the_table_routes_in_the_emulator() {
    let running = stripe_emulator::start(Config {
        port: 0,
        ..Config::default()
    })
    .expect("the emulator starts");
    let base = format!("http://{}", running.address);
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_idle_connections(0)
        .build()
        .new_agent();

    // The check can fail: a path the table does not have is unrecognized.
    let mut stray = probe(ENDPOINTS[0]);
    stray.method = Method::Get;
    stray.path = "/v1/charges".into();
    stray.body = None;
    let (status, body) = send(&agent, &base, &stray);
    assert!(status == 404 && unrecognized(&body), "{status} {body}");

    let mut unrouted = Vec::new();
    for endpoint in ENDPOINTS {
        let request = probe(endpoint);
        let (status, body) = send(&agent, &base, &request);
        if unrecognized(&body) || status == 405 {
            unrouted.push(format!(
                "{} ({} {}): {status} {body}",
                endpoint.name,
                request.method.as_str(),
                request.path
            ));
        }
    }
    running.stop();
    assert!(unrouted.is_empty(), "{unrouted:#?}");
}
