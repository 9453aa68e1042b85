// The Worker's Rust driver of the core's call machines (worker/src/upstream.rs), in
// workerd, against the local Stripe emulator: the JS client suite's scenarios (retries
// after 500s, Stripe-Should-Retry: false, a dropped connection, 250 items through each
// pagination style, a report run to completion). A test Worker (tests/worker-driver)
// runs one machine per request; the data it walks is made here through stripe-node,
// so every expectation comes from the official client, not from the code under test.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Stripe from 'stripe';
import { root, startEmulator, startWrangler } from '../support/harness.mjs';

let emulator;
let worker;
let stripe;

before(async () => {
  emulator = await startEmulator({ args: ['--report-delay-ms', '300'] });
  stripe = new Stripe('sk_test_driver', { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 0 });
  worker = await startWrangler({ config: join(root, 'tests/worker-driver/wrangler.toml'), cwd: join(root, 'tests/worker-driver') });
});
after(async () => {
  await worker?.stop();
  await emulator?.stop();
});

/** Runs `route` (`call`, `pages`, `report`) on the test Worker with `query` and `params`. */
async function drive(route, query, params = {}) {
  const search = new URLSearchParams({ base: emulator.url, ...query });
  const response = await fetch(`${worker.url}/${route}?${search}`, { method: 'POST', body: JSON.stringify(params) });
  const text = await response.text();
  assert.equal(response.status, 200, `${text}\n${worker.output()}`);
  return JSON.parse(text);
}

async function control(path, body) {
  const response = await fetch(`${emulator.url}/_emulator/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  assert.ok(response.ok, `/_emulator/${path}: ${response.status}`);
  return response.json();
}

const served = async () => (await control('stats')).requests;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** `count` results of `make(i)`, 25 at a time. */
async function many(count, make) {
  const out = [];
  for (let i = 0; i < count; i += 25) out.push(...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, j) => make(i + j)))));
  return out;
}

test('a POST answered 500 is retried: one object is made', async () => {
  const email = `retried-${unique()}@example.com`;
  await control('faults', { script: ['500'], should_retry: true });
  const before = await served();
  const result = await drive('call', { endpoint: 'customers.create' }, { email });
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal((await served()) - before, 2, 'requests served');
  const listed = await stripe.customers.list({ email });
  assert.deepEqual(listed.data.map((c) => c.id), [result.answer.id]);
});

test('Stripe-Should-Retry: false stops the retries; the error is Stripe\'s', async () => {
  await control('faults', { script: ['500'], should_retry: false });
  const before = await served();
  const result = await drive('call', { endpoint: 'customers.create' }, { email: `once-${unique()}@example.com` });
  assert.deepEqual([result.ok, result.error.kind, result.error.status, result.error.type], [false, 'api', 500, 'api_error']);
  assert.equal((await served()) - before, 1, 'requests served');
});

test('a dropped connection is retried; a slow answer ends as a connection error after the retries', async () => {
  const email = `dropped-${unique()}@example.com`;
  await control('faults', { script: ['drop'] });
  const made = await drive('call', { endpoint: 'customers.create' }, { email });
  assert.equal(made.ok, true, JSON.stringify(made));
  assert.equal((await stripe.customers.list({ email })).data.length, 1);
  await control('faults', { latency_ms: 400 });
  try {
    const before = await served();
    const slow = await drive('call', { endpoint: 'customers.list', timeout: '50' }, { limit: 1 });
    assert.deepEqual([slow.ok, slow.error.kind], [false, 'connection'], JSON.stringify(slow));
    assert.equal((await served()) - before, 3, 'requests served (two retries)');
  } finally {
    await control('faults', {});
  }
});

test('250 invoices exactly once through a list and through search; 250 events through v2 pages', async () => {
  const owner = await stripe.customers.create({ email: `pages-${unique()}@example.com` });
  const made = await many(250, () => stripe.invoices.create({ customer: owner.id, collection_method: 'send_invoice', days_until_due: 1 }));
  const ids = made.map((i) => i.id).sort();
  const walked = async (endpoint, params) => {
    const result = await drive('pages', { endpoint }, params);
    assert.equal(result.ok, true, JSON.stringify(result));
    return result.items;
  };
  const listed = await walked('invoices.list', { customer: owner.id, limit: 17 });
  assert.deepEqual(listed.map((i) => i.id).sort(), ids, 'list');
  const found = await walked('invoices.search', { query: `customer:"${owner.id}"`, limit: 23 });
  assert.deepEqual(found.map((i) => i.id).sort(), ids, 'search');
  const limited = await drive('pages', { endpoint: 'invoices.list', limit: '7' }, { customer: owner.id, limit: 5 });
  assert.equal(limited.items.length, 7, 'a limit stops the walk');

  const subject = await stripe.customers.create({ email: `events-${unique()}@example.com` });
  await many(250, (i) => stripe.customers.update(subject.id, { metadata: { [`k${i}`]: 'v' } }));
  const events = await walked('v2.core.events.list', { object_id: subject.id, limit: 20 });
  assert.equal(events.filter((e) => e.type === 'v1.customer.updated').length, 250, 'updated events');
  assert.equal(new Set(events.map((e) => e.id)).size, events.length, 'each event once');
  assert.ok(events.every((e) => e.related_object.id === subject.id), 'every event is of the object');
});

test('a report run is waited for until it succeeds, then its rows are read', async () => {
  const customer = await stripe.customers.create({ email: `report-${unique()}@example.com` });
  const invoice = await stripe.invoices.create({ customer: customer.id, currency: 'jpy', collection_method: 'send_invoice', days_until_due: 7 });
  await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 5000, currency: 'jpy' });
  await stripe.invoices.finalizeInvoice(invoice.id);
  await stripe.invoices.pay(invoice.id, { paid_out_of_band: true });
  const type = await stripe.reporting.reportTypes.retrieve('balance_change_from_activity.itemized.1');
  const result = await drive('report', { poll: '100' }, {
    report_type: type.id,
    parameters: { interval_start: type.data_available_start, interval_end: type.data_available_end, columns: ['invoice_id', 'currency', 'gross'] },
  });
  assert.equal(result.ok, true, JSON.stringify(result));
  const statuses = result.progress.map((run) => run.status);
  assert.deepEqual([statuses[0], statuses.at(-1), result.run.status], ['pending', 'succeeded', 'succeeded']);
  const fetched = await stripe.reporting.reportRuns.retrieve(result.run.id);
  assert.equal(fetched.result.id, result.run.result.id, 'the run Stripe has');
  const row = result.rows.find((r) => r.invoice_id === invoice.id);
  assert.deepEqual(row, { invoice_id: invoice.id, currency: 'jpy', gross: 5000 });
});
