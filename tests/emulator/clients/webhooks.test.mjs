// Webhook endpoints through stripe-node, and the emulator's deliveries checked by
// stripe-node's own `constructEvent` at a local receiver: snapshot events, v2 thin
// events for an endpoint that asks for them, and retries after a failed delivery.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import Stripe from 'stripe';
import { startEmulator, waitFor } from '../../support/harness.mjs';

let emulator;
let stripe;
let receiver;
const received = [];
let failuresLeft = 0;

before(async () => {
  emulator = await startEmulator();
  stripe = new Stripe('sk_test_webhooks', { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
  receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(503).end();
        return;
      }
      received.push({ path: req.url, body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['stripe-signature'] });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await emulator?.stop();
  receiver?.close();
});

const url = (path) => `http://127.0.0.1:${receiver.address().port}${path}`;

test('webhook endpoints: create shows the secret once; retrieve, update, list, delete', async () => {
  const endpoint = await stripe.webhookEndpoints.create({ url: url('/crud'), enabled_events: ['invoice.paid'], description: 'crud', metadata: { team: 'edge' } });
  assert.match(endpoint.secret, /^whsec_/);
  assert.equal(endpoint.status, 'enabled');
  const fetched = await stripe.webhookEndpoints.retrieve(endpoint.id);
  assert.equal(fetched.secret, undefined);
  assert.deepEqual(fetched.enabled_events, ['invoice.paid']);
  assert.deepEqual(fetched.metadata, { team: 'edge' });
  const updated = await stripe.webhookEndpoints.update(endpoint.id, { disabled: true, enabled_events: ['*'] });
  assert.equal(updated.status, 'disabled');
  const listed = await stripe.webhookEndpoints.list();
  assert.ok(listed.data.some((e) => e.id === endpoint.id));
  const deleted = await stripe.webhookEndpoints.del(endpoint.id);
  assert.deepEqual([deleted.id, deleted.deleted], [endpoint.id, true]);
  await assert.rejects(stripe.webhookEndpoints.retrieve(endpoint.id), { statusCode: 404 });
  await assert.rejects(stripe.webhookEndpoints.create({ url: 'ftp://x', enabled_events: ['*'] }), { param: 'url' });
  await assert.rejects(stripe.webhookEndpoints.create({ url: url('/x') }), { param: 'enabled_events' });
});

test('deliveries verify with stripe-node, thin events included, and a failed delivery is retried', async () => {
  const snapshot = await stripe.webhookEndpoints.create({ url: url('/snapshot'), enabled_events: ['customer.created', 'invoice.paid'] });
  const thin = await stripe.webhookEndpoints.create({ url: url('/thin'), enabled_events: ['customer.created'], event_payload: 'thin' });
  failuresLeft = 1;
  const customer = await stripe.customers.create({ email: 'hooks@example.com' });
  const delivered = await waitFor(() => {
    const snap = received.find((r) => r.path === '/snapshot');
    const thinOne = received.find((r) => r.path === '/thin');
    return snap && thinOne && { snap, thinOne };
  }, { timeoutMs: 15_000, what: 'both deliveries (one after a retry)' });
  const event = stripe.webhooks.constructEvent(delivered.snap.body, delivered.snap.signature, snapshot.secret);
  assert.equal(event.type, 'customer.created');
  assert.equal(event.data.object.id, customer.id);
  assert.throws(() => stripe.webhooks.constructEvent(delivered.snap.body, delivered.snap.signature, thin.secret));
  const notification = stripe.parseThinEvent
    ? stripe.parseThinEvent(delivered.thinOne.body, delivered.thinOne.signature, thin.secret)
    : stripe.parseEventNotification(delivered.thinOne.body, delivered.thinOne.signature, thin.secret);
  assert.equal(notification.type, 'v1.customer.created');
  assert.equal(notification.related_object.id, customer.id);
  assert.equal(failuresLeft, 0, 'the first attempt was refused, so the delivery above is a retry');
});
