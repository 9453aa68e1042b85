// Realistic `invoice.paid` events of about 3 KB and 30 KB, the same in every benchmark.
export const SECRET = 'whsec_benchmark_secret_0123456789abcdef';

export function invoiceEvent(targetBytes) {
  const invoice = {
    id: 'in_1PbenchmarkInvoice0001',
    object: 'invoice',
    account_country: 'US',
    amount_due: 0,
    amount_paid: 0,
    currency: 'usd',
    customer: 'cus_Pbenchmark0001',
    customer_email: 'zoë@example.com',
    status: 'paid',
    metadata: { order: 'A-1001', note: 'Zoë 😀' },
    lines: { object: 'list', data: [], has_more: false, url: '/v1/invoices/in_1PbenchmarkInvoice0001/lines' },
  };
  const event = {
    id: 'evt_1PbenchmarkEvent0001',
    object: 'event',
    api_version: '2026-10-28.endive',
    created: 1_700_000_000,
    type: 'invoice.paid',
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_benchmark', idempotency_key: 'b5f3c1d2-0000-4000-8000-benchmark' },
    data: { object: invoice },
  };
  for (let i = 0; JSON.stringify(event, null, 2).length < targetBytes; i++) {
    invoice.lines.data.push({
      id: `il_1Pbenchmark${String(i).padStart(6, '0')}`,
      object: 'line_item',
      amount: 1000 + i,
      currency: 'usd',
      description: `Seat licence ${i} — annual plan`,
      period: { start: 1_700_000_000, end: 1_731_536_000 },
      quantity: 1,
    });
    invoice.amount_due = invoice.amount_paid = invoice.amount_paid + 1000 + i;
  }
  // Stripe sends pretty-printed JSON.
  return JSON.stringify(event, null, 2);
}

export const PAYLOADS = { '3 KB': invoiceEvent(3 * 1024), '30 KB': invoiceEvent(30 * 1024) };
