//! Native cost of the search language on a 10-clause query: parsing and checking it,
//! printing it, and matching an invoice (`cargo bench`; `npm run bench` reports
//! queries per second in BENCHMARKS.md).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use stripe_edge::search::{self, Resource};

/// Ten clauses of every kind: token, string, substring, numeric, metadata, negation, null
/// (the JS benchmark reads the same file).
const QUERY: &str = include_str!("search-query.txt");

const INVOICE: &str = r#"{"id":"in_1","object":"invoice","status":"open","customer":"cus_NeZwdNtLEOXuvB","total":1500,"created":1680220390,"currency":"usd","number":"ABCD-0001","metadata":{"order_id":"6735"},"subscription":"sub_1","receipt_number":null}"#;

fn search_language(c: &mut Criterion) {
    let query = search::parse(QUERY, Resource::Invoices).expect("the benchmark query is valid");
    assert!(query.matches_json(INVOICE).expect("JSON"));
    let mut group = c.benchmark_group("search 10 clauses");
    group.throughput(Throughput::Elements(1));
    group.bench_function("parse", |b| {
        b.iter(|| search::parse(black_box(QUERY), Resource::Invoices))
    });
    group.bench_function("print", |b| b.iter(|| black_box(&query).to_string()));
    group.bench_function("match", |b| {
        b.iter(|| black_box(&query).matches_json(black_box(INVOICE)))
    });
    group.finish();
}

criterion_group!(benches, search_language);
criterion_main!(benches);
