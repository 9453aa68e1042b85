//! Checking an API answer against its model, as the client does for every answer
//! (`api::check`): Stripe's example invoice and customer, and a page of 10 invoices,
//! beside serde_json reading the same text into a Value (a JSON reader's cost) and a
//! typed decode (what a Rust caller that wants the model pays).

use std::hint::black_box;

#[path = "../tests/support/shared.rs"]
mod shared;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use stripe_edge::api::{Endpoint, check};
use stripe_edge::resources::{self, Invoice};

/// Stripe's example of resource `name`, as JSON text.
fn example(name: &str) -> String {
    shared::fixture(name).to_string()
}

fn answers(c: &mut Criterion) {
    let invoice = example("invoice");
    let customer = example("customer");
    let page = format!(
        r#"{{"object":"list","url":"/v1/invoices","has_more":false,"data":[{}]}}"#,
        [invoice.as_str(); 10].join(",")
    );
    let retrieve = Endpoint::named("invoices.retrieve").expect("an endpoint");
    let customer_retrieve = Endpoint::named("customers.retrieve").expect("an endpoint");
    let list = Endpoint::named("invoices.list").expect("an endpoint");
    let mut group = c.benchmark_group("answer");
    for (name, endpoint, text) in [
        ("invoice", retrieve, &invoice),
        ("customer", customer_retrieve, &customer),
        ("page of 10 invoices", list, &page),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{name}/check"), |b| {
            b.iter(|| check(endpoint, 200, None, black_box(text)).expect("fits"))
        });
        group.bench_function(format!("{name}/serde_json Value"), |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)).expect("JSON"))
        });
    }
    group.bench_function("invoice/typed decode", |b| {
        b.iter(|| resources::decode::<Invoice>(black_box(&invoice)).expect("fits"))
    });
    group.finish();
}

criterion_group!(benches, answers);
criterion_main!(benches);
