// `GET /v1/events` through stripe-node (`stripe.events.list` with its filters, both
// paging directions and auto-pagination, `retrieve`), and the emulator's line per
// webhook delivery, with `delivery_success` following what a receiver answered.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import Stripe from 'stripe';
import { startEmulator, waitFor } from '../../support/harness.mjs';

let emulator;
let stripe;
let receiver;
const answers = [];

before(async () => {
  emulator = await startEmulator();
  stripe = new Stripe('sk_test_events', { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const [status, body] = answers.shift() ?? [200, '{}'];
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await emulator?.stop();
  receiver?.close();
});

const eventFor = async (type, objectId) => {
  const page = await stripe.events.list({ type, limit: 100 });
  const event = page.data.find((e) => e.data.object.id === objectId);
  assert.ok(event, `a ${type} event for ${objectId}`);
  return event;
};

test('stripe.events.list filters by type (with wildcards), types and created, and pages both ways', async () => {
  const made = [];
  for (let i = 0; i < 7; i++) made.push(await stripe.customers.create({ email: `list${i}@example.com` }));
  await stripe.customers.update(made[0].id, { name: 'Updated' });
  const all = await stripe.events.list({ type: 'customer.*', limit: 100 });
  assert.equal(all.object, 'list');
  assert.equal(all.data.length, 8);
  assert.deepEqual(
    all.data.map((e) => [e.type, e.data.object.id]),
    [['customer.updated', made[0].id], ...made.toReversed().map((c) => ['customer.created', c.id])],
    'newest first',
  );
  const walked = await stripe.events.list({ type: 'customer.*', limit: 3 }).autoPagingToArray({ limit: 100 });
  assert.deepEqual(walked.map((e) => e.id), all.data.map((e) => e.id));
  const previous = await stripe.events.list({ type: 'customer.*', limit: 2, ending_before: all.data[4].id });
  assert.deepEqual(previous.data.map((e) => e.id), [all.data[2].id, all.data[3].id]);
  assert.equal(previous.has_more, true);

  const updates = await stripe.events.list({ types: ['customer.updated'] });
  assert.deepEqual(updates.data.map((e) => e.id), [all.data[0].id]);
  const created = all.data[0].created;
  assert.equal((await stripe.events.list({ type: 'customer.*', created: { gt: created }, limit: 100 })).data.length, 0);
  assert.equal((await stripe.events.list({ type: 'customer.*', created: { lte: created }, limit: 100 })).data.length, 8);

  const one = await stripe.events.retrieve(all.data[0].id);
  assert.deepEqual([one.id, one.type, one.data.object.name], [all.data[0].id, 'customer.updated', 'Updated']);
  await assert.rejects(stripe.events.list({ type: 'customer.created', types: ['customer.updated'] }), { statusCode: 400, param: 'types' });
  await assert.rejects(stripe.events.retrieve('evt_missing'), { statusCode: 404, code: 'resource_missing' });
});

test('each delivery is one line of the emulator’s output, and delivery_success follows the answers', async () => {
  answers.push([400, JSON.stringify({ error: { type: 'invalid_request_error', code: 'no_matching_signature', message: 'no' } })]);
  const url = `http://127.0.0.1:${receiver.address().port}/hook`;
  await stripe.webhookEndpoints.create({ url, enabled_events: ['invoice.created'] });
  const customer = await stripe.customers.create({ email: 'owed@example.com' });
  const invoice = await stripe.invoices.create({ customer: customer.id });
  const event = await eventFor('invoice.created', invoice.id);
  const refused = `webhook ${event.id} invoice.created to ${url}: refused (400 no_matching_signature); attempt 1 of 6, next in 0.5 s`;
  const accepted = `webhook ${event.id} invoice.created to ${url}: accepted (200)`;
  await waitFor(() => emulator.output().includes(refused), { timeoutMs: 10_000, what: `the refused line in\n${emulator.output()}` });
  const owed = await stripe.events.list({ delivery_success: false });
  assert.ok(owed.data.some((e) => e.id === event.id), 'a refused delivery is still owed');
  await waitFor(() => emulator.output().includes(accepted), { timeoutMs: 10_000, what: `the accepted line in\n${emulator.output()}` });
  const lines = emulator.output().split('\n').filter((line) => line.includes(event.id));
  assert.deepEqual(lines, [refused, accepted], 'one line per attempt, nothing else about this event');
  assert.equal((await stripe.events.list({ delivery_success: false })).data.some((e) => e.id === event.id), false);
  const delivered = await stripe.events.list({ delivery_success: true, type: 'invoice.created' });
  assert.ok(delivered.data.some((e) => e.id === event.id));
  assert.equal((await stripe.events.retrieve(event.id)).pending_webhooks, 0);
});
