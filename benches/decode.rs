//! Decoding many distinct keys: a form body of `n` parameters (`form::decode`) and an
//! invoice with `n` members its model does not know (typed decoding keeps them in
//! `Extra`). Both were quadratic in `n` (issue 13); the figures go in BENCHMARKS.md by
//! hand (`cargo bench --bench decode`).

use std::hint::black_box;

#[path = "../tests/support/shared.rs"]
mod shared;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use stripe_edge::form;
use stripe_edge::resources::{self, Invoice};

/// Parameters in a body (10,000 is `form::MAX_PARAMS`).
const SIZES: [usize; 3] = [1_000, 5_000, 10_000];

/// Unknown members beside an invoice's own (9,900 keeps it under `MAX_MEMBERS`).
const MEMBERS: [usize; 3] = [1_000, 5_000, 9_900];

/// `k0=v&k1=v&...`: `n` distinct keys.
fn form_body(n: usize) -> String {
    (0..n)
        .map(|i| format!("key{i}=value"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Stripe's example invoice (trimmed to what the model requires) with `n` members the
/// model does not know.
fn invoice(n: usize) -> String {
    let mut invoice = shared::fixture("invoice");
    let members = invoice.as_object_mut().expect("an object");
    for i in 0..n {
        members.insert(format!("zz_unknown_{i}"), serde_json::json!(i));
    }
    invoice.to_string()
}

fn distinct_keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("form::decode distinct keys");
    group.sample_size(10);
    for n in SIZES {
        let body = form_body(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &body, |b, body| {
            b.iter(|| form::decode(black_box(body)).expect("decodes"))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("typed decode unknown members");
    group.sample_size(10);
    for n in MEMBERS {
        let json = invoice(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &json, |b, json| {
            b.iter(|| resources::decode::<Invoice>(black_box(json)).expect("decodes"))
        });
    }
    group.finish();

    // The review's case: 40,000 keys, now refused at the cap.
    let mut group = c.benchmark_group("refused at the cap, 40000 keys");
    group.sample_size(10);
    let body = form_body(40_000);
    group.bench_function("form::decode", |b| {
        b.iter(|| form::decode(black_box(&body)).expect_err("over the cap"))
    });
    let json = invoice(40_000);
    group.bench_function("typed decode", |b| {
        b.iter(|| resources::decode::<Invoice>(black_box(&json)).expect_err("over the cap"))
    });
    group.finish();
}

criterion_group!(benches, distinct_keys);
criterion_main!(benches);
