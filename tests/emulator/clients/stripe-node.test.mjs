// The emulator through Stripe's official Node client (the `stripe` npm package),
// unmodified but for the host: what it creates, lists, searches and refuses must read
// the way stripe-node reads Stripe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startEmulator } from '../../support/harness.mjs';

let emulator;
let stripe;

before(async () => {
  emulator = await startEmulator();
  stripe = new Stripe('sk_test_stripe_node', { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 2 });
});
after(() => emulator?.stop());

const faults = (settings) =>
  fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });

test('customers: create, retrieve, list with auto-pagination', async () => {
  const made = [];
  for (let i = 0; i < 12; i++) made.push(await stripe.customers.create({ email: `node${i}@example.com`, metadata: { i: String(i) } }));
  assert.match(made[0].id, /^cus_/);
  assert.equal(made[3].metadata.i, '3');
  const fetched = await stripe.customers.retrieve(made[5].id);
  assert.equal(fetched.email, 'node5@example.com');
  const listed = await stripe.customers.list({ limit: 5 }).autoPagingToArray({ limit: 100 });
  const ids = listed.map((c) => c.id);
  assert.deepEqual(ids.filter((id) => made.some((m) => m.id === id)).sort(), made.map((m) => m.id).sort());
  assert.equal(new Set(ids).size, ids.length, 'no customer twice');
});

test('invoices: items, finalize, send, void, pay, search and the errors stripe-node raises', async () => {
  const customer = await stripe.customers.create({ email: 'invoices@example.com', name: 'Invoice Person' });
  const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 14 });
  assert.equal(invoice.status, 'draft');
  await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 4200, currency: 'usd' });
  const finalized = await stripe.invoices.finalizeInvoice(invoice.id);
  assert.equal(finalized.status, 'open');
  assert.equal(finalized.total, 4200);
  const sent = await stripe.invoices.sendInvoice(invoice.id);
  assert.equal(sent.id, invoice.id);
  const voided = await stripe.invoices.voidInvoice(invoice.id);
  assert.equal(voided.status, 'void');
  await assert.rejects(stripe.invoices.pay(invoice.id), (error) => {
    assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
    assert.equal(error.code, 'invalid_state');
    assert.match(error.requestId, /^req_/);
    return true;
  });
  const second = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 14 });
  await stripe.invoiceItems.create({ customer: customer.id, invoice: second.id, amount: 999, currency: 'usd' });
  await stripe.invoices.finalizeInvoice(second.id);
  const paid = await stripe.invoices.pay(second.id, { paid_out_of_band: true });
  assert.equal(paid.status, 'paid');
  const found = await stripe.invoices.search({ query: `customer:"${customer.id}" AND status:"paid"` });
  assert.deepEqual(found.data.map((i) => i.id), [second.id]);
  const all = await stripe.invoices.search({ query: `customer:"${customer.id}"`, limit: 1 }).autoPagingToArray({ limit: 10 });
  assert.deepEqual(all.map((i) => i.id).sort(), [invoice.id, second.id].sort());
  const expanded = await stripe.invoices.retrieve(second.id, { expand: ['customer'] });
  assert.equal(expanded.customer.email, 'invoices@example.com');
  await assert.rejects(stripe.invoices.search({ query: 'total~"12"' }), (error) => {
    assert.equal(error.type, 'StripeInvalidRequestError');
    assert.equal(error.param, 'query');
    return true;
  });
  await assert.rejects(stripe.customers.create({ nickname: 'x' }), { code: 'parameter_unknown', param: 'nickname' });
  await assert.rejects(stripe.invoices.retrieve('in_missing'), { statusCode: 404, code: 'resource_missing' });
});

test('stripe-node retries an injected 500 with one idempotency key, and one object is made', async () => {
  const before = (await stripe.customers.list({ limit: 100 })).data.length;
  assert.equal((await faults({ script: ['500'], should_retry: true })).status, 200);
  const made = await stripe.customers.create({ email: 'retried@example.com' });
  const listed = (await stripe.customers.list({ limit: 100 })).data;
  assert.equal(listed.length, before + 1);
  assert.equal(listed.filter((c) => c.email === 'retried@example.com').length, 1);
  assert.equal(listed[0].id, made.id);
  assert.equal((await faults({ script: ['500'], should_retry: false })).status, 200);
  await assert.rejects(stripe.customers.create({ email: 'not-retried@example.com' }), { statusCode: 500 });
  assert.equal((await faults({})).status, 200);
});

test('a wrong key is refused as Stripe refuses it', async () => {
  const wrong = new Stripe('sk_live_nope', { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
  await assert.rejects(wrong.customers.list(), (error) => error instanceof Stripe.errors.StripeAuthenticationError);
});
