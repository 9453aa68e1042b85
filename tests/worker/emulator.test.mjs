// Deliveries from the local Stripe emulator (tests/emulator) to the Worker in workerd:
// endpoints made through stripe-node, their generated secrets given to the Worker as a
// rotation list, and a recording relay between the two, so the test sees what the
// emulator signed and what the Worker answered, for v1 snapshot and v2 thin events.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import Stripe from 'stripe';
import { startEmulator, startWrangler, waitFor } from '../support/harness.mjs';

let emulator;
let worker;
let relay;
let stripe;
let endpoints;
const deliveries = [];

before(async () => {
  relay = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const answer = await fetch(`${worker.url}/webhooks/stripe`, {
      method: 'POST',
      body,
      headers: { 'stripe-signature': req.headers['stripe-signature'] ?? '', 'content-type': 'application/json' },
    });
    const text = await answer.text();
    deliveries.push({ path: req.url, event: JSON.parse(body), status: answer.status, answer: JSON.parse(text) });
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
  });
  await new Promise((r) => relay.listen(0, '127.0.0.1', r));
  emulator = await startEmulator();
  stripe = new Stripe('sk_test_worker', { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
  const url = (path) => `http://127.0.0.1:${relay.address().port}${path}`;
  endpoints = [
    await stripe.webhookEndpoints.create({ url: url('/snapshot'), enabled_events: ['customer.created', 'invoice.finalized', 'invoice.paid'] }),
    await stripe.webhookEndpoints.create({ url: url('/thin'), enabled_events: ['invoice.paid'], event_payload: 'thin' }),
  ];
  const secrets = endpoints.map((e) => e.secret).join(',');
  worker = await startWrangler({ vars: { STRIPE_WEBHOOK_SECRET: secrets }, readyPath: '/healthz' });
});

after(async () => {
  relay?.close();
  await emulator?.stop();
  await worker?.stop();
});

test('the Worker accepts the emulator’s snapshot and thin deliveries, each exactly as signed', async () => {
  const customer = await stripe.customers.create({ email: 'worker@example.com' });
  const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 3 });
  await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 2500, currency: 'usd' });
  await stripe.invoices.finalizeInvoice(invoice.id);
  await stripe.invoices.pay(invoice.id, { paid_out_of_band: true });
  const wanted = [
    ['/snapshot', 'customer.created', customer.id],
    ['/snapshot', 'invoice.finalized', invoice.id],
    ['/snapshot', 'invoice.paid', invoice.id],
    ['/thin', 'v1.invoice.paid', invoice.id],
  ];
  const found = await waitFor(
    () => {
      const matches = wanted.map(([path, type, id]) =>
        deliveries.find((d) => d.path === path && d.event.type === type && (d.event.data?.object?.id ?? d.event.related_object?.id) === id),
      );
      return matches.every(Boolean) && matches;
    },
    { timeoutMs: 30_000, what: `the four deliveries; seen ${JSON.stringify(deliveries.map((d) => [d.path, d.event.type, d.status]))}` },
  );
  for (const delivery of found) {
    assert.equal(delivery.status, 200, JSON.stringify(delivery.answer));
    assert.deepEqual(delivery.answer, { received: true, id: delivery.event.id, type: delivery.event.type });
  }
  assert.equal(found[3].event.object, 'v2.core.event');
  assert.ok(deliveries.filter((d) => d.path === '/snapshot').every((d) => d.event.object === 'event'));
});
