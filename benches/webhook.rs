//! Native cost of verifying and decoding a webhook in the core, for payloads of about
//! 3 KB and 30 KB (`cargo bench`; `npm run bench` reports it in BENCHMARKS.md).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use stripe_edge::webhook::{self, VerifyOptions};

const SECRET: &str = "whsec_benchmark_secret_0123456789abcdef";
const T: i64 = 1_700_000_000;

/// An `invoice.paid` event of about `target` bytes, pretty-printed as Stripe sends it.
fn invoice_event(target: usize) -> String {
    let mut lines = Vec::new();
    let mut i = 0;
    loop {
        let event = format!(
            r#"{{
  "id": "evt_1PbenchmarkEvent0001",
  "object": "event",
  "api_version": "2026-10-28.endive",
  "created": {T},
  "type": "invoice.paid",
  "livemode": false,
  "pending_webhooks": 1,
  "request": {{ "id": "req_benchmark", "idempotency_key": null }},
  "data": {{
    "object": {{
      "id": "in_1PbenchmarkInvoice0001",
      "object": "invoice",
      "customer_email": "zoë@example.com",
      "lines": {{ "object": "list", "has_more": false, "data": [{}] }}
    }}
  }}
}}"#,
            lines.join(",")
        );
        if event.len() >= target {
            return event;
        }
        lines.push(format!(
            r#"
        {{ "id": "il_1Pbenchmark{i:06}", "object": "line_item", "amount": {}, "currency": "usd",
          "description": "Seat licence {i} — annual plan", "period": {{ "start": {T}, "end": 1731536000 }}, "quantity": 1 }}"#,
            1000 + i
        ));
        i += 1;
    }
}

fn bench(c: &mut Criterion) {
    let options = VerifyOptions::default();
    for (name, bytes) in [("3 KB", 3 * 1024), ("30 KB", 30 * 1024)] {
        let payload = invoice_event(bytes);
        let header = webhook::generate_test_header(payload.as_bytes(), &[SECRET], T);
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(payload.len() as u64));
        group.bench_function("verify_header", |b| {
            b.iter(|| {
                webhook::verify_header(
                    black_box(payload.as_bytes()),
                    &header,
                    &[SECRET],
                    T,
                    &options,
                )
            })
        });
        group.bench_function("construct_event", |b| {
            b.iter(|| {
                webhook::construct_event(
                    black_box(payload.as_bytes()),
                    &header,
                    &[SECRET],
                    T,
                    &options,
                )
                .map(|event| event.created)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
